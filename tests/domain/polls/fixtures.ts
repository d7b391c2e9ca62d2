import type { BallotEvent, PollDefinition, PollOption, Voter, VoterKey } from "../../../src/domain/polls/index.js";

export function options(n: number): PollOption[] {
  return Array.from({ length: n }, (_, id) => ({ id, label: `option ${id}` }));
}

export function singlePoll(n: number, rule: PollDefinition["rule"], extra: Partial<PollDefinition> = {}): PollDefinition {
  return { id: "p1", kind: "single", options: options(n), voters: "residents", rule, ...extra } as PollDefinition;
}

export function resident(userId: string, unitId = `u-${userId}`, extra: Partial<Voter> = {}): Voter {
  return { userId, status: "verified", relation: "tenant", unitId, ...extra };
}

export function owner(userId: string, unitId: string, unitAreaCenti: number, extra: Partial<Voter> = {}): Voter {
  return { userId, status: "verified", relation: "owner", unitId, unitAreaCenti, ...extra };
}

export function vote(key: VoterKey, choice: readonly number[], at = 0): BallotEvent {
  return { key, choice, at };
}

/** `n` ballots for `option` from distinct users starting at index `from`. */
export function votes(option: number, n: number, from: number): BallotEvent[] {
  return Array.from({ length: n }, (_, i) => vote(`user:v${from + i}`, [option]));
}

export function residents(n: number): Voter[] {
  return Array.from({ length: n }, (_, i) => resident(`v${i}`));
}
