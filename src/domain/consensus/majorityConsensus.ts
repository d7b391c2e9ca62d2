// Majority consensus over every clustered voter, groups ignored: statements a
// clear majority agrees (or disagrees) with. Candidates need p > 0.5 and a
// z-score above 1.2816; ranked by p·z, top 5 each way.

import { proportionZ, smoothedProportion, Z_90 } from "./stats.js";

export interface ConsensusEntry {
  readonly statement: number;
  readonly probability: number;
  readonly zScore: number;
}

export interface MajorityConsensus {
  readonly agree: ConsensusEntry[];
  readonly disagree: ConsensusEntry[];
}

function pick(successes: ArrayLike<number>, seen: ArrayLike<number>, max: number): ConsensusEntry[] {
  const out: ConsensusEntry[] = [];
  for (let s = 0; s < seen.length; s++) {
    const probability = smoothedProportion(successes[s]!, seen[s]!);
    const zScore = proportionZ(successes[s]!, seen[s]!);
    if (probability > 0.5 && zScore > Z_90) out.push({ statement: s, probability, zScore });
  }
  out.sort((a, b) => b.probability * b.zScore - a.probability * a.zScore || a.statement - b.statement);
  return out.slice(0, max);
}

/** Arrays indexed by statement: agrees, disagrees and votes seen among clustered participants. */
export function majorityConsensus(
  agree: ArrayLike<number>,
  disagree: ArrayLike<number>,
  seen: ArrayLike<number>,
  max = 5,
): MajorityConsensus {
  return { agree: pick(agree, seen, max), disagree: pick(disagree, seen, max) };
}
