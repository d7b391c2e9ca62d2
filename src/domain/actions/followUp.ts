// Follow-up actions as rules (issue 10 §2): who does what by when. Status
// planned → in_progress → done, or dropped with a reason (done and dropped are
// final); progress 0–100 %; a due date is a local day (YYYY-MM-DD in the park's
// time zone), never one already past; overdue, on-time share, median days from
// submission to answer. Pure: the clock and the time zone are passed in.
import { checkText, type TextProblem } from "../answers/answer.js";
import { offsetMs } from "../consultations/dateTime.js";

export const ACTION_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** What the action will do, per language; a note or an observation. */
export const MAX_WHAT_TEXT = 300;
export const MAX_NOTE = 500;
/** Report items one action may answer (buttons of one message). */
export const MAX_ITEMS = 20;

export interface FollowUpAction {
  readonly id: number;
  readonly consultationId: number;
  readonly departmentId: number;
  readonly what: { readonly zh?: string; readonly en?: string };
  /** YYYY-MM-DD, the park's local day. */
  readonly due: string;
  readonly status: ActionStatus;
  readonly progress: number;
  readonly dropReason: string | null;
  readonly pollIds: readonly number[];
  readonly statementIds: readonly number[];
  readonly createdBy: bigint;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastNote: string | null;
  readonly doneAt: Date | null;
  readonly revision: number;
}

export function isActionStatus(v: string): v is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(v);
}

export const isFinal = (s: ActionStatus) => s === "done" || s === "dropped";

/** Where an action may go from `from`. */
export function nextStatuses(from: ActionStatus): ActionStatus[] {
  switch (from) {
    case "planned":
      return ["in_progress", "done", "dropped"];
    case "in_progress":
      return ["done", "dropped"];
    default:
      return [];
  }
}

export type TransitionProblem = { code: "final"; status: ActionStatus } | { code: "not-allowed"; from: ActionStatus; to: ActionStatus } | { code: "reason-needed" } | { code: "reason"; problem: TextProblem; max: number };

/** A status change; dropping needs a reason. Done sets progress to 100. */
export function transition(a: Pick<FollowUpAction, "status" | "progress">, to: ActionStatus, reason?: string): { ok: true; status: ActionStatus; progress: number; dropReason: string | null } | { ok: false; problem: TransitionProblem } {
  if (isFinal(a.status)) return { ok: false, problem: { code: "final", status: a.status } };
  if (!nextStatuses(a.status).includes(to)) return { ok: false, problem: { code: "not-allowed", from: a.status, to } };
  if (to === "dropped") {
    if (reason === undefined) return { ok: false, problem: { code: "reason-needed" } };
    const r = checkText(reason, MAX_NOTE);
    if (!r.ok) return { ok: false, problem: { code: "reason", problem: r.problem, max: r.max } };
    return { ok: true, status: to, progress: a.progress, dropReason: r.text };
  }
  return { ok: true, status: to, progress: to === "done" ? 100 : a.progress, dropReason: null };
}

export type ProgressProblem = { code: "not-a-number" } | { code: "out-of-range"; min: 0; max: 100 } | { code: "final"; status: ActionStatus };

/** "40", "40%", "４０ ％" → 40; whole numbers 0–100 only. Progress of a planned action starts it. */
export function parseProgress(a: Pick<FollowUpAction, "status">, text: string): { ok: true; progress: number; status: ActionStatus } | { ok: false; problem: ProgressProblem } {
  if (isFinal(a.status)) return { ok: false, problem: { code: "final", status: a.status } };
  const s = text.normalize("NFKC").trim().replace(/\s*%$/, "");
  if (!/^-?\d{1,9}$/.test(s)) return { ok: false, problem: { code: "not-a-number" } };
  const n = Number(s);
  if (n < 0 || n > 100) return { ok: false, problem: { code: "out-of-range", min: 0, max: 100 } };
  return { ok: true, progress: n, status: a.status === "planned" && n > 0 ? "in_progress" : a.status };
}

/** The park's local day of a moment, YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return new Date(at.getTime() + offsetMs(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

export type DueProblem = { code: "unparseable" } | { code: "past"; today: string };

/**
 * A due date as typed: "2027-03-31", "2027/3/31", "2027.03.31", full-width digits.
 * Today is allowed (due by the end of today); a day already past is not.
 */
export function parseDueDate(text: string, now: Date, timeZone: string): { ok: true; due: string } | { ok: false; problem: DueProblem } {
  const m = /^(\d{4})[-./／年](\d{1,2})[-./／月](\d{1,2})日?$/.exec(text.normalize("NFKC").trim());
  if (!m) return { ok: false, problem: { code: "unparseable" } };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return { ok: false, problem: { code: "unparseable" } };
  const due = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const today = localDay(now, timeZone);
  if (due < today) return { ok: false, problem: { code: "past", today } };
  return { ok: true, due };
}

/** Not done or dropped, and its due day is over. */
export function isOverdue(a: Pick<FollowUpAction, "status" | "due">, now: Date, timeZone: string): boolean {
  return !isFinal(a.status) && a.due < localDay(now, timeZone);
}

/**
 * Of the actions whose timeliness is known — done, or still open after their day —
 * the share done by their due day (0–1); null when there is none. Dropped ones do not count.
 */
export function onTimeShare(actions: readonly Pick<FollowUpAction, "status" | "due" | "doneAt">[], now: Date, timeZone: string): { share: number | null; onTime: number; counted: number } {
  let onTime = 0;
  let counted = 0;
  for (const a of actions) {
    if (a.status === "done" && a.doneAt) {
      counted++;
      if (localDay(a.doneAt, timeZone) <= a.due) onTime++;
    } else if (isOverdue(a, now, timeZone)) counted++;
  }
  return { share: counted === 0 ? null : onTime / counted, onTime, counted };
}

/** The median of (answeredAt − submittedAt) in days, one decimal; null without pairs. */
export function medianDays(pairs: readonly { submittedAt: Date; answeredAt: Date }[]): number | null {
  const days = pairs.map((p) => (p.answeredAt.getTime() - p.submittedAt.getTime()) / 86_400_000).filter((d) => d >= 0).sort((a, b) => a - b);
  if (days.length === 0) return null;
  const mid = Math.floor(days.length / 2);
  const m = days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

/** A note or an observation: trimmed, 1–500 characters. */
export const checkNote = (text: string) => checkText(text, MAX_NOTE);

/** The daily digest to officials: at 09:00 local, once per local day. */
export const DIGEST_HOUR = 9;

/** The local day whose digest is due at `now` (it is 09:00 or later there), or null before 09:00. */
export function digestDay(now: Date, timeZone: string): string | null {
  const local = new Date(now.getTime() + offsetMs(now.getTime(), timeZone));
  return local.getUTCHours() >= DIGEST_HOUR ? local.toISOString().slice(0, 10) : null;
}

/** The next 09:00 local strictly after `now`. */
export function nextDigestAt(now: Date, timeZone: string): Date {
  const off = offsetMs(now.getTime(), timeZone);
  const local = new Date(now.getTime() + off);
  let at = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), DIGEST_HOUR) - off;
  if (at <= now.getTime()) at += 86_400_000;
  return new Date(at);
}
