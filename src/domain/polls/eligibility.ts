// Who may vote in a poll, and under which key. A ballot book keeps one ballot
// per key, so the key *is* the "one ballot per voter / per unit" rule:
// `user:<id>` for residents and owners (a person with several units or several
// registrations still has one ballot), `unit:<id>` for one ballot per unit
// (whoever of the unit's verified residents votes last decides the unit's ballot).
//
// The caller passes only voters in the consultation's audience (buildings,
// units); this module decides status, relation and key.
import type { VotersMode } from "./poll.js";

/** Any status string; only "verified" may vote. */
export type VoterStatus = "verified" | (string & {});
/** Any relation string; only "owner" counts as an owner. */
export type UnitRelation = "owner" | (string & {});

/** One person's registration for one unit. A person with two units has two records. */
export interface Voter {
  readonly userId: string;
  readonly status: VoterStatus;
  readonly relation: UnitRelation;
  readonly unitId: string;
  /**
   * The unit's exclusive floor area (专有部分面积) in 0.01 m² — the whole unit's,
   * also for each co-owner, never a share. Needed for owners under Art. 278.
   */
  readonly unitAreaCenti?: number;
}

export type VoterKey = `user:${string}` | `unit:${string}`;

export type IneligibleReason = "not-verified" | "not-owner";

export type Eligibility =
  | { readonly eligible: true; readonly key: VoterKey }
  | { readonly eligible: false; readonly reason: IneligibleReason };

export function userKey(userId: string): VoterKey {
  return `user:${userId}`;
}

export function unitKey(unitId: string): VoterKey {
  return `unit:${unitId}`;
}

export function voterEligibility(mode: VotersMode, voter: Voter): Eligibility {
  if (voter.status !== "verified") return { eligible: false, reason: "not-verified" };
  switch (mode) {
    case "residents":
      return { eligible: true, key: userKey(voter.userId) };
    case "owners":
      return voter.relation === "owner"
        ? { eligible: true, key: userKey(voter.userId) }
        : { eligible: false, reason: "not-owner" };
    case "unit":
      return { eligible: true, key: unitKey(voter.unitId) };
  }
}

/** Every distinct key that may hold a ballot; its size is the poll's eligible count. */
export function eligibleKeys(mode: VotersMode, voters: Iterable<Voter>): ReadonlySet<VoterKey> {
  const keys = new Set<VoterKey>();
  for (const voter of voters) {
    const e = voterEligibility(mode, voter);
    if (e.eligible) keys.add(e.key);
  }
  return keys;
}

/**
 * The keys one person may vote under, sorted. In `unit` mode a person living in
 * or owning several units gets one key per unit (the app asks which unit the
 * ballot is for); in the other modes at most one key.
 */
export function keysForUser(mode: VotersMode, voters: Iterable<Voter>, userId: string): VoterKey[] {
  const mine = [...voters].filter((v) => v.userId === userId);
  return [...eligibleKeys(mode, mine)].sort();
}
