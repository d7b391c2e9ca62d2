// A ballot book: the stream of ballots cast (first votes and changes of mind)
// reduced to the one that counts per key — the latest. "Latest" is the greatest
// `at` (epoch milliseconds, passed in by the caller); on equal `at` the event
// later in the stream wins, so replaying a stored log in storage order gives the
// same book as applying the events live. Replacing by key means a changed
// ballot can never count twice.
import type { BallotChoice } from "./ballot.js";
import type { VoterKey } from "./eligibility.js";

export interface BallotEvent {
  readonly key: VoterKey;
  readonly choice: BallotChoice;
  readonly at: number;
}

export type BallotBook = ReadonlyMap<VoterKey, BallotEvent>;

export const EMPTY_BALLOT_BOOK: BallotBook = new Map();

/** A new book with `event` applied; the given book is not changed. */
export function applyBallotEvent(book: BallotBook, event: BallotEvent): BallotBook {
  const current = book.get(event.key);
  if (current !== undefined && current.at > event.at) return book;
  const next = new Map(book);
  next.set(event.key, event);
  return next;
}

export function buildBallotBook(events: Iterable<BallotEvent>): BallotBook {
  const book = new Map<VoterKey, BallotEvent>();
  for (const event of events) {
    const current = book.get(event.key);
    if (current === undefined || current.at <= event.at) book.set(event.key, event);
  }
  return book;
}

/** The ballots that count, ordered by key so every later step is deterministic. */
export function latestBallots(events: Iterable<BallotEvent>): BallotEvent[] {
  return [...buildBallotBook(events).values()].sort((a, b) => compareKeys(a.key, b.key));
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
