// The JSON spec a committee writes to create a consultation (docs/spec-example.md).
// Checked in two passes: zod for shape (unknown fields, types, lengths), then the
// rules zod cannot say (a poll's kind × rule × voters, times, duplicates). Every
// problem names its JSON path, e.g. `polls[1].options`, and carries a code and
// values, so the bot and the CLI can say it in the reader's language.
import { z } from "zod";
import { DECISION_RULES, MAX_OPTIONS, MIN_OPTIONS, RULES_FOR_KIND, isCivilCode278, validatePollDefinition } from "../polls/index.js";
import type { DecisionRule, PollKind, VotersMode } from "../polls/index.js";
import { sameName } from "../residents/names.js";
import { err, ok } from "../polls/result.js";
import type { Result } from "../polls/result.js";
import { toPollDefinition } from "./consultation.js";
import type { OwnerRegisterTotals, PollSpec, ResultsVisibility } from "./consultation.js";
import { parseDateTime } from "./dateTime.js";
import { checkStatementText, normalizeStatement } from "../statements/text.js";
import { squeezeSpaces } from "../text/normalize.js";
import { comparableText } from "./texts.js";
import type { LocalizedText } from "./texts.js";

export const SPEC_MAX_BYTES = 256 * 1024;
export const MAX_POLLS = 10;
export const MAX_SEED_STATEMENTS = 100;
export const MAX_BUILDINGS = 100;
export const MAX_OPEN_DAYS = 366;
export const LIMITS = { title: 200, description: 2000, question: 300, option: 100, label: 60, statement: 280, building: 64 } as const;

export type SpecProblemCode =
  | "not-json"
  | "file-too-large"
  | "required"
  | "wrong-type"
  | "unknown-fields"
  | "empty"
  | "too-long"
  | "too-few"
  | "too-many"
  | "number-too-small"
  | "number-too-large"
  | "not-integer"
  | "not-one-of"
  | "no-language"
  | "bad-time"
  | "in-past"
  | "too-far"
  | "opens-after-closes"
  | "options-required"
  | "too-few-options"
  | "too-many-options"
  | "not-for-kind"
  | "labels-required"
  | "max-choices-range"
  | "rule-not-for-kind"
  | "rule-needs-owners"
  | "quorum-not-applicable"
  | "owner-totals-not-applicable"
  | "area-too-precise"
  | "duplicate-option"
  | "duplicate-statement"
  | "statement-question"
  | "duplicate-building"
  | "unknown-building"
  /** Art. 278: a roster unit of the audience's buildings without a floor area (the totals need every one). */
  | "units-without-area"
  /** Art. 278: the register's total area is below the roster's units of the audience. */
  | "owner-totals-below-roster"
  | "invalid";

