// The guided conversation of /new as a pure state machine: a state, an answer
// (typed text or a pressed button), and either the next state or a problem the
// committee member can fix (the state stays). The bot stores the state in
// ChatState, so a restart loses nothing, and renders each step's question.
import type { Language } from "../language.js";
import { includesName, sameName } from "../residents/names.js";
import { MAX_OPTIONS, MIN_OPTIONS, RULES_FOR_KIND, isCivilCode278 } from "../polls/index.js";
import type { DecisionRule, PollKind, VotersMode } from "../polls/index.js";
import type { PollSpec, ResultsVisibility } from "./consultation.js";
import { parseDateTime, zonedToUtc, offsetMs } from "./dateTime.js";
import { LIMITS, MAX_OPEN_DAYS, MAX_POLLS, MAX_SEED_STATEMENTS } from "./spec.js";
import { checkStatementText, normalizeStatement } from "../statements/text.js";
import { comparableText, looksChinese } from "./texts.js";
import type { LocalizedText } from "./texts.js";

export type WizardStep =
  | "langs"
  | "title"
  | "description"
  | "audience"
  | "closes"
  | "question"
  | "kind"
  | "options"
  | "labels"
  | "maxChoices"
  | "voters"
  | "rule"
  | "quorum"
  | "results"
  | "more"
  | "statements"
  | "seeds"
  | "preview";

/** The poll being defined. */
export interface DraftPoll {
  readonly question: LocalizedText;
  readonly kind?: PollKind;
  readonly options: readonly LocalizedText[];
  readonly labels?: { readonly low: LocalizedText; readonly high: LocalizedText };
  readonly maxChoices?: number;
  readonly voters?: VotersMode;
  readonly rule?: DecisionRule;
  readonly quorumPercent?: number;
}

export interface WizardState {
  readonly v: 1;
  /** Bumped on every move; buttons carry it, so a button of an earlier step is refused. */
  readonly rev: number;
  readonly step: WizardStep;
  /** The languages the committee member writes in, in the order asked. */
  readonly langs: readonly Language[];
  /** Which of `langs` the current text step asks for. */
  readonly li: number;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  /** null: every verified resident; during the audience step, the buildings ticked so far. */
  readonly audience: readonly string[] | null;
  readonly closesAt: string | null;
  readonly polls: readonly PollSpec[];
  readonly poll: DraftPoll;
  readonly residentStatements: boolean;
  readonly moderated: boolean;
  readonly seeds: readonly LocalizedText[];
}

export type WizardInput = { readonly text: string } | { readonly button: string };

export type WizardProblem =
  | { code: "text-expected" }
  | { code: "button-expected" }
  | { code: "too-long"; max: number }
  | { code: "option-count"; min: number; max: number; count: number }
  | { code: "option-count-mismatch"; expected: number; count: number }
  | { code: "option-too-long"; line: number; max: number }
  | { code: "duplicate-option"; line: number }
  | { code: "labels-count" }
  | { code: "bad-time" }
  | { code: "in-past" }
  | { code: "too-far"; days: number }
  | { code: "no-building" }
  | { code: "bad-quorum" }
  | { code: "units-without-area"; units: string; count: number }
  | { code: "too-many-polls"; max: number }
  | { code: "statement-too-long"; line: number; max: number }
  | { code: "statement-question"; line: number }
  | { code: "statement-duplicate"; line: number }
  | { code: "too-many-statements"; max: number };

export interface WizardContext {
  readonly now: Date;
  readonly timeZone: string;
  /** The roster's buildings, in the order the buttons show them. */
  readonly buildings: readonly string[];
  /** Roster units of the chosen audience without a floor area: how many, and the first names (needed only at the rule step). */
  readonly unitsWithoutArea?: { readonly count: number; readonly names: readonly string[] };
}

export type WizardResult = { ok: true; state: WizardState } | { ok: false; problem: WizardProblem };

const EMPTY_POLL: DraftPoll = { question: {}, options: [] };

