/** One person's stored guided conversation (the ChatState table: one per person at a time, kept across restarts). */
export interface ChatStateRow {
  readonly kind: string;
  /** The kind's state as JSON, exactly as stored: the token of every compare-and-set. */
  readonly data: string;
  /** When the conversation last moved, by the service's clock. */
  readonly at: Date;
}

export interface ChatStateStore {
  get(userId: bigint): Promise<ChatStateRow | null>;
  /** Starts (or restarts) a conversation, replacing whatever state the person had. */
  put(userId: bigint, kind: string, data: string, at: Date): Promise<void>;
  /** Moves a conversation on only if it is still exactly `from`: two presses never apply twice. */
  replace(userId: bigint, kind: string, from: string, to: string, at: Date): Promise<boolean>;
  /** Ends it only if it is still exactly `from` (or any state of `kind` when `from` is omitted). */
  take(userId: bigint, kind: string, from?: string): Promise<boolean>;
}
