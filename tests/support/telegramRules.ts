// What the Bot API refuses, in one place, for both test fakes (FakeTelegram,
// FakeBotApi) and the locale test. The HTML parser follows Telegram's own
// (tdlib's parse_html): the same tags, the same error descriptions, byte offsets
// in UTF-8. It is stricter in one way, the documented rule: every `<`, `>` and
// `&` that is not part of a tag or entity must be escaped (Telegram lets a bare
// `&` or `>` through, but the bot must not rely on it).

export interface Entity {
  type: string;
  /** In UTF-16 code units, as Telegram counts. */
  offset: number;
  length: number;
  url?: string;
}

export type Parsed = { ok: true; text: string; entities: Entity[] } | { ok: false; error: string };

/** Telegram's limits. Lengths count UTF-16 code units (an emoji counts twice): the strict reading. */
export const LIMITS = { text: 4096, caption: 1024, callbackData: 64, callbackAnswer: 200 } as const;

const TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
};

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** The character an entity at `i` stands for, and where it ends; undefined if it is not one Telegram knows. */
function entityAt(s: string, i: number): { ch: string; end: number } | undefined {
  const m = /^&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(s.slice(i, i + 12));
  if (!m) return undefined;
  if (m[3] !== undefined) {
    const ch = NAMED[m[3]];
    return ch === undefined ? undefined : { ch, end: i + m[0].length };
  }
  const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { ch: String.fromCodePoint(code), end: i + m[0].length };
}

const bytes = (s: string, upTo: number) => Buffer.byteLength(s.slice(0, upTo), "utf8");
const fail = (error: string): Parsed => ({ ok: false, error: `Bad Request: can't parse entities: ${error}` });

/** Parses Telegram HTML into text and entities, or says why Telegram would refuse it (its exact description). */
export function parseHtml(html: string): Parsed {
  let text = "";
  const entities: Entity[] = [];
  const open: { tag: string; argument: string; offset: number }[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "&") {
      const e = entityAt(html, i);
      if (!e) return fail(`Unescaped "&" at byte offset ${bytes(html, i)}; write it as &amp;`);
      text += e.ch;
      i = e.end;
      continue;
    }
    if (c === ">") return fail(`Unescaped ">" at byte offset ${bytes(html, i)}; write it as &gt;`);
    if (c !== "<") {
      text += c;
      i++;
      continue;
    }
    const begin = i++;
    if (html[i] !== "/") {
      const nameStart = i;
      while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
      if (i >= html.length) return fail(`Unclosed start tag at byte offset ${bytes(html, begin)}`);
      const tag = html.slice(nameStart, i).toLowerCase();
      if (!Object.hasOwn(TAGS, tag)) return fail(`Unsupported start tag "${tag}" at byte offset ${bytes(html, begin)}`);
      let argument = "";
      while (html[i] !== ">") {
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] === ">") break;
        const attrStart = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== "=" && html[i] !== ">") i++;
        const attr = html.slice(attrStart, i);
        if (attr === "") return fail(`Empty attribute name in the tag "${tag}" at byte offset ${bytes(html, begin)}`);
        while (i < html.length && isSpace(html[i])) i++;
        if (html[i] !== "=") {
          if (tag === "blockquote" && attr === "expandable") continue;
          return fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${bytes(html, begin)}`);
        }
        i++;
        while (i < html.length && isSpace(html[i])) i++;
        if (i >= html.length) return fail(`Unclosed start tag "${tag}" at byte offset ${bytes(html, begin)}`);
        let value = "";
        if (html[i] !== "'" && html[i] !== '"') {
          while (i < html.length && /[^\s'"<>=]/.test(html[i]!)) value += html[i++];
        } else {
          const quote = html[i++];
          while (i < html.length && html[i] !== quote) {
            const e = html[i] === "&" ? entityAt(html, i) : undefined;
            if (e) {
              value += e.ch;
              i = e.end;
            } else value += html[i++];
          }
          if (html[i] === quote) i++;
        }
        if (i >= html.length) return fail(`Unclosed start tag at byte offset ${bytes(html, begin)}`);
        if (tag === "a" && attr === "href") argument = value;
        else if (tag === "span" && attr === "class" && value.startsWith("tg-")) argument = value.slice(3);
      }
      if (tag === "span" && argument !== "spoiler") return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${bytes(html, begin)}`);
      i++; // ">"
      open.push({ tag, argument, offset: text.length });
      continue;
    }
    // An end tag.
    if (open.length === 0) return fail(`Unexpected end tag at byte offset ${bytes(html, begin)}`);
    i++;
    const nameStart = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    const endName = html.slice(nameStart, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== ">") return fail(`Unclosed end tag at byte offset ${bytes(html, begin)}`);
    i++;
    const top = open.pop()!;
    if (endName !== "" && endName !== top.tag) return fail(`Unmatched end tag at byte offset ${bytes(html, begin)}, expected "</${top.tag}>", found "</${endName}>"`);
    const length = text.length - top.offset;
    if (length > 0) entities.push({ type: TAGS[top.tag]!, offset: top.offset, length, ...(top.tag === "a" ? { url: top.argument } : {}) });
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]!.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text, entities };
}

