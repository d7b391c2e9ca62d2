// Who may vote in a poll of a consultation, under which key, and how a ballot
// travels inside button data (a multiple-choice selection as a bit mask, a
// ranking as one rank character per option).
import { eligibleKeys, isCivilCode278, rankingFromRankMap, unitKey, userKey, validateBallot, voterEligibility } from "../polls/index.js";
import type { BallotChoice, BallotErrorCode, RankMapError, Voter, VoterKey, VotersMode } from "../polls/index.js";
import { err, ok } from "../polls/result.js";
import type { Result } from "../polls/result.js";
import { inAudience } from "./audience.js";
import type { Consultation, Poll } from "./consultation.js";

/** What the vote path knows about the person pressing. */
export interface VoterProfile {
  readonly id: bigint;
  readonly status: string;
  readonly relation: string | null;
  readonly areaCenti: number | null;
  readonly unit: { readonly id: number; readonly building: string; readonly number: string; readonly areaCenti: number | null } | null;
}

export type Refusal =
  | "not-verified"
  | "not-in-audience"
  | "not-owner"
  | "no-area"
  | "not-open"
  | "closed";

export type BallotProblem = BallotErrorCode | RankMapError["code"] | "wrong-shape";

/** The person's key in this poll, or why they may not vote in it (ignoring open/closed). */
export function pollKey(c: Pick<Consultation, "audience">, poll: Poll, v: VoterProfile): Result<VoterKey, Refusal> {
  if (v.status !== "verified" || v.unit === null) return err("not-verified");
  if (!inAudience({ status: "verified", unit: { ...v.unit } }, c.audience)) return err("not-in-audience");
  const e = voterEligibility(poll.spec.voters, toVoter(v));
  if (!e.eligible) return err(e.reason === "not-owner" ? "not-owner" : "not-verified");
  // Art. 278 weighs the roster's area of the unit (SPC interpretation Art. 8), the same area the totals are made of.
  if (isCivilCode278(poll.spec.rule) && v.unit.areaCenti === null) return err("no-area");
  return ok(e.key);
}

/** Whether votes are taken now: open, and the closing time not reached (the scheduler may be a second late). */
export function votingOpen(c: Pick<Consultation, "status" | "closesAt">, now: Date): Result<true, Refusal> {
  if (c.status === "draft") return err("not-open");
  if (c.status !== "open" || c.closesAt.getTime() <= now.getTime()) return err("closed");
  return ok(true);
}

/** The area that counts for a person's unit when only their own record is at hand: the roster's, else what they gave. */
export function ownUnitArea(v: VoterProfile): number | null {
  return v.unit?.areaCenti ?? v.areaCenti ?? null;
}

export function toVoter(v: VoterProfile): Voter {
  const area = ownUnitArea(v);
  return {
    userId: String(v.id),
    status: v.status,
    relation: v.relation ?? "",
    unitId: String(v.unit?.id ?? ""),
    ...(area !== null ? { unitAreaCenti: area } : {}),
  };
}

/** One audience member as storage returns them, for the count at closing. */
export interface AudienceMember {
  readonly userId: bigint;
  readonly relation: string | null;
  readonly areaCenti: number | null;
  readonly unitId: number;
  readonly building: string;
  readonly number: string;
  readonly unitAreaCenti: number | null;
}

/**
 * Voter records for the domain's count. Under Art. 278 (`weighByArea`) a
 * unit's exclusive area is the roster's, as for the totals, which are the
 * roster's too: owners of a unit the roster has no area for can't be weighed,
 * so they are left out of the Art. 278 register and their units are named (the
 * committee fixes the roster). Other polls need no area and count them as usual.
 */
export function audienceVoters(members: readonly AudienceMember[], weighByArea: boolean): { voters: Voter[]; unitsWithoutArea: string[] } {
  const voters: Voter[] = [];
  const missing = new Set<string>();
  for (const m of members) {
    const area = m.unitAreaCenti;
    if (m.relation === "owner" && area === null && weighByArea) {
      missing.add(`${m.building} ${m.number}`);
      // Still a resident for `residents` and `unit` polls; just not an owner the register can weigh.
      voters.push({ userId: String(m.userId), status: "verified", relation: "owner-without-area", unitId: String(m.unitId) });
      continue;
    }
    voters.push({ userId: String(m.userId), status: "verified", relation: m.relation ?? "", unitId: String(m.unitId), ...(area !== null ? { unitAreaCenti: area } : {}) });
  }
  return { voters, unitsWithoutArea: [...missing].sort() };
}