export function startWizard(): WizardState {
  return { v: 1, rev: 0, step: "langs", langs: [], li: 0, title: {}, description: {}, audience: null, closesAt: null, polls: [], poll: EMPTY_POLL, residentStatements: false, moderated: true, seeds: [] };
}

/** The language the current text step asks for. */
export function askedLanguage(s: WizardState): Language {
  return s.langs[s.li] ?? "zh";
}

/** Rules offered for a kind and voters: Art. 278 only for single-choice polls of owners. */
export function rulesFor(kind: PollKind, voters: VotersMode): DecisionRule[] {
  return RULES_FOR_KIND[kind].filter((r) => !isCivilCode278(r) || voters === "owners");
}

/** Quorum applies to plurality, majority and supermajority (not to `none` or Art. 278). */
export function quorumApplies(rule: DecisionRule): boolean {
  return rule === "plurality" || rule === "majority" || rule === "supermajority";
}

const ok = (state: WizardState): WizardResult => ({ ok: true, state });
const fail = (problem: WizardProblem): WizardResult => ({ ok: false, problem });
const move = (s: WizardState, patch: Partial<WizardState>): WizardState => ({ ...s, ...patch, rev: s.rev + 1 });
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
const set = (t: LocalizedText, lang: Language, value: string): LocalizedText => ({ ...t, [lang]: value });

/** After a per-language text: the same step for the next language, or `next` with the first language. */
function nextLanguage(s: WizardState, patch: Partial<WizardState>, next: WizardStep): WizardState {
  return s.li + 1 < s.langs.length ? move(s, { ...patch, li: s.li + 1 }) : move(s, { ...patch, li: 0, step: next });
}