export interface SpecProblem {
  /** JSON path: "" for the whole file, "title.zh", "polls[0].options[2]". */
  readonly path: string;
  readonly code: SpecProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A consultation ready to be stored: validated, defaults filled in, times resolved. */
export interface ConsultationDraft {
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  readonly audience: readonly string[] | null;
  /** null: open at once. */
  readonly opensAt: Date | null;
  readonly closesAt: Date;
  readonly residentStatements: boolean;
  readonly moderated: boolean;
  readonly statements: readonly LocalizedText[];
  readonly polls: readonly PollSpec[];
}

const text = (max: number) => z.string().trim().min(1).max(max);
const localized = (max: number) =>
  z.strictObject({ zh: text(max).optional(), en: text(max).optional() }).superRefine((v, ctx) => {
    if (!v.zh && !v.en) ctx.addIssue({ code: "custom", params: { problem: "no-language" }, message: "no-language" });
  });

const pollSchema = z.strictObject({
  question: localized(LIMITS.question),
  kind: z.enum(["single", "multiple", "scale", "ranked"]),
  options: z.array(localized(LIMITS.option)).optional(),
  maxChoices: z.int().min(1).max(MAX_OPTIONS).optional(),
  labels: z.strictObject({ low: localized(LIMITS.label), high: localized(LIMITS.label) }).optional(),
  voters: z.enum(["residents", "owners", "unit"]).default("residents"),
  rule: z.enum(DECISION_RULES as [DecisionRule, ...DecisionRule[]]).optional(),
  quorumPercent: z.int().min(1).max(100).optional(),
  results: z.enum(["hidden", "live"]).default("hidden"),
  ownerTotals: z.strictObject({ owners: z.int().min(1), areaM2: z.number().positive().max(1e9) }).optional(),
});

const specSchema = z.strictObject({
  title: localized(LIMITS.title),
  description: localized(LIMITS.description).optional(),
  audience: z.strictObject({ buildings: z.array(text(LIMITS.building)).min(1).max(MAX_BUILDINGS) }).optional(),
  opensAt: z.string().optional(),
  closesAt: z.string(),
  residentStatements: z.boolean().default(false),
  moderated: z.boolean().default(true),
  statements: z.array(localized(LIMITS.statement)).max(MAX_SEED_STATEMENTS).default([]),
  polls: z.array(pollSchema).min(1).max(MAX_POLLS),
});

export type ConsultationSpecInput = z.input<typeof specSchema>;

/** "polls[0].options[2].zh" from ["polls", 0, "options", 2, "zh"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const problem = (path: string, code: SpecProblemCode, params: Record<string, string | number> = {}): SpecProblem => ({ path, code, params });

/** One zod issue as a problem in our vocabulary (zod's own messages are English-only). */
function fromIssue(issue: z.core.$ZodIssue, input: unknown): SpecProblem {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return problem(path, "unknown-fields", { fields: issue.keys.join(", ") });
    case "invalid_type":
      if (at(input, issue.path) === undefined) return problem(path, "required");
      if (issue.expected === "int") return problem(path, "not-integer");
      return problem(path, "wrong-type", { expected: issue.expected });
    case "invalid_value":
      if (at(input, issue.path) === undefined) return problem(path, "required");
      return problem(path, "not-one-of", { values: issue.values.map(String).join(", ") });
    case "too_small":
      if (issue.origin === "string") return problem(path, "empty");
      if (issue.origin === "array") return problem(path, "too-few", { min: Number(issue.minimum) });
      return problem(path, "number-too-small", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return problem(path, "too-long", { max: Number(issue.maximum) });
      if (issue.origin === "array") return problem(path, "too-many", { max: Number(issue.maximum) });
      return problem(path, "number-too-large", { max: Number(issue.maximum) });
    case "custom":
      return problem(path, ((issue.params as { problem?: SpecProblemCode } | undefined)?.problem ?? "invalid") as SpecProblemCode);
    default:
      return problem(path, "invalid");
  }
}

/** Parses the bytes of a spec file: size, UTF-8 JSON, then `validateSpec`. */
export function parseSpecFile(bytes: Uint8Array, ctx: SpecContext): Result<ConsultationDraft, SpecProblem[]> {
  if (bytes.byteLength > SPEC_MAX_BYTES) return err([problem("", "file-too-large", { max: SPEC_MAX_BYTES / 1024 })]);
  let json: unknown;
  try {
    const textContent = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    json = JSON.parse(textContent);
  } catch (e) {
    return err([problem("", "not-json", { detail: e instanceof SyntaxError ? e.message : "not UTF-8 text" })]);
  }
  return validateSpec(json, ctx);
}

export interface SpecContext {
  readonly now: Date;
  /** For times written without an offset. */
  readonly timeZone: string;
}

export function validateSpec(input: unknown, ctx: SpecContext): Result<ConsultationDraft, SpecProblem[]> {
  const parsed = specSchema.safeParse(input);
  if (!parsed.success) return err(dedupe(parsed.error.issues.map((i) => fromIssue(i, input))));
  const spec = parsed.data;
  const problems: SpecProblem[] = [];

  const closesAt = parseDateTime(spec.closesAt, ctx.timeZone);
  const opensAt = spec.opensAt === undefined ? null : parseDateTime(spec.opensAt, ctx.timeZone);
  if (closesAt === null) problems.push(problem("closesAt", "bad-time", { value: spec.closesAt }));
  if (spec.opensAt !== undefined && opensAt === null) problems.push(problem("opensAt", "bad-time", { value: spec.opensAt }));
  if (closesAt !== null) {
    if (closesAt.getTime() <= ctx.now.getTime()) problems.push(problem("closesAt", "in-past", { value: spec.closesAt }));
    else if (closesAt.getTime() - ctx.now.getTime() > MAX_OPEN_DAYS * 86_400_000) problems.push(problem("closesAt", "too-far", { days: MAX_OPEN_DAYS }));
    if (opensAt !== null && opensAt.getTime() >= closesAt.getTime()) problems.push(problem("opensAt", "opens-after-closes"));
  }

  const buildings = spec.audience?.buildings ?? null;
  buildings?.forEach((b, i) => {
    // "West Tower" and "WEST TOWER" name one building (residents/names.ts).
    const first = buildings.findIndex((other) => sameName(other, b));
    if (first < i) problems.push(problem(`audience.buildings[${i}]`, "duplicate-building", { building: b }));
  });

  const polls: PollSpec[] = [];
  spec.polls.forEach((p, i) => {
    const checked = checkPoll(p, `polls[${i}]`);
    if (checked.ok) polls.push(checked.value);
    else problems.push(...checked.error);
  });

  // Seeds follow the rules of residents' statements (src/domain/statements): one idea, not a question.
  const seen = new Map<string, number>();
  spec.statements.forEach((s, i) => {
    for (const lang of ["zh", "en"] as const) {
      const text = s[lang];
      if (text === undefined) continue;
      const check = checkStatementText(text);
      if (!check.ok && check.problem === "question") problems.push(problem(`statements[${i}].${lang}`, "statement-question"));
      else if (!check.ok && check.problem === "empty") problems.push(problem(`statements[${i}].${lang}`, "empty"));
    }
    const key = normalizeStatement(s.zh ?? s.en ?? "");
    const first = seen.get(key);
    if (first !== undefined) problems.push(problem(`statements[${i}]`, "duplicate-statement", { first: `statements[${first}]` }));
    else seen.set(key, i);
  });

  if (problems.length > 0 || closesAt === null) return err(problems);
  return ok({
    title: clean(spec.title),
    description: spec.description ? clean(spec.description) : null,
    audience: buildings,
    opensAt: opensAt !== null && opensAt.getTime() > ctx.now.getTime() ? opensAt : null,
    closesAt,
    residentStatements: spec.residentStatements,
    moderated: spec.moderated,
    statements: spec.statements.map((t) => clean({ zh: t.zh && squeezeSpaces(t.zh), en: t.en && squeezeSpaces(t.en) })),
    polls,
  });
}

type PollInput = z.output<typeof pollSchema>;

function checkPoll(p: PollInput, path: string): Result<PollSpec, SpecProblem[]> {
  const problems: SpecProblem[] = [];
  const kind: PollKind = p.kind;
  const options = p.options ?? [];
  if (kind === "scale") {
    if (p.options !== undefined) problems.push(problem(`${path}.options`, "not-for-kind", { field: "options", kind }));
    if (p.labels === undefined) problems.push(problem(`${path}.labels`, "labels-required"));
  } else {
    if (p.labels !== undefined) problems.push(problem(`${path}.labels`, "not-for-kind", { field: "labels", kind }));
    if (p.options === undefined) problems.push(problem(`${path}.options`, "options-required", { kind }));
    else if (options.length < MIN_OPTIONS) problems.push(problem(`${path}.options`, "too-few-options", { count: options.length, min: MIN_OPTIONS }));
    else if (options.length > MAX_OPTIONS) problems.push(problem(`${path}.options`, "too-many-options", { count: options.length, max: MAX_OPTIONS }));
    for (const lang of ["zh", "en"] as const) {
      const seen = new Map<string, number>();
      options.forEach((o, i) => {
        const v = o[lang];
        if (!v) return;
        const key = comparableText(v);
        const first = seen.get(key);
        if (first !== undefined) problems.push(problem(`${path}.options[${i}].${lang}`, "duplicate-option", { first: `${path}.options[${first}]` }));
        else seen.set(key, i);
      });
    }
  }
  if (p.maxChoices !== undefined) {
    if (kind !== "multiple") problems.push(problem(`${path}.maxChoices`, "not-for-kind", { field: "maxChoices", kind }));
    else if (options.length >= MIN_OPTIONS && p.maxChoices > options.length) problems.push(problem(`${path}.maxChoices`, "max-choices-range", { max: options.length }));
  }
  const voters: VotersMode = p.voters;
  const rule: DecisionRule = p.rule ?? (kind === "scale" ? "none" : "plurality");
  if (!RULES_FOR_KIND[kind].includes(rule)) {
    problems.push(problem(`${path}.rule`, "rule-not-for-kind", { rule, kind, allowed: RULES_FOR_KIND[kind].join(", ") }));
  } else if (isCivilCode278(rule) && voters !== "owners") {
    problems.push(problem(`${path}.voters`, "rule-needs-owners", { rule }));
  }
  if (p.quorumPercent !== undefined && (rule === "none" || isCivilCode278(rule))) {
    problems.push(problem(`${path}.quorumPercent`, "quorum-not-applicable", { rule }));
  }
  let ownerTotals: OwnerRegisterTotals | undefined;
  if (p.ownerTotals !== undefined) {
    if (!isCivilCode278(rule)) problems.push(problem(`${path}.ownerTotals`, "owner-totals-not-applicable", { rule }));
    const centi = p.ownerTotals.areaM2 * 100;
    if (Math.abs(centi - Math.round(centi)) > 1e-6) problems.push(problem(`${path}.ownerTotals.areaM2`, "area-too-precise"));
    ownerTotals = { owners: p.ownerTotals.owners, areaCenti: Math.round(centi) };
  }
  if (problems.length > 0) return err(problems);

  const spec: PollSpec = {
    question: clean(p.question),
    kind,
    options: options.map(clean),
    ...(kind === "multiple" ? { maxChoices: p.maxChoices ?? options.length } : {}),
    ...(kind === "scale" && p.labels ? { labels: { low: clean(p.labels.low), high: clean(p.labels.high) } } : {}),
    voters,
    rule,
    ...(p.quorumPercent !== undefined ? { quorumPercent: p.quorumPercent } : {}),
    results: p.results as ResultsVisibility,
    ...(ownerTotals ? { ownerTotals } : {}),
  };
  // The domain has the last word on every definition; its codes map to the same vocabulary.
  const valid = validatePollDefinition(toPollDefinition(0, spec));
  if (!valid.ok) return err([problem(path, "invalid", { detail: valid.error.code })]);
  return ok(spec);
}

/** Drops absent languages so stored JSON has no `undefined` holes. */
function clean(t: { zh?: string | undefined; en?: string | undefined }): LocalizedText {
  return { ...(t.zh ? { zh: t.zh } : {}), ...(t.en ? { en: t.en } : {}) };
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The spec that describes an existing draft again (used by /new to validate through the same path as a file). */
export function draftToSpec(d: {
  title: LocalizedText;
  description?: LocalizedText | null;
  audience: readonly string[] | null;
  closesAt: Date;
  residentStatements: boolean;
  moderated: boolean;
  statements: readonly LocalizedText[];
  polls: readonly PollSpec[];
}): ConsultationSpecInput {
  return {
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    ...(d.audience ? { audience: { buildings: [...d.audience] } } : {}),
    closesAt: d.closesAt.toISOString(),
    residentStatements: d.residentStatements,
    moderated: d.moderated,
    statements: [...d.statements],
    polls: d.polls.map((p) => ({
      question: p.question,
      kind: p.kind,
      ...(p.kind !== "scale" ? { options: [...p.options] } : {}),
      ...(p.maxChoices !== undefined ? { maxChoices: p.maxChoices } : {}),
      ...(p.labels ? { labels: p.labels } : {}),
      voters: p.voters,
      rule: p.rule,
      ...(p.quorumPercent !== undefined ? { quorumPercent: p.quorumPercent } : {}),
      results: p.results,
      ...(p.ownerTotals ? { ownerTotals: { owners: p.ownerTotals.owners, areaM2: p.ownerTotals.areaCenti / 100 } } : {}),
    })),
  };
}
