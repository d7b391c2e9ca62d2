// Consultations, polls and results as text in one reader's language, shared by
// the bot (messages), the outbox (bulk sends rendered per recipient) and the CLI.
// Committee texts are escaped here for Telegram's HTML; interpolated values
// are escaped by i18next.
import type { Consultation, Poll, StoredPollResult } from "../domain/consultations/consultation.js";
import { pickText } from "../domain/consultations/texts.js";
import type { LocalizedText } from "../domain/consultations/texts.js";
import type { Language } from "../domain/language.js";
import { SCALE_MAX, SCALE_MIN } from "../domain/polls/index.js";
import type { Fraction, PollResult, RuleCheck } from "../domain/polls/index.js";
import { areaText } from "../domain/residents/area.js";
import { escapeHtml } from "../domain/text/normalize.js";
import { clip } from "../domain/text/clip.js";
import { unitList } from "../domain/consultations/wizard.js";
import type { Translate } from "../i18n.js";

export interface Reader {
  readonly t: Translate;
  readonly lang: Language;
  /** Formats a moment in the park's time zone. */
  readonly time: (at: Date) => string;
  /** Plain text for the terminal: no HTML escaping or tags. */
  readonly plain?: boolean;
}

/** Values that are already HTML (escaped committee text): i18next must not escape them again. */
export function raw<T extends Record<string, unknown>>(vars: T): T & { interpolation: { escapeValue: false } } {
  return { ...vars, interpolation: { escapeValue: false } };
}

/** A committee text in the reader's language, or the other one marked as the original. */
export function shown(r: Reader, text: LocalizedText): string {
  const s = pickText(text, r.lang);
  const body = r.plain ? s.text : escapeHtml(s.text);
  return s.original ? `${body} ${r.t(`consultation.original.${s.original}`)}` : body;
}

/** For button labels: no marker, no HTML (Telegram shows button text as is). */
export function label(lang: Language, text: LocalizedText): string {
  return pickText(text, lang).text;
}

export function optionLabel(r: Pick<Reader, "lang" | "t">, poll: Poll, option: number): string {
  if (poll.spec.kind === "scale") return scaleLabel(r, poll, option);
  const o = poll.spec.options[option];
  return o ? label(r.lang, o) : `#${option + 1}`;
}

function scaleLabel(r: Pick<Reader, "lang" | "t">, poll: Poll, value: number): string {
  const labels = poll.spec.labels;
  if (value === SCALE_MIN && labels) return `${value} — ${label(r.lang, labels.low)}`;
  if (value === SCALE_MAX && labels) return `${value} — ${label(r.lang, labels.high)}`;
  return String(value);
}

export function audienceText(r: Reader, c: Pick<Consultation, "audience">): string {
  return c.audience === null ? r.t("consultation.audienceAll") : r.t("consultation.audienceBuildings", { buildings: c.audience.join(r.lang === "zh" ? "、" : ", ") });
}

/** Title, description, closing time and audience. */
export function consultationHeader(r: Reader, c: Consultation): string {
  const lines = [r.t("consultation.heading", { id: c.id }) + " " + bold(r, shown(r, c.title))];
  if (c.description) lines.push(shown(r, c.description));
  lines.push("", r.t(c.status === "open" || c.status === "draft" ? "consultation.closesAt" : "consultation.closedAt", { time: r.time(c.closedAt ?? c.closesAt) }), audienceText(r, c));
  return lines.join("\n");
}

const bold = (r: Reader, s: string) => (r.plain ? s : `<b>${s}</b>`);

/** How a poll works: its kind, who votes, the rule and whether results are live. */
export function pollRules(r: Reader, poll: Poll): string[] {
  const s = poll.spec;
  const kind =
    s.kind === "multiple"
      ? r.t("poll.kind.multiple", { max: s.maxChoices ?? s.options.length })
      : s.kind === "scale"
        ? r.t("poll.kind.scale", { low: s.labels ? label(r.lang, s.labels.low) : "", high: s.labels ? label(r.lang, s.labels.high) : "" })
        : r.t(`poll.kind.${s.kind}`);
  const rule = s.kind === "ranked" && s.rule === "plurality" ? r.t("poll.rule.ranked") : r.t(`poll.rule.${s.rule}`);
  const lines = [kind, r.t(`poll.voters.${s.voters}`), rule];
  if (s.quorumPercent !== undefined) lines.push(r.t("poll.quorum", { percent: s.quorumPercent }));
  lines.push(r.t(s.results === "live" ? "poll.resultsLive" : "poll.resultsHidden"));
  return lines;
}

