import { z } from "zod";

/**
 * Callback data is at most 64 bytes and anyone can send any bytes, so every
 * button's data is `<action>:<field>:…`, parsed with a zod schema per action.
 * What fails to parse is refused before any handler sees it.
 */
const int = z.string().regex(/^\d{1,9}$/).transform(Number);
const userId = z.string().regex(/^[1-9]\d{0,18}$/).transform(BigInt);
const lang = z.enum(["zh", "en"]);
/** A ballot's time in ms, base 36 ("0": no ballot). */
const ver = z.string().regex(/^[0-9a-z]{1,11}$/).transform((v) => parseInt(v, 36));
const mask = z.string().regex(/^[0-9a-z]{1,3}$/).transform((v) => parseInt(v, 36));
const ranks = z.string().regex(/^[-1-9a]{1,10}$/);
const step = z.string().regex(/^[a-z0-9-]{1,24}$/);
const code = z.string().regex(/^[A-Z0-9]{1,16}$|^-$/).transform((c) => (c === "-" ? null : c));

const actions = {
  consent: z.tuple([z.enum(["yes", "no"]), code]),
  lang: z.tuple([lang, int]),
  setlang: z.tuple([lang]),
  bld: z.tuple([int, int]),
  rel: z.tuple([int, z.enum(["owner", "tenant", "operator", "other"])]),
  area: z.tuple([int, z.enum(["skip", "listed"])]),
  forget: z.tuple([z.enum(["yes", "no"]), int]),
  reg: z.tuple([z.enum(["verify", "reject"]), userId, int]),
  // Statements (issue 4). The consultation view may attach op, rate and stance.
  /** Write a statement for consultation <id>. */
  op: z.tuple([int]),
  /** Leave a typed input (statement, rejection reason, translation). */
  stx: z.tuple([]),
  /** Rate consultation <id>: a new card. */
  rate: z.tuple([int]),
  /** Next card of consultation <id>, in place. */
  rn: z.tuple([int]),
  /** Vote <agree|disagree|pass> on statement <id>, from a card shown at <token> votes. */
  sv: z.tuple([int, z.enum(["a", "d", "p"]), int]),
  /** Change the vote on statement <id> (the last one), from a card shown at <token> votes. */
  sl: z.tuple([int, int]),
  /** Where do I stand in consultation <id>. */
  stance: z.tuple([int]),
  /** Moderate statement <id>: approve, reject (choose a reason), translate, skip, back to the card. */
  mod: z.tuple([z.enum(["ok", "no", "tr", "skip", "back"]), int]),
  /** Reject statement <id> for a listed reason, or type one. */
  mrj: z.tuple([int, z.enum(["duplicate", "multiple-ideas", "off-topic", "personal-info", "offensive", "typed"])]),
  /** The next published statement in one language only, after id <id> (0: the first). */
  mtq: z.tuple([int]),
  /** Themes of consultation <id>. */
  th: z.tuple([int]),
  // Consultations and voting (issue 3). <ver> is the time (ms, base 36) of the ballot the
  // message showed, "0" for none: a press on an outdated message is refused, not recorded.
  /** Open consultation <id> to vote. */
  vo: z.tuple([int]),
  /** Single choice or scale: vote <option or value> in poll <id>. */
  vp: z.tuple([int, ver, int]),
  /** Multiple choice: toggle <option>, the selection so far being <mask> (bit i: option i). */
  vm: z.tuple([int, ver, mask, int]),
  /** Ranked: give <option> the next rank or take it back, or "c" to start over; <ranks>: one rank character per option. */
  vr: z.tuple([int, ver, ranks, z.union([z.literal("c"), int])]),
  /** Submit a multiple-choice selection ("m<mask>") or a ranking ("r<ranks>"). */
  vs: z.tuple([int, ver, z.string().regex(/^(m[0-9a-z]{1,3}|r[-1-9a]{1,10})$/)]),
  /** A button of step <rev> of /new or /announce. */
  nw: z.tuple([int, step]),
  an: z.tuple([int, step]),
  /** Confirm closing or publishing consultation <id>. */
  cl: z.tuple([int, z.enum(["yes", "no"])]),
  pb: z.tuple([int, z.enum(["yes", "no"])]),
  // Reports (issue 9). Rights and the snapshot are checked again on every press.
  /** Submit consultation <id>'s report as version <version> (the one the preview announced), or cancel. */
  sb: z.tuple([int, int, z.enum(["yes", "no"])]),
  /** Report of consultation <id>, version <version>: section <code> (s: summary), page <n>. */
  rp: z.tuple([int, int, z.enum(["s", "pa", "po", "gr", "co", "gi", "dv", "un", "th", "st", "mo"]), int]),
  /** Open report <id> version <version> in a new message (the notice's button). */
  ro: z.tuple([int, int]),
  /** The list of reports, page <n>. */
  rl: z.tuple([int]),
  // The government's answers (issue 10). Roles and the answer's state are checked again on every press.
  /** A button of step <rev> of /respond: skip a language or the attachment, send, cancel. */
  rs: z.tuple([int, z.enum(["skip", "send", "cancel"])]),
  /** Relay answer <id> to participants (p) or to the whole audience (e). */
  ar: z.tuple([int, z.enum(["p", "e"])]),
  /** Add a translation to answer <id>. */
  at: z.tuple([int]),
  /** Send answer <id> back to the official with a note. */
  ak: z.tuple([int]),
  /** The attachment of answer <id>. */
  af: z.tuple([int]),
  // Follow-up actions (issue 10 §2). Roles and the action's revision are checked again on every press.
  /** A button of step <rev> of /assign: department d<id>, toggle item p<id>/s<id>, skip, done, create, cancel. */
  as: z.tuple([int, z.string().regex(/^(skip|done|create|cancel|d\d{1,9}|[ps]\d{1,9})$/)]),
  /** The Follow-up section of report <id> version <version> (live), in place. */
  rf: z.tuple([int, int]),
  /** Open follow-up action <id> (its card with history and observations). */
  fv: z.tuple([int]),
  /** On action <id> as shown at revision <rev>: start, done, or ask for a drop reason, progress, note, observation. */
  fa: z.tuple([int, int, z.enum(["start", "done", "drop", "progress", "note", "observe"])]),
} as const;