export function advance(s: WizardState, input: WizardInput, ctx: WizardContext): WizardResult {
  const text = "text" in input ? input.text.trim() : null;
  const button = "button" in input ? input.button : null;
  const lang = askedLanguage(s);
  switch (s.step) {
    case "langs": {
      const langs: Record<string, Language[]> = { zh: ["zh"], en: ["en"], both: ["zh", "en"] };
      const chosen = button ? langs[button] : undefined;
      return chosen ? ok(move(s, { langs: chosen, li: 0, step: "title" })) : fail({ code: "button-expected" });
    }
    case "title":
      if (text === null) return fail({ code: "text-expected" });
      if (text.length > LIMITS.title) return fail({ code: "too-long", max: LIMITS.title });
      return ok(nextLanguage(s, { title: set(s.title, lang, text) }, "description"));
    case "description":
      if (button === "skip") return ok(nextLanguage(s, {}, "audience"));
      if (text === null) return fail({ code: "text-expected" });
      if (text.length > LIMITS.description) return fail({ code: "too-long", max: LIMITS.description });
      return ok(nextLanguage(s, { description: set(s.description, lang, text) }, "audience"));
    case "audience": {
      if (button === "all") return ok(move(s, { audience: null, step: "closes" }));
      if (button === "done") return s.audience && s.audience.length > 0 ? ok(move(s, { step: "closes" })) : fail({ code: "no-building" });
      const index = button?.startsWith("b") ? Number(button.slice(1)) : NaN;
      const building = ctx.buildings[index];
      if (building === undefined) return fail({ code: "button-expected" });
      const current = s.audience ?? [];
      // Ticked names are compared by key: a roster re-import may have re-spelled one since it was ticked.
      const audience = includesName(current, building) ? current.filter((b) => !sameName(b, building)) : [...current, building];
      return ok(move(s, { audience }));
    }
    case "closes": {
      let at: Date | null = null;
      if (button && /^d\d{1,2}$/.test(button)) at = daysAhead(ctx, Number(button.slice(1)));
      else if (text !== null) at = parseDateTime(text, ctx.timeZone);
      else return fail({ code: "text-expected" });
      if (at === null) return fail({ code: "bad-time" });
      if (at.getTime() <= ctx.now.getTime()) return fail({ code: "in-past" });
      if (at.getTime() - ctx.now.getTime() > MAX_OPEN_DAYS * 86_400_000) return fail({ code: "too-far", days: MAX_OPEN_DAYS });
      return ok(move(s, { closesAt: at.toISOString(), step: "question", poll: EMPTY_POLL, li: 0 }));
    }
    case "question":
      if (text === null) return fail({ code: "text-expected" });
      if (text.length > LIMITS.question) return fail({ code: "too-long", max: LIMITS.question });
      return ok(nextLanguage(s, { poll: { ...s.poll, question: set(s.poll.question, lang, text) } }, "kind"));
    case "kind": {
      const kind = (["single", "multiple", "scale", "ranked"] as const).find((k) => k === button);
      if (!kind) return fail({ code: "button-expected" });
      return ok(move(s, { poll: { ...s.poll, kind, options: [] }, step: kind === "scale" ? "labels" : "options", li: 0 }));
    }
    case "options": {
      if (text === null) return fail({ code: "text-expected" });
      const given = lines(text);
      if (s.li === 0 && (given.length < MIN_OPTIONS || given.length > MAX_OPTIONS)) {
        return fail({ code: "option-count", min: MIN_OPTIONS, max: MAX_OPTIONS, count: given.length });
      }
      if (s.li > 0 && given.length !== s.poll.options.length) return fail({ code: "option-count-mismatch", expected: s.poll.options.length, count: given.length });
      const long = given.findIndex((l) => l.length > LIMITS.option);
      if (long >= 0) return fail({ code: "option-too-long", line: long + 1, max: LIMITS.option });
      const seen = new Set<string>();
      for (const [i, l] of given.entries()) {
        if (seen.has(comparableText(l))) return fail({ code: "duplicate-option", line: i + 1 });
        seen.add(comparableText(l));
      }
      const options = given.map((l, i) => set(s.poll.options[i] ?? {}, lang, l));
      const after: WizardStep = s.poll.kind === "multiple" ? "maxChoices" : "voters";
      return ok(nextLanguage(s, { poll: { ...s.poll, options } }, after));
    }
    case "labels": {
      if (text === null) return fail({ code: "text-expected" });
      const given = lines(text);
      if (given.length !== 2) return fail({ code: "labels-count" });
      if (given.some((l) => l.length > LIMITS.label)) return fail({ code: "too-long", max: LIMITS.label });
      const labels = { low: set(s.poll.labels?.low ?? {}, lang, given[0]!), high: set(s.poll.labels?.high ?? {}, lang, given[1]!) };
      return ok(nextLanguage(s, { poll: { ...s.poll, labels } }, "voters"));
    }
    case "maxChoices": {
      const n = button ? Number(button) : text !== null ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > s.poll.options.length) return fail({ code: "button-expected" });
      return ok(move(s, { poll: { ...s.poll, maxChoices: n }, step: "voters" }));
    }
    case "voters": {
      const voters = (["residents", "owners", "unit"] as const).find((v) => v === button);
      if (!voters) return fail({ code: "button-expected" });
      const { rule: _r, quorumPercent: _q, ...rest } = s.poll;
      return ok(move(s, { poll: { ...rest, voters }, step: s.poll.kind === "scale" ? "results" : "rule" }));
    }
    case "rule": {
      const rule = rulesFor(s.poll.kind ?? "single", s.poll.voters ?? "residents").find((r) => r === button);
      if (!rule) return fail({ code: "button-expected" });
      // Art. 278's totals are every roster unit's area in the audience (SPC interpretation Art. 8): none may be missing.
      const missing = ctx.unitsWithoutArea;
      if (isCivilCode278(rule) && missing && missing.count > 0) {
        return fail({ code: "units-without-area", units: unitList(missing), count: missing.count });
      }
      return ok(move(s, { poll: { ...s.poll, rule }, step: quorumApplies(rule) ? "quorum" : "results" }));
    }
    case "quorum": {
      let q: number | null = null;
      if (button === "none") return ok(move(s, { step: "results" }));
      if (button && /^q\d{1,3}$/.test(button)) q = Number(button.slice(1));
      else if (text !== null && /^\d{1,3}\s*%?$/.test(text)) q = parseInt(text, 10);
      else if (text === null) return fail({ code: "button-expected" });
      if (q === null || q < 1 || q > 100) return fail({ code: "bad-quorum" });
      return ok(move(s, { poll: { ...s.poll, quorumPercent: q }, step: "results" }));
    }
    case "results": {
      const results = (["hidden", "live"] as const).find((r) => r === button);
      if (!results) return fail({ code: "button-expected" });
      return ok(move(s, { polls: [...s.polls, finishPoll(s.poll, results)], poll: EMPTY_POLL, step: "more" }));
    }
    case "more":
      if (button === "poll") return s.polls.length >= MAX_POLLS ? fail({ code: "too-many-polls", max: MAX_POLLS }) : ok(move(s, { step: "question", li: 0 }));
      if (button === "done") return ok(move(s, { step: "statements" }));
      return fail({ code: "button-expected" });
    case "statements": {
      const choice: Record<string, Pick<WizardState, "residentStatements" | "moderated">> = {
        moderated: { residentStatements: true, moderated: true },
        open: { residentStatements: true, moderated: false },
        no: { residentStatements: false, moderated: true },
      };
      const c = button ? choice[button] : undefined;
      return c ? ok(move(s, { ...c, step: "seeds" })) : fail({ code: "button-expected" });
    }
    case "seeds": {
      if (button === "skip") return ok(move(s, { step: "preview" }));
      if (text === null) return fail({ code: "text-expected" });
      const given = lines(text);
      if (s.seeds.length + given.length > MAX_SEED_STATEMENTS) return fail({ code: "too-many-statements", max: MAX_SEED_STATEMENTS });
      // The same rules as residents' statements: at most 280 characters, not a question, no duplicates.
      const seen = new Set(s.seeds.map((x) => normalizeStatement(x.zh ?? x.en ?? "")));
      for (const [i, l] of given.entries()) {
        const check = checkStatementText(l);
        if (!check.ok && check.problem === "too-long") return fail({ code: "statement-too-long", line: i + 1, max: LIMITS.statement });
        if (!check.ok && check.problem === "question") return fail({ code: "statement-question", line: i + 1 });
        if (!check.ok || seen.has(check.normalized)) return fail({ code: "statement-duplicate", line: i + 1 });
        seen.add(check.normalized);
      }
      // One statement per line, in the language it is written in.
      const seeds = given.map((l): LocalizedText => (looksChinese(l) ? { zh: l } : { en: l }));
      return ok(move(s, { seeds: [...s.seeds, ...seeds], step: "preview" }));
    }
    case "preview":
      return fail({ code: "button-expected" });
  }
}

