// Owners as PRC Civil Code Art. 278 counts them.
//
// Headcount convention "one-head-per-holder-set": the holders of a unit are its
// verified owners; an owner (one head) is a distinct set of holders. So
//   - co-owners of a unit are one owner for that unit;
//   - the same person, or the same set of co-owners, holding several units is
//     one owner, whose area is the sum of those units;
//   - different holder sets are different owners even if they share a person
//     (A alone in unit 1 and A with B in unit 2 are two owners).
// This follows the Supreme People's Court interpretation on building
// condominium ownership (法释〔2009〕7号, 2020 revision), Art. 9: one exclusive
// unit counts as one person, and the same buyer of more than one unit counts as
// one person; Art. 8: the area is the unit's registered exclusive area.
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