type Actions = typeof actions;
export type Callback = { [K in keyof Actions]: { action: K; args: z.output<Actions[K]> } }[keyof Actions];
export type CallbackOf<K extends keyof Actions> = Extract<Callback, { action: K }>;

export function parseCallback(data: string | undefined): Callback | null {
  if (!data || Buffer.byteLength(data) > 64) return null;
  const [action, ...parts] = data.split(":");
  if (!action || !Object.hasOwn(actions, action)) return null;
  const parsed = actions[action as keyof Actions].safeParse(parts);
  return parsed.success ? ({ action, args: parsed.data } as Callback) : null;
}

/** Builds the data of a button; checked against the same schema so a bug can't make an unparseable button. */
export function callback<K extends keyof Actions>(action: K, ...args: (string | number | bigint | null)[]): string {
  const data = [action, ...args.map((a) => (a === null ? "-" : String(a)))].join(":");
  if (Buffer.byteLength(data) > 64 || !parseCallback(data)) throw new Error(`invalid callback data: ${data}`);
  return data;
}

/** The regular expression grammY matches for one action's buttons. */
export const callbackPattern = (action: keyof Actions) => new RegExp(`^${action}(?::|$)`);

/**
 * The parsed arguments of the button being handled. The bot parses every
 * callback before routing and refuses what does not parse, so by the time a
 * handler for `action` runs, the data is known to be valid.
 */
export function pressedArgs<K extends keyof Actions>(ctx: { callbackQuery?: { data?: string } }, action: K): CallbackOf<K>["args"] {
  const parsed = parseCallback(ctx.callbackQuery?.data);
  if (!parsed || parsed.action !== action) throw new Error(`callback ${ctx.callbackQuery?.data} routed to ${action}`);
  return parsed.args as CallbackOf<K>["args"];
}