function finishPoll(p: DraftPoll, results: ResultsVisibility): PollSpec {
  const kind = p.kind ?? "single";
  return {
    question: p.question,
    kind,
    options: kind === "scale" ? [] : p.options,
    ...(kind === "multiple" ? { maxChoices: p.maxChoices ?? p.options.length } : {}),
    ...(kind === "scale" && p.labels ? { labels: p.labels } : {}),
    voters: p.voters ?? "residents",
    rule: p.rule ?? (kind === "scale" ? "none" : "plurality"),
    ...(p.quorumPercent !== undefined ? { quorumPercent: p.quorumPercent } : {}),
    results,
  };
}

/** `days` from today, at 20:00 in the park (an evening deadline is what committees usually set). */
export function daysAhead(ctx: Pick<WizardContext, "now" | "timeZone">, days: number): Date {
  const local = new Date(ctx.now.getTime() + offsetMs(ctx.now.getTime(), ctx.timeZone));
  return zonedToUtc({ y: local.getUTCFullYear(), mo: local.getUTCMonth() + 1, d: local.getUTCDate() + days, h: 20, mi: 0, s: 0 }, ctx.timeZone);
}

/** "1号楼 101, 1号楼 102, …": the names given, and an ellipsis when there are more. */
export function unitList(units: { readonly count: number; readonly names: readonly string[] }): string {
  return [...units.names, ...(units.count > units.names.length ? ["…"] : [])].join(", ");
}