/** A stored ballot whose voter used /forget (the Ballot row no longer names anyone). */
export interface FormerBallot {
  readonly key: VoterKey;
  /** The unit the voter was in when voting (kept: it names a flat, not a person). */
  readonly unitId: number | null;
}

/**
 * Voter records standing in for people who voted and then deleted their data
 * (domain.md §5: their votes remain, as anonymous counts). Without them the
 * domain would see a ballot whose key nobody holds and leave it uncounted.
 * Each stands for what the person was when the ballot was accepted: a
 * verified resident of the audience, an owner in an owners' poll (the vote
 * path refused anyone else), in the unit the ballot records. Under Art. 278
 * their unit's area is what it is for everyone else; if none is known, they
 * cannot be weighed and their unit is named like any other.
 */
export function formerVoters(
  mode: VotersMode,
  weighByArea: boolean,
  ballots: readonly FormerBallot[],
  current: readonly Voter[],
  rosterArea: ReadonlyMap<number, number | null>,
): { voters: Voter[]; unitsWithoutArea: number[] } {
  const eligible = eligibleKeys(mode, current);
  const areaOfUnit = new Map<string, number>();
  for (const v of current) if (v.unitAreaCenti !== undefined) areaOfUnit.set(v.unitId, v.unitAreaCenti);
  const voters: Voter[] = [];
  const missing = new Set<number>();
  for (const b of ballots) {
    if (eligible.has(b.key)) continue;
    const unitId = b.unitId === null ? `former:${b.key}` : String(b.unitId);
    if (b.key.startsWith("unit:")) {
      voters.push({ userId: `former:${b.key}`, status: "verified", relation: "former", unitId: b.key.slice(5) });
      continue;
    }
    const area = b.unitId === null ? null : (rosterArea.get(b.unitId) ?? areaOfUnit.get(unitId) ?? null);
    if (weighByArea && area === null) {
      if (b.unitId !== null) missing.add(b.unitId);
      continue;
    }
    voters.push({ userId: b.key.slice(5), status: "verified", relation: mode === "owners" ? "owner" : "former", unitId, ...(area !== null ? { unitAreaCenti: area } : {}) });
  }
  return { voters, unitsWithoutArea: [...missing] };
}

export { unitKey, userKey };

// --- ballots inside button data -------------------------------------------------

/** Multiple choice: bit i set ⇔ option i chosen. */
export function maskOf(choice: Iterable<number>): number {
  let mask = 0;
  for (const o of choice) mask |= 1 << o;
  return mask;
}

export function choiceOfMask(mask: number, optionCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < optionCount; i++) if (mask & (1 << i)) out.push(i);
  return out;
}

const RANK_CHARS = "123456789a";

/** A ranking [2, 0] of 3 options as "2-1": option 0 has rank 2, option 1 none, option 2 rank 1. */
export function ranksOf(ranking: readonly number[], optionCount: number): string {
  const chars = new Array<string>(optionCount).fill("-");
  ranking.forEach((o, i) => (chars[o] = RANK_CHARS[i] ?? "-"));
  return chars.join("");
}

/**
 * Reads a rank string back into a ranking, through the domain's rank-map check:
 * a duplicate rank or a gap (ranks 1 and 3 but no 2) is refused, as is a string
 * that does not fit the poll. An empty ranking ("---") is allowed here (the
 * voter has not ranked anything yet); submitting it is refused by `checkBallot`.
 */
export function rankingOf(ranks: string, optionCount: number): Result<number[], BallotProblem> {
  if (ranks.length !== optionCount || !/^[-1-9a]+$/.test(ranks)) return err("wrong-shape");
  const map: Record<string, number> = {};
  [...ranks].forEach((ch, option) => {
    if (ch !== "-") map[String(option)] = RANK_CHARS.indexOf(ch) + 1;
  });
  if (Object.keys(map).length === 0) return ok([]);
  const r = rankingFromRankMap(optionCount, map);
  return r.ok ? ok(r.value) : err(r.error.code);
}

/** The domain's ballot check, for a choice built from button data. */
export function checkBallot(poll: Poll, choice: BallotChoice): Result<BallotChoice, BallotProblem> {
  const r = validateBallot(poll.definition, choice);
  return r.ok ? ok(r.value) : err(r.error);
}

export function isVoterKey(key: string): key is VoterKey {
  return key.startsWith("user:") || key.startsWith("unit:");
}
