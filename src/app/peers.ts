// Several instances on one database keep things in memory — consultations on
// the vote path, opinion-group tables, staff languages — and each must hear
// when another changed what it keeps. A change is announced after it was
// stored; every instance that hears it drops its copy and reads storage again.
// A feed that was cut may have missed announcements, so when it is back every
// copy is dropped. Each cache also has a short lifetime of its own, as a safety
// net for an announcement that never went out (the process died right after
// the write; a SQLite database changed by the CLI).

/** What changed, as announced to the other instances. */
export type Change =
  /** A consultation's status (opened, closed, …): drop it from the consultation cache. */
  | { readonly topic: "consultation"; readonly id: number }
  /** A consultation was created or changed state: the scheduler looks at its times again. */
  | { readonly topic: "schedule" }
  /** A consultation's approved statements or analysis: rebuild its routing table. */
  | { readonly topic: "routing"; readonly id: number }
  /** A staff member's language or roles: read them again. */
  | { readonly topic: "staff"; readonly userId: bigint };

export interface PeerListener {
  /** Another instance changed this. */
  changed(change: Change): void;
  /** Announcements may have been missed (the feed was cut and is back, or just started): drop everything. */
  reset(): void;
}

/** The other instances on the same database. */
export interface PeerFeed {
  /** Tells the others (not this instance) after the change was stored. Never throws: a lost announcement is covered by the caches' lifetimes. */
  announce(change: Change): void;
  /** Hears the others' announcements from start() on. */
  subscribe(listener: PeerListener): () => void;
  /** Starts listening (the bot's process; the CLI only announces); `onError` hears what failed (src/main.ts logs it). */
  start(opts?: { onError?: (error: unknown, what: string) => void }): void;
  /** Stops listening and waits for announcements under way. */
  close(): Promise<void>;
}

/** One process alone (SQLite, tests): nobody to tell, nothing to hear. */
export const soloFeed: PeerFeed = {
  announce: () => undefined,
  subscribe: () => () => undefined,
  start: () => undefined,
  close: async () => undefined,
};

/**
 * "Look at the schedule again" across instances: a local emit is announced to
 * the others, and theirs are emitted here (without being announced back).
 */
export function shareSchedule(peers: PeerFeed, signal: { on(listener: () => void): () => void; emit(): void }): void {
  let echoing = false;
  signal.on(() => {
    if (!echoing) peers.announce({ topic: "schedule" });
  });
  const wake = () => {
    echoing = true;
    try {
      signal.emit();
    } finally {
      echoing = false;
    }
  };
  peers.subscribe({ changed: (c) => c.topic === "schedule" && wake(), reset: wake });
}
