// Which statement to show a resident next (Pol.is's comment routing):
//   p = (P+1)/(S+2), a = (A+1)/(S+2), importance = (1 − p)·(E + 1)·a,
//   priority = (importance · (1 + 8·2^(−S/5)))²
// S votes seen, A agrees, P passes, E extremity. New statements get up to a
// ninefold boost that fades over their first votes; divisive ones (large E) and
// engaging ones (few passes) come up more often. Committee seed statements get a
// fixed high priority. The draw is weighted by priority, never repeats a
// statement the resident voted on, and takes its randomness from the caller.

import type { RandomSource } from "./random.js";
import type { StatementId } from "./types.js";

export interface RoutingStatement<S extends StatementId = StatementId> {
  readonly statementId: S;
  /** Votes seen (agree + disagree + pass), over everyone. */
  readonly seen: number;
  readonly agree: number;
  readonly pass: number;
  readonly extremity: number;
  readonly seed?: boolean;
}

/**
 * Pol.is gives its "meta" statements 7 before squaring. 49 is well above what a
 * brand-new ordinary statement gets ((9·(E+1)/4)² ≈ 5 at E = 0) and far above a
 * well-voted one (≈ 0.5), so seeds come first without starving the rest.
 */
export const SEED_PRIORITY = 49;

export function statementImportance(seen: number, agree: number, pass: number, extremity: number): number {
  const p = (pass + 1) / (seen + 2);
  const a = (agree + 1) / (seen + 2);
  return (1 - p) * (extremity + 1) * a;
}

export function statementPriority(seen: number, agree: number, pass: number, extremity: number): number {
  const boosted = statementImportance(seen, agree, pass, extremity) * (1 + 8 * 2 ** (-seen / 5));
  return boosted * boosted;
}

/** Priorities computed once per analysis; a draw then costs one pass over the statements. */
export interface RoutingTable<S extends StatementId = StatementId> {
  readonly statementIds: readonly S[];
  readonly priorities: Float64Array;
}

export interface RoutingOptions {
  /** Priority of seed statements; SEED_PRIORITY by default. */
  readonly seedPriority?: number;
}

export function prepareRouting<S extends StatementId>(statements: readonly RoutingStatement<S>[], options: RoutingOptions = {}): RoutingTable<S> {
  const seedPriority = options.seedPriority ?? SEED_PRIORITY;
  const priorities = new Float64Array(statements.length);
  const statementIds: S[] = new Array<S>(statements.length);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    statementIds[i] = s.statementId;
    priorities[i] = s.seed === true ? seedPriority : statementPriority(s.seen, s.agree, s.pass, s.extremity);
  }
  return { statementIds, priorities };
}

function isTable<S extends StatementId>(x: RoutingTable<S> | readonly RoutingStatement<S>[]): x is RoutingTable<S> {
  return !Array.isArray(x);
}

/**
 * Picks a statement the resident has not voted on, with probability proportional
 * to its priority. Returns null when every statement has been voted on.
 * `random` returns a float in [0, 1) (e.g. createSeededRandom, or Math.random in the app).
 */
export function chooseNextStatement<S extends StatementId>(
  statements: RoutingTable<S> | readonly RoutingStatement<S>[],
  voted: ReadonlySet<S>,
  random: RandomSource,
  options: RoutingOptions = {},
): S | null {
  const table = isTable(statements) ? statements : prepareRouting(statements, options);
  const { statementIds, priorities } = table;
  const n = statementIds.length;
  const eligible = new Int32Array(n);
  const cumulative = new Float64Array(n);
  let count = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (voted.has(statementIds[i]!)) continue;
    total += priorities[i]!;
    eligible[count] = i;
    cumulative[count] = total;
    count++;
  }
  if (count === 0) return null;
  if (!(total > 0)) return statementIds[eligible[Math.min(count - 1, Math.floor(random() * count))]!]!;
  const target = random() * total;
  // Binary search for the first cumulative weight above the target.
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return statementIds[eligible[lo]!]!;
}

/** The routing inputs of a cached analysis (counts over everyone, extremity, seed flags). */
export function routingStatements<S extends StatementId>(analysis: {
  readonly statements: readonly {
    readonly statementId: S;
    readonly seen: number;
    readonly agree: number;
    readonly pass: number;
    readonly extremity: number;
    readonly seed: boolean;
  }[];
}): RoutingStatement<S>[] {
  return analysis.statements.map((s) => ({
    statementId: s.statementId,
    seen: s.seen,
    agree: s.agree,
    pass: s.pass,
    extremity: s.extremity,
    seed: s.seed,
  }));
}