export function pollTitle(r: Reader, c: Consultation, poll: Poll): string {
  return r.t("poll.heading", { n: poll.position + 1, total: c.polls.length }) + " " + bold(r, shown(r, poll.spec.question));
}

// --- results ------------------------------------------------------------------

function frac(f: Fraction, area: boolean): string {
  return area ? `${areaText(f.numerator)}/${areaText(f.denominator)} m²` : `${f.numerator}/${f.denominator}`;
}

export function percent(n: number, d: number): string {
  return d === 0 ? "—" : `${Math.round((n * 1000) / d) / 10}%`;
}

function checkLine(r: Reader, poll: Poll, c: RuleCheck): string {
  const area = c.id === "participation-area" || c.id === "approval-area";
  const threshold = `${c.threshold.numerator}/${c.threshold.denominator}`;
  const vars = {
    mark: c.met ? "✓" : "✗",
    fraction: frac(c.fraction, area),
    comparator: c.comparator === ">" ? ">" : "≥",
    threshold: c.id === "quorum" ? `${c.threshold.numerator}%` : threshold,
    option: c.option === null ? "" : optionLabel(r, poll, c.option),
  };
  const line = r.t(`result.check.${c.id}`, vars);
  return line;
}

function outcomeLine(r: Reader, poll: Poll, res: PollResult): string {
  const names = res.winners.map((w) => optionLabel(r, poll, w)).join(r.lang === "zh" ? "、" : ", ");
  if (res.outcome === "winner") return r.t(poll.spec.kind === "ranked" ? "result.outcome.runoffWinner" : "result.outcome.winner", { options: names });
  if (res.outcome === "failed" && res.owners) return r.t("result.outcome.failed278");
  return r.t(`result.outcome.${res.outcome}`, { options: names });
}

/** One poll's result with every count and fraction, so anyone can check it by hand. */
export function pollResultText(r: Reader, c: Consultation, poll: Poll, stored: StoredPollResult): string {
  const res = stored.result;
  const lines = [pollTitle(r, c, poll), r.t(poll.spec.kind === "ranked" && poll.spec.rule === "plurality" ? "poll.rule.ranked" : `poll.rule.${poll.spec.rule}`)];
  // Art. 278 counts owners over the roster, and says so here as in its checks (results stored before the roster counted: as they were).
  const owners278 = res.owners?.roster ? res.owners : null;
  lines.push(r.t(owners278 ? "result278.turnout" : `result.ballots.${poll.spec.voters}`, { ballots: res.ballots, eligible: res.eligible, percent: percent(res.ballots, res.eligible) }));
  if (res.ineligibleBallots > 0) lines.push(r.t("result.ineligible", { count: res.ineligibleBallots }));

  if (poll.spec.kind === "scale") {
    for (let v = SCALE_MIN; v <= SCALE_MAX; v++) {
      const votes = res.counts.find((x) => x.option === v)?.votes ?? 0;
      lines.push(r.t("result.count", { option: scaleLabel(r, poll, v), votes, percent: percent(votes, res.ballots) }));
    }
    if (res.scale && res.scale.mean.denominator > 0) {
      const mean = (res.scale.mean.numerator / res.scale.mean.denominator).toFixed(2);
      lines.push(r.t("result.mean", { sum: res.scale.mean.numerator, ballots: res.scale.mean.denominator, mean }));
    }
  } else {
    if (poll.spec.kind === "ranked") lines.push(r.t("result.firstPreferences"));
    for (const x of res.counts) {
      lines.push(r.t("result.count", { option: optionLabel(r, poll, x.option), votes: x.votes, percent: percent(x.votes, res.ballots) }));
    }
  }

  if (res.rounds && res.rounds.length > 0) {
    lines.push(r.t("result.rounds"));
    for (const round of res.rounds) {
      const tallies = round.tallies.map((x) => `${optionLabel(r, poll, x.option)} ${x.votes}`).join(" · ");
      let line = r.t("result.round", { round: round.round, tallies, continuing: round.continuing, exhausted: round.exhausted });
      if (round.eliminated.length > 0) {
        line += " " + r.t("result.eliminated", { options: round.eliminated.map((o) => optionLabel(r, poll, o)).join(", "), reason: r.t(`result.elimination.${round.elimination}`) });
      }
      lines.push(line);
    }
  }

  if (res.checks.length > 0) {
    lines.push(r.t("result.checks"));
    for (const check of res.checks) lines.push(checkLine(r, poll, check));
  }
  if (owners278) {
    const roster = owners278.roster!;
    lines.push(
      r.t("result278.convention"),
      owners278.totalsSource === "property-register"
        ? r.t("result278.totals.property-register", { owners: owners278.totalHeads, area: areaText(owners278.totalAreaCenti), units: roster.units, rosterArea: areaText(roster.areaCenti), rosterOwners: roster.owners })
        : r.t("result278.totals.roster", { units: roster.units, area: areaText(roster.areaCenti), owners: roster.owners }),
    );
    if (stored.unitsWithoutArea.length > 0) {
      const count = Math.max(stored.unitsWithoutAreaCount ?? 0, stored.unitsWithoutArea.length);
      lines.push(r.t("result278.unitsWithoutArea", { count, units: unitList({ count, names: stored.unitsWithoutArea }) }));
    }
    if (stored.notes.includes("register-too-small")) lines.push(r.t("result278.registerTooSmall"));
  } else if (res.owners) {
    lines.push(r.t("result.totals.registered-owners", { owners: res.owners.totalHeads, area: areaText(res.owners.totalAreaCenti) }));
  }
  lines.push(bold(r, outcomeLine(r, poll, res)));
  return lines.join("\n");
}

