// One service for every guided conversation (/new, /announce, a spec file's
// preview, statement inputs, /respond, an answer's note or translation, and
// whatever step-by-step command comes next). A conversation kind declares the
// zod schema of its state and how long it waits for the person; its steps are
// the kind's own pure functions (src/domain), which this service stores between
// updates. What it promises every kind:
// - state is checked when read: a row that does not parse or match the schema,
//   or that waited longer than the kind's lifetime, is deleted and reported as
//   lost (the bot says so, in the person's language) — it is never acted on;
// - every button carries the revision of the step it was sent with: a press of
//   an older step's button is refused and changes nothing;
// - every move and end is a compare-and-set on the stored row, so two presses
//   of one button (or two instances) never apply twice;
// - it lives in the database, so a restart loses nothing.
//
// To add a kind: defineConversation({ name, schema, lifetimeMs }) with a `rev`
// in its state if it has buttons (bumped by each step), then start / read /
// press / move / end here.

import type { z } from "zod";
import type { Clock } from "../ports.js";
import type { ChatStateRow, ChatStateStore } from "./ports.js";

export type { ChatStateRow, ChatStateStore } from "./ports.js";

export interface ConversationKind<S> {
  /** The ChatState kind, e.g. "new-consultation". */
  readonly name: string;
  /** The state's shape; a stored row not matching it is no conversation. */
  readonly schema: z.ZodType<S>;
  /** How long the conversation waits for the person's next step (from the last one). */
  readonly lifetimeMs: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function defineConversation<S>(kind: ConversationKind<S>): ConversationKind<S> {
  return kind;
}

/** A conversation as read: its checked state, and the stored row it came from (the token of the next move). */
export interface Held<S> {
  readonly kind: ConversationKind<S>;
  readonly state: S;
  readonly data: string;
}

export type LostReason = "unreadable" | "expired";

export type Reading<S> =
  /** No conversation, or one of another kind (left untouched). */
  | { readonly status: "none" }
  /** It was of this kind but unreadable or too old: deleted, nothing else happens. */
  | { readonly status: "lost"; readonly reason: LostReason }
  | { readonly status: "active"; readonly held: Held<S> };

/** A button press: as a reading, or refused because the button belongs to an earlier step. */
export type Pressed<S> = Reading<S> | { readonly status: "stale"; readonly held: Held<S> };

/** JSON that does not parse is as unreadable as JSON of the wrong shape. */
function json(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export class ConversationService {
  constructor(private readonly deps: { store: ChatStateStore; clock: Clock }) {}

  /** The person's stored conversation of any kind, unchecked: for routing (which kind is it?) and reading once per update. */
  current(userId: bigint): Promise<ChatStateRow | null> {
    return this.deps.store.get(userId);
  }

  /**
   * The person's conversation of `kind`, checked. `row` is what `current` returned this
   * update, if the caller has it (one read however many features ask).
   */
  async read<S>(userId: bigint, kind: ConversationKind<S>, row?: ChatStateRow | null): Promise<Reading<S>> {
    const stored = row === undefined ? await this.deps.store.get(userId) : row;
    if (!stored || stored.kind !== kind.name) return { status: "none" };
    const parsed = kind.schema.safeParse(json(stored.data));
    const reason: LostReason | null = !parsed.success ? "unreadable" : this.deps.clock.now().getTime() - stored.at.getTime() > kind.lifetimeMs ? "expired" : null;
    if (reason || !parsed.success) {
      // Only if unchanged: a conversation started meanwhile is not cut.
      await this.deps.store.take(userId, kind.name, stored.data);
      return { status: "lost", reason: reason ?? "unreadable" };
    }
    return { status: "active", held: { kind, state: parsed.data, data: stored.data } };
  }

  /** A press of a button sent with revision `rev`: the conversation, if that is still its step. */
  async press<S extends { readonly rev: number }>(userId: bigint, kind: ConversationKind<S>, rev: number, row?: ChatStateRow | null): Promise<Pressed<S>> {
    const r = await this.read(userId, kind, row);
    if (r.status === "active" && r.held.state.rev !== rev) return { status: "stale", held: r.held };
    return r;
  }

  /** Starts (or restarts) a conversation, replacing whatever the person was in. */
  async start<S>(userId: bigint, kind: ConversationKind<S>, state: S): Promise<Held<S>> {
    const data = JSON.stringify(kind.schema.parse(state));
    await this.deps.store.put(userId, kind.name, data, this.deps.clock.now());
    return { kind, state, data };
  }

  /** The next step, only if the conversation is still exactly `from`; null when something else moved it first. */
  async move<S>(userId: bigint, from: Held<S>, to: S): Promise<Held<S> | null> {
    const data = JSON.stringify(from.kind.schema.parse(to));
    if (!(await this.deps.store.replace(userId, from.kind.name, from.data, data, this.deps.clock.now()))) return null;
    return { kind: from.kind, state: to, data };
  }

  /** Ends the conversation if it is still exactly `from` (false: a second press, or it moved on). */
  end<S>(userId: bigint, from: Held<S>): Promise<boolean> {
    return this.deps.store.take(userId, from.kind.name, from.data);
  }

  /** Ends any conversation of this kind (never another kind's). */
  drop(userId: bigint, kind: { readonly name: string } | string): Promise<boolean> {
    return this.deps.store.take(userId, typeof kind === "string" ? kind : kind.name);
  }
}
