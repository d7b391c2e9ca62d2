// Votes as columns: building them row by row, keeping the latest vote per
// voter × comment, and converting to and from PolisVote objects (small exports).

import type { PolisVote, PolisVoteColumns, PolisVoteValue } from "./types.js";

/** Appends votes into typed arrays that grow by doubling. */
export class VoteColumnsBuilder {
  length = 0;
  private voterId = new Int32Array(1024);
  private commentId = new Int32Array(1024);
  private vote = new Int8Array(1024);
  private timestamp: Float64Array | null;
  private datetime: string[] | null;

  constructor(options: { readonly timestamps: boolean; readonly datetimes: boolean }) {
    this.timestamp = options.timestamps ? new Float64Array(1024) : null;
    this.datetime = options.datetimes ? [] : null;
  }

  add(voterId: number, commentId: number, vote: number, timestamp = 0, datetime = ""): void {
    if (this.length === this.voterId.length) this.grow();
    const i = this.length++;
    this.voterId[i] = voterId;
    this.commentId[i] = commentId;
    this.vote[i] = vote;
    if (this.timestamp !== null) this.timestamp[i] = timestamp;
    if (this.datetime !== null) this.datetime.push(datetime);
  }

  /** Sets the voter of the votes added since index `from`. */
  setVoterFrom(from: number, voterId: number): void {
    this.voterId.fill(voterId, from, this.length);
  }

  private grow(): void {
    const size = this.voterId.length * 2;
    const more = <T extends Int32Array | Int8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.voterId = more(this.voterId, (n) => new Int32Array(n));
    this.commentId = more(this.commentId, (n) => new Int32Array(n));
    this.vote = more(this.vote, (n) => new Int8Array(n));
    if (this.timestamp !== null) this.timestamp = more(this.timestamp, (n) => new Float64Array(n));
  }

  build(): PolisVoteColumns {
    const n = this.length;
    return {
      length: n,
      voterId: this.voterId.slice(0, n),
      commentId: this.commentId.slice(0, n),
      vote: this.vote.slice(0, n),
      timestamp: this.timestamp === null ? null : this.timestamp.slice(0, n),
      datetime: this.datetime,
    };
  }
}

/**
 * Dense 0-based indices for integer ids, in order of first appearance: a lookup
 * table when the ids are small (they are in Pol.is exports), a Map otherwise.
 */
export function denseIndices(ids: Int32Array): { readonly index: Int32Array; readonly count: number } {
  const n = ids.length;
  const index = new Int32Array(n);
  let min = 0;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = ids[i]!;
    if (i === 0 || v < min) min = v;
    if (i === 0 || v > max) max = v;
  }
  let count = 0;
  if (n > 0 && max - min < 4 * n + 1_000_000) {
    const table = new Int32Array(max - min + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = ids[i]! - min;
      let at = table[k]!;
      if (at < 0) table[k] = at = count++;
      index[i] = at;
    }
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let at = map.get(ids[i]!);
      if (at === undefined) map.set(ids[i]!, (at = count++));
      index[i] = at;
    }
  }
  return { index, count };
}

/**
 * The latest vote per voter × comment (the highest timestamp; on equal
 * timestamps, or without timestamps, the later one), survivors in their order.
 * Returns `votes` itself when nothing repeats.
 */
export function latestVoteColumns(votes: PolisVoteColumns): PolisVoteColumns {
  const n = votes.length;
  const voters = denseIndices(votes.voterId);
  const comments = denseIndices(votes.commentId);
  // Group vote indices by voter (counting sort, stable), then look for repeats within each voter.
  const start = new Int32Array(voters.count + 1);
  for (let i = 0; i < n; i++) start[voters.index[i]! + 1]!++;
  for (let v = 0; v < voters.count; v++) start[v + 1]! += start[v]!;
  const order = new Int32Array(n);
  const cursor = start.slice(0, voters.count);
  for (let i = 0; i < n; i++) order[cursor[voters.index[i]!]!++] = i;
  const stamp = new Int32Array(comments.count).fill(-1);
  const winner = new Int32Array(comments.count);
  let drop: Uint8Array | null = null;
  const ts = votes.timestamp;
  for (let v = 0; v < voters.count; v++) {
    for (let k = start[v]!, end = start[v + 1]!; k < end; k++) {
      const i = order[k]!;
      const c = comments.index[i]!;
      if (stamp[c] !== v) {
        stamp[c] = v;
        winner[c] = i;
        continue;
      }
      drop ??= new Uint8Array(n);
      const w = winner[c]!;
      if (ts === null || ts[i]! >= ts[w]!) {
        drop[w] = 1;
        winner[c] = i;
      } else drop[i] = 1;
    }
  }
  if (drop === null) return votes;
  let kept = 0;
  for (let i = 0; i < n; i++) if (drop[i] === 0) kept++;
  const out = {
    voterId: new Int32Array(kept),
    commentId: new Int32Array(kept),
    vote: new Int8Array(kept),
    timestamp: ts === null ? null : new Float64Array(kept),
    datetime: votes.datetime === null ? null : ([] as string[]),
  };
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (drop[i] === 1) continue;
    out.voterId[at] = votes.voterId[i]!;
    out.commentId[at] = votes.commentId[i]!;
    out.vote[at] = votes.vote[i]!;
    if (out.timestamp !== null) out.timestamp[at] = ts![i]!;
    if (out.datetime !== null) out.datetime.push(votes.datetime![i]!);
    at++;
  }
  return { length: kept, ...out };
}

export function voteObjects(votes: PolisVoteColumns): PolisVote[] {
  const out: PolisVote[] = new Array(votes.length);
  for (let i = 0; i < votes.length; i++) {
    out[i] = {
      timestamp: votes.timestamp === null ? 0 : votes.timestamp[i]!,
      datetime: votes.datetime === null ? "" : votes.datetime[i]!,
      commentId: votes.commentId[i]!,
      voterId: votes.voterId[i]!,
      vote: votes.vote[i]! as PolisVoteValue,
    };
  }
  return out;
}

export function voteColumns(votes: readonly PolisVote[]): PolisVoteColumns {
  const b = new VoteColumnsBuilder({ timestamps: true, datetimes: true });
  for (const v of votes) b.add(v.voterId, v.commentId, v.vote, v.timestamp, v.datetime);
  return b.build();
}
