// What a report handed to the back-stage contains: every figure it shows,
// computed once at submission and stored as JSON (ReportSnapshot.content).
// Renderers (messages, charts, files) read only this value, never live data.
//
// The privacy wall is built into the shape: there is no field for a name, a
// username, a Telegram id, a unit, an invite code or a statement's author;
// breakdown cells are ShownCounts (small cells hidden); resident-written texts
// are masked before they get here; groups under 5 keep only a hidden size.
import type { LocalizedText } from "../consultations/texts.js";
import type { Language } from "../language.js";
import type { Direction } from "../consensus/types.js";
import type { PollResult } from "../polls/index.js";
import type { PublishedCount } from "../privacy/index.js";

export const REPORT_FORMAT = 1;

/**
 * A count in a breakdown: shown, or withheld because it counts 1–4 people
 * ("small", shown "<5") or would let one be worked out ("complementary", shown "*").
 * The privacy module's PublishedCount (src/domain/privacy), which produces it.
 */
export type ShownCount = PublishedCount;

export interface BreakdownRow {
  /** A building name, a relation code (owner|tenant|operator|other|unknown) or a language code. */
  readonly key: string;
  readonly eligible: ShownCount;
  readonly tookPart: ShownCount;
}

export interface ReportParticipation {
  /** Verified residents of the audience at submission (withheld like a cell when 1–4, or when a breakdown needs it). */
  readonly eligible: ShownCount;
  /** Of them, those who cast a ballot or rated a statement. */
  readonly tookPart: ShownCount;
  /** tookPart / eligible, as a fraction so it can be checked; null when either is withheld. */
  readonly turnout: { readonly numerator: number; readonly denominator: number } | null;
  readonly byBuilding: readonly BreakdownRow[];
  readonly byRelation: readonly BreakdownRow[];
  readonly byLanguage: readonly BreakdownRow[];
}

export interface ReportPoll {
  /** 1-based position in the consultation. */
  readonly number: number;
  readonly question: LocalizedText;
  readonly kind: PollResult["kind"];
  /** Empty for a scale poll. */
  readonly options: readonly LocalizedText[];
  readonly labels: { readonly low: LocalizedText; readonly high: LocalizedText } | null;
  readonly voters: PollResult["voters"];
  readonly rule: PollResult["rule"];
  /** The result as the decision rule computed it (closing's own function; ranked: every round). */
  readonly result: PollResult;
  /** "closing": the result stored when the consultation closed; "interim": counted at submission while still open. */
  readonly source: "closing" | "interim";
  /** Art. 278: how many owners' units had no floor area and were left out (never which). */
  readonly unitsWithoutArea: number;
  readonly notes: readonly string[];
}

export interface ReportStatementRef {
  /** The statement's number in this report (1-based, in Statements order). */
  readonly number: number;
  /** Masked text as written, and its translation if the committee added one. */
  readonly text: LocalizedText;
}

export interface ReportGroupStatement extends ReportStatementRef {
  readonly direction: Direction;
  /** The group's share voting that way, 0–100. */
  readonly percent: number;
  /** Everyone else's (clustered, outside the group) share voting that way, 0–100. */
  readonly othersPercent: number;
}

export interface ReportGroup {
  /** "A", "B", … largest first. */
  readonly label: string;
  readonly size: ShownCount;
  /** Fewer than 5 members: nothing about it is described. */
  readonly described: boolean;
  readonly representative: readonly ReportGroupStatement[];
}

export interface ReportStatementCounts {
  readonly agree: number;
  readonly disagree: number;
  readonly pass: number;
}

export interface ReportStatement extends ReportStatementRef {
  readonly original: Language;
  /** Written by the committee as a seed, not by a resident. */
  readonly seed: boolean;
  readonly overall: ReportStatementCounts;
  /** Per described group, by label (groups under 5 are left out). */
  readonly byGroup: Readonly<Record<string, ReportStatementCounts>>;
}

export interface ReportOpinions {
  /** Distinct participants with a statement vote. */
  readonly participants: ShownCount;
  /** Those with enough votes to be placed in a group (the total of the group sizes). */
  readonly clustered: ShownCount;
  readonly groups: readonly ReportGroup[];
  readonly consensus: {
    readonly agree: readonly (ReportStatementRef & { readonly percent: number; readonly seen: number })[];
    readonly disagree: readonly (ReportStatementRef & { readonly percent: number; readonly seen: number })[];
  };
  /** Agree share per described group, by label (null: the group did not vote on it). */
  readonly groupInformed: readonly (ReportStatementRef & { readonly agreeByGroup: Readonly<Record<string, number | null>> })[];
  /** Where the described groups differ most: highest minus lowest agree share. */
  readonly divisive: readonly (ReportStatementRef & { readonly spread: number; readonly agreeByGroup: Readonly<Record<string, number | null>> })[];
  readonly uncertainty: readonly (ReportStatementRef & { readonly passPercent: number; readonly seen: number })[];
  /** The opinion map: every participant as a point in the PCA plane, in no particular order, no ids; group null = not clustered or in a group under 5. */
  readonly map: readonly { readonly x: number; readonly y: number; readonly group: string | null }[];
}

export interface ReportTheme {
  readonly term: string;
  readonly count: number;
}

export interface ReportModeration {
  /** Statements residents wrote. */
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
  readonly pending: number;
  /** The committee's own seed statements (not moderated). */
  readonly seeds: number;
}

export interface ReportChanges {
  readonly since: number;
  readonly participation: { readonly eligible: [ShownCount, ShownCount]; readonly tookPart: [ShownCount, ShownCount] };
  readonly polls: readonly {
    readonly number: number;
    readonly ballots: [number, number];
    readonly outcome: [string, string];
    readonly winners: [readonly number[], readonly number[]];
  }[];
  readonly groups: { readonly before: readonly ShownCount[]; readonly after: readonly ShownCount[] };
  /** Top consensus statements (agree) that entered or left the list, by text. */
  readonly consensus: { readonly entered: readonly LocalizedText[]; readonly left: readonly LocalizedText[] };
}

export interface ReportContent {
  readonly format: typeof REPORT_FORMAT;
  readonly consultation: {
    readonly number: number;
    readonly title: LocalizedText;
    readonly description: LocalizedText | null;
    /** Buildings of the audience; null: every verified resident of the park. */
    readonly audience: readonly string[] | null;
    readonly openedAt: string | null;
    readonly closesAt: string;
    readonly closedAt: string | null;
  };
  readonly kind: "interim" | "final";
  /** When the figures were computed (ISO). */
  readonly computedAt: string;
  readonly participation: ReportParticipation;
  readonly polls: readonly ReportPoll[];
  readonly opinions: ReportOpinions;
  readonly themes: readonly ReportTheme[];
  readonly statements: readonly ReportStatement[];
  readonly moderation: ReportModeration;
  /** What changed since the previous version (absent in version 1). */
  readonly changes: ReportChanges | null;
}

export const shownValue = (c: ShownCount): number | null => (typeof c === "number" ? c : null);