/** The text a person sees: HTML parsed when the call asks for it, else as sent. */
export function visible(text: string, parseMode: unknown): Parsed {
  if (parseMode === "HTML") return parseHtml(text);
  return { ok: true, text, entities: [] };
}

/** Telegram trims white space around a message before counting or refusing an empty one. */
const trimmed = (s: string) => s.replace(/^[\s\u200b]+|[\s\u200b]+$/g, "");

function markupRefusal(markup: any): string | undefined {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const b of row) {
      if (typeof b.text !== "string" || b.text.trim() === "") return "Bad Request: BUTTON_TEXT_EMPTY";
      if (b.callback_data !== undefined && (Buffer.byteLength(String(b.callback_data), "utf8") > LIMITS.callbackData || String(b.callback_data) === "")) return "Bad Request: BUTTON_DATA_INVALID";
    }
  }
  return undefined;
}

/**
 * Why Telegram would refuse this call, as its error description (the part
 * after the 400), or undefined when it accepts it. Covers the texts, captions,
 * buttons and callback answers; the "not modified" rule needs the message and
 * is `unchanged` below.
 */
export function refusal(method: string, payload: Record<string, any>): string | undefined {
  switch (method) {
    case "sendMessage":
    case "editMessageText": {
      const parsed = visible(String(payload.text ?? ""), payload.parse_mode);
      if (!parsed.ok) return parsed.error;
      const text = trimmed(parsed.text);
      if (text === "") return "Bad Request: message text is empty";
      if (text.length > LIMITS.text) return method === "sendMessage" ? "Bad Request: message is too long" : "Bad Request: MESSAGE_TOO_LONG";
      return markupRefusal(payload.reply_markup);
    }
    case "sendDocument":
    case "sendPhoto":
    case "editMessageCaption": {
      if (payload.caption !== undefined) {
        const parsed = visible(String(payload.caption), payload.parse_mode);
        if (!parsed.ok) return parsed.error;
        if (trimmed(parsed.text).length > LIMITS.caption) return "Bad Request: message caption is too long";
      }
      return markupRefusal(payload.reply_markup);
    }
    case "editMessageReplyMarkup":
      return markupRefusal(payload.reply_markup);
    case "answerCallbackQuery":
      if (payload.text !== undefined && String(payload.text).length > LIMITS.callbackAnswer) return "Bad Request: MESSAGE_TOO_LONG";
      return undefined;
    default:
      return undefined;
  }
}

export const NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** What Telegram compares on an edit: the parsed text with its entities, and the buttons. */
export interface Shown {
  text: string;
  entities: Entity[];
  markup: string;
}

export function shown(text: string, parseMode: unknown, markup: unknown): Shown {
  const parsed = visible(text, parseMode);
  const rows = ((markup as any)?.inline_keyboard ?? []) as unknown[][];
  return { text: parsed.ok ? trimmed(parsed.text) : text, entities: parsed.ok ? parsed.entities : [], markup: JSON.stringify(rows.filter((r) => r.length > 0)) };
}

/** An edit that changes nothing is refused. */
export function unchanged(before: Shown, after: Shown): boolean {
  return before.text === after.text && before.markup === after.markup && JSON.stringify(before.entities) === JSON.stringify(after.entities);
}

/**
 * Every refusal by either fake since the last look, except "message is not
 * modified" (the bot repeats an edit on purpose and ignores that answer).
 * tests/support/strictTelegram.ts fails a test that leaves any: a refusal the
 * bot swallowed (a notice it could not deliver) is a bug too.
 */
const unexpected: { method: string; description: string; text: string }[] = [];

export function noteRefusal(method: string, payload: Record<string, any>, description: string): void {
  if (description !== NOT_MODIFIED) unexpected.push({ method, description, text: String(payload.text ?? payload.caption ?? "").slice(0, 200) });
}

export function takeUnexpectedRefusals(): { method: string; description: string; text: string }[] {
  return unexpected.splice(0);
}
