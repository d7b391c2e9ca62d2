// Owners as PRC Civil Code Art. 278 counts them.
//
// The denominators are the whole decision scope's, not the bot's. The Supreme
// People's Court's interpretation on building-division ownership (法释〔2009〕7号,
// amended 2020): Art. 8, the total exclusive area is the sum of the exclusive
// areas of all units in scope (for us: the roster's area_m2 of every unit of
// the audience's buildings); Art. 9, the owners are counted by units, one per
// unit, except that the units of one buyer count as one (and the developer's
// unsold units together as one). An owner who never registered simply did not
// take part.
//
// Headcount convention "one-head-per-holder-set": the holders of a unit are its
// verified owners in the bot; an owner (one head) is a distinct set of holders,
// and every roster unit nobody holds in the bot is one owner of its own. So
//   - co-owners of a unit are one owner for that unit;
//   - the same person, or the same set of co-owners, holding several units is
//     one owner, whose area is the sum of those units;
//   - different holder sets are different owners even if they share a person
//     (A alone in unit 1 and A with B in unit 2 are two owners);
//   - the roster has no column for who bought which unit, so units nobody
//     registered count one owner each (the developer's unsold units too): the
//     spec's `ownerTotals` is the override for when the property register
//     knows better.
//
// An owner's ballot is the latest ballot cast by any of its holders (equal
// times: the holder whose key sorts last), so co-owners who disagree are
// settled the same way a unit's ballot is.
import type { BallotEvent } from "./ballotBook.js";
import { compareKeys } from "./ballotBook.js";
import { userKey } from "./eligibility.js";
import type { Voter } from "./eligibility.js";
import { exactSum } from "./fraction.js";
import { err, ok } from "./result.js";
import type { Result } from "./result.js";

export const OWNER_HEADCOUNT_CONVENTION = "one-head-per-holder-set" as const;
export type OwnerHeadcountConvention = typeof OWNER_HEADCOUNT_CONVENTION;

export interface Owner {
  /** Sorted user ids of the holders. */
  readonly holders: readonly string[];
  /** Sorted unit ids. */
  readonly units: readonly string[];
  /** Sum of the units' exclusive areas, in 0.01 m². */
  readonly areaCenti: number;
}

export type OwnerRegisterError =
  | { readonly code: "missing-unit-area"; readonly unitId: string }
  | { readonly code: "invalid-unit-area"; readonly unitId: string }
  /** Two owner records of the same unit state different areas. */
  | { readonly code: "inconsistent-unit-area"; readonly unitId: string };

/** Owners from the audience's voter records (verified owners only), sorted by holders. */
export function ownersFromVoters(voters: Iterable<Voter>): Result<Owner[], OwnerRegisterError> {
  const units = new Map<string, { holders: Set<string>; areaCenti: number }>();
  for (const v of voters) {
    if (v.status !== "verified" || v.relation !== "owner") continue;
    const area = v.unitAreaCenti;
    if (area === undefined) return err({ code: "missing-unit-area", unitId: v.unitId });
    if (!Number.isSafeInteger(area) || area < 0) return err({ code: "invalid-unit-area", unitId: v.unitId });
    const unit = units.get(v.unitId);
    if (unit === undefined) units.set(v.unitId, { holders: new Set([v.userId]), areaCenti: area });
    else if (unit.areaCenti !== area) return err({ code: "inconsistent-unit-area", unitId: v.unitId });
    else unit.holders.add(v.userId);
  }

  const owners = new Map<string, { holders: string[]; units: string[]; areas: number[] }>();
  for (const [unitId, unit] of units) {
    const holders = [...unit.holders].sort(compareKeys);
    const id = JSON.stringify(holders);
    const owner = owners.get(id) ?? { holders, units: [], areas: [] };
    owner.units.push(unitId);
    owner.areas.push(unit.areaCenti);
    owners.set(id, owner);
  }
  return ok(
    [...owners]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([, o]) => ({ holders: o.holders, units: o.units.sort(compareKeys), areaCenti: exactSum(o.areas) })),
  );
}

/** The ballot that speaks for an owner: the latest of its holders' ballots. */
export function ownerBallot(owner: Owner, ballots: ReadonlyMap<string, BallotEvent>): BallotEvent | undefined {
  let best: BallotEvent | undefined;
  for (const holder of owner.holders) {
    const b = ballots.get(userKey(holder));
    if (b !== undefined && (best === undefined || b.at > best.at || (b.at === best.at && compareKeys(b.key, best.key) > 0))) {
      best = b;
    }
  }
  return best;
}

/** The roster of the decision's scope: every unit of the audience's buildings with an exclusive area, registered in the bot or not. */
export interface RosterTotals {
  readonly units: number;
  /** The sum of those units' areas, in 0.01 m². */
  readonly areaCenti: number;
}

/** The roster's owner count: one per unit, except that the units of one registered owner (holder set) count once. */
export function rosterOwners(register: readonly Owner[], roster: RosterTotals): Result<number, { readonly code: "roster-smaller-than-register" }> {
  const registeredUnits = register.reduce((n, o) => n + o.units.length, 0);
  const registeredArea = exactSum(register.map((o) => o.areaCenti));
  if (!Number.isSafeInteger(roster.units) || !Number.isSafeInteger(roster.areaCenti) || roster.units < registeredUnits || roster.areaCenti < registeredArea) {
    return err({ code: "roster-smaller-than-register" });
  }
  return ok(roster.units - registeredUnits + register.length);
}
