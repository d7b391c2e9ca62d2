// Telegram's "HTML" parse mode, as the Bot API applies it: the few tags it
// supports become entities over the plain text, everything else is refused
// with the error Telegram gives ("can't parse entities: …"). Offsets of the
// entities are in UTF-16 code units, as in the Bot API; byte offsets in the
// errors are UTF-8 offsets into the sent text, as Telegram reports them.

export type EntityType =
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "text_link"
  | "code"
  | "pre"
  | "blockquote"
  | "expandable_blockquote"
  | "custom_emoji"
  | "bot_command";

export interface MessageEntity {
  type: EntityType;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export type HtmlParse = { ok: true; text: string; entities: MessageEntity[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, EntityType> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface Open {
  tag: string;
  type: EntityType;
  start: number;
  attrs: Record<string, string>;
  slot: number;
}

/** Parses `text` the way the Bot API does for parse_mode "HTML". */
export function parseTelegramHtml(source: string): HtmlParse {
  let out = "";
  // A slot per tag in the order tags open, so an outer entity comes before an inner one over the same text.
  const entities: (MessageEntity | null)[] = [];
  const stack: Open[] = [];
  const byteAt = (i: number) => Buffer.byteLength(source.slice(0, i), "utf8");
  const fail = (why: string): HtmlParse => ({ ok: false, error: `can't parse entities: ${why}` });
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "&") {
      const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(source.slice(i, i + 12));
      let decoded: string | undefined;
      if (m?.[1] !== undefined || m?.[2] !== undefined) {
        const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
        if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) decoded = String.fromCodePoint(code);
      } else if (m?.[3] !== undefined) {
        decoded = NAMED[m[3]];
      }
      if (decoded !== undefined && m) {
        out += decoded;
        i += m[0].length;
      } else {
        // Telegram keeps an ampersand that starts no known entity as it is.
        out += "&";
        i++;
      }
      continue;
    }
    if (c !== "<") {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    if (source[i + 1] === "/") {
      const close = source.indexOf(">", i);
      if (close < 0) return fail(`Unclosed end tag at byte offset ${byteAt(begin)}`);
      const name = source.slice(i + 2, close).trim().toLowerCase();
      const open = stack.pop();
      if (!open) return fail(`Unexpected end tag at byte offset ${byteAt(begin)}`);
      if (name !== open.tag) return fail(`Unmatched end tag at byte offset ${byteAt(begin)}, expected "</${open.tag}>", found "</${name}>"`);
      entities[open.slot] = finish(open, out);
      i = close + 1;
      continue;
    }
    let j = i + 1;
    while (j < source.length && /[a-zA-Z0-9-]/.test(source[j]!)) j++;
    const tag = source.slice(i + 1, j).toLowerCase();
    if (!(tag in TAG_TYPES)) return fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(begin)}`);
    const attrs: Record<string, string> = {};
    for (;;) {
      while (j < source.length && /\s/.test(source[j]!)) j++;
      if (j >= source.length) return fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
      if (source[j] === ">") break;
      if (source[j] === "/" && source[j + 1] === ">") return fail(`Unsupported self-closing tag "${tag}" at byte offset ${byteAt(begin)}`);
      const nameStart = j;
      while (j < source.length && /[a-zA-Z0-9_-]/.test(source[j]!)) j++;
      const attr = source.slice(nameStart, j).toLowerCase();
      if (!attr) return fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteAt(begin)}`);
      let value = "";
      if (source[j] === "=") {
        j++;
        const quote = source[j];
        if (quote === '"' || quote === "'") {
          const end = source.indexOf(quote, j + 1);
          if (end < 0) return fail(`Unclosed start tag at byte offset ${byteAt(begin)}`);
          value = decodeAttribute(source.slice(j + 1, end));
          j = end + 1;
        } else {
          const start = j;
          while (j < source.length && !/[\s>]/.test(source[j]!)) j++;
          value = decodeAttribute(source.slice(start, j));
        }
      }
      attrs[attr] = value;
    }
    if (tag === "span" && attrs.class !== "tg-spoiler") return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteAt(begin)}`);
    if (tag === "tg-emoji" && !/^\d+$/.test(attrs["emoji-id"] ?? "")) return fail(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${byteAt(begin)}`);
    stack.push({ tag, type: TAG_TYPES[tag]!, start: out.length, attrs, slot: entities.push(null) - 1 });
    i = j + 1;
  }
  const open = stack.pop();
  if (open) return fail(`Can't find end tag corresponding to start tag "${open.tag}"`);
  const found = entities.filter((e): e is MessageEntity => e !== null);
  found.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text: out, entities: found };
}

function decodeAttribute(raw: string): string {
  return raw.replace(/&(lt|gt|amp|quot);/g, (_m, n: string) => NAMED[n]!);
}

function finish(open: Open, out: string): MessageEntity | null {
  const length = out.length - open.start;
  if (length === 0) return null; // Telegram drops empty entities
  const base = { offset: open.start, length };
  switch (open.type) {
    case "text_link": {
      const href = open.attrs.href;
      if (!href) return null; // an <a> without href is plain text
      return { type: "text_link", ...base, url: href };
    }
    case "blockquote":
      return { type: "expandable" in open.attrs ? "expandable_blockquote" : "blockquote", ...base };
    case "pre":
      return { type: "pre", ...base };
    case "code": {
      const lang = /^language-(.+)$/.exec(open.attrs.class ?? "")?.[1];
      return lang ? { type: "code", ...base, language: lang } : { type: "code", ...base };
    }
    case "custom_emoji":
      return { type: "custom_emoji", ...base, custom_emoji_id: open.attrs["emoji-id"]! };
    default:
      return { type: open.type, ...base };
  }
}

/** Text length as Telegram counts it for its limits (UTF-16 code units of the parsed text). */
export function telegramLength(text: string): number {
  return text.length;
}

/** bot_command entities, as Telegram's clients mark commands in what a person types. */
export function commandEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const re = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{5,32})?)(?=$|[\s.,;:!?)])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push({ type: "bot_command", offset: m.index + m[1]!.length, length: m[2]!.length });
  return found;
}

/**
 * What Telegram would answer to `text` sent with parse_mode HTML: null when it
 * is accepted, otherwise the Bot API's description ("Bad Request: …"). For
 * checks that want only the verdict (the test fakes, linters of locale strings).
 */
export function telegramHtmlProblem(text: string, limit = 4096): string | null {
  const r = parseTelegramHtml(text);
  if (!r.ok) return `Bad Request: ${r.error}`;
  if (r.text.trim() === "") return "Bad Request: message text is empty";
  if (telegramLength(r.text) > limit) return limit === 4096 ? "Bad Request: message is too long" : "Bad Request: message caption is too long";
  return null;
}