/**
 * The /close confirmation: voters and turnout per question, counted as the
 * result will count them (`preview`: the results if it closed now), never a
 * sum of ballots over questions with different voters.
 */
export function closeConfirmText(r: Reader, c: Consultation, preview: ReadonlyMap<number, StoredPollResult>): string {
  const lines = [r.t("closeConfirm.head", { id: c.id, title: label(r.lang, c.title), closes: r.time(c.closesAt) })];
  for (const poll of c.polls) {
    const res = preview.get(poll.id)?.result;
    const ballots = res?.ballots ?? 0;
    const eligible = res?.eligible ?? 0;
    const key = res?.owners ? "owners278" : poll.spec.voters;
    lines.push(r.t(`closeConfirm.${key}`, { n: poll.position + 1, question: clip(label(r.lang, poll.spec.question), 60), ballots, eligible, percent: percent(ballots, eligible) }));
  }
  lines.push(r.t("closeConfirm.foot"));
  return lines.join("\n");
}

/** The whole result of a closed consultation, as messages of at most `limit` characters. */
export function consultationResultText(r: Reader, c: Consultation, limit = 4096): string[] {
  const blocks = [r.t("result.title", { id: c.id }) + "\n" + bold(r, shown(r, c.title)) + "\n" + r.t("consultation.closedAt", { time: r.time(c.closedAt ?? c.closesAt) }) + "\n" + audienceText(r, c)];
  for (const poll of c.polls) blocks.push(poll.result ? pollResultText(r, c, poll, poll.result) : pollTitle(r, c, poll) + "\n" + r.t("result.pending"));
  return splitMessages(blocks, limit);
}

/**
 * Joins blocks with `sep` (a blank line unless said) into as few messages as fit
 * `limit`; a block longer than the limit is cut at line ends (and a line longer than that, hard).
 */
export function splitMessages(blocks: readonly string[], limit = 4096, sep = "\n\n"): string[] {
  const out: string[] = [];
  let current = "";
  const push = (piece: string, sep: string) => {
    if (current === "") current = piece;
    else if (current.length + sep.length + piece.length <= limit) current += sep + piece;
    else {
      out.push(current);
      current = piece;
    }
  };
  for (const block of blocks) {
    if (block.length <= limit) {
      push(block, sep);
      continue;
    }
    for (const line of block.split("\n")) {
      for (let i = 0; i < Math.max(1, line.length); i += limit) push(line.slice(i, i + limit), "\n");
    }
  }
  if (current !== "") out.push(current);
  return out;
}
