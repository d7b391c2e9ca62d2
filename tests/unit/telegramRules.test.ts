import { describe, expect, it } from "vitest";
import { NOT_MODIFIED, parseHtml, refusal, shown, unchanged } from "../support/telegramRules.js";

// The rules both fakes of the Bot API enforce; the descriptions are Telegram's own.
describe("Telegram's HTML rules", () => {
  it("accepts the supported tags, nested and closed, and the four named entities and numeric ones", () => {
    const p = parseHtml('<b>bold <i>both</i></b> <a href="tg://user?id=1">x</a> <code>a&lt;b&gt;&amp;&quot;&#39;&#x4E2D;</code> <span class="tg-spoiler">s</span> <tg-spoiler>t</tg-spoiler> <blockquote>q</blockquote> <u>u</u><s>s</s><pre>p</pre>');
    expect(p).toMatchObject({ ok: true, text: "bold both x a<b>&\"'中 s t q usp" });
    if (p.ok) expect(p.entities.slice(0, 3)).toEqual([{ type: "bold", offset: 0, length: 9 }, { type: "italic", offset: 5, length: 4 }, { type: "text_link", offset: 10, length: 1, url: "tg://user?id=1" }]);
  });

  it("refuses an unknown tag with Telegram's description and the byte offset in UTF-8", () => {
    expect(parseHtml("关闭：/close <编号>")).toEqual({ ok: false, error: `Bad Request: can't parse entities: Unsupported start tag "编号" at byte offset ${Buffer.byteLength("关闭：/close ")}` });
    expect(parseHtml("/grant <telegram id> <role>")).toEqual({ ok: false, error: `Bad Request: can't parse entities: Unsupported start tag "telegram" at byte offset 7` });
  });

  it("refuses unclosed, unmatched and stray tags", () => {
    expect(parseHtml("<b>x")).toEqual({ ok: false, error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"` });
    expect(parseHtml("<b><i>x</b></i>")).toEqual({ ok: false, error: `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"` });
    expect(parseHtml("x</b>")).toEqual({ ok: false, error: "Bad Request: can't parse entities: Unexpected end tag at byte offset 1" });
    expect(parseHtml("a <b")).toEqual({ ok: false, error: "Bad Request: can't parse entities: Unclosed start tag at byte offset 2" });
    expect(parseHtml('<span class="x">y</span>')).toEqual({ ok: false, error: `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0` });
  });

  it("refuses a bare & or > and entities Telegram does not know", () => {
    expect(parseHtml("R&D").ok).toBe(false);
    expect(parseHtml("a > b").ok).toBe(false);
    expect(parseHtml("&nbsp;").ok).toBe(false);
    expect(parseHtml("R&amp;D a &gt; b").ok).toBe(true);
  });

  it("counts length after entity parsing: 4096 characters pass, 4097 do not", () => {
    const payload = (text: string) => ({ chat_id: 1, text, parse_mode: "HTML" });
    expect(refusal("sendMessage", payload("&lt;".repeat(4096)))).toBeUndefined();
    expect(refusal("sendMessage", payload("&lt;".repeat(4097)))).toBe("Bad Request: message is too long");
    expect(refusal("editMessageText", payload("x".repeat(4097)))).toBe("Bad Request: MESSAGE_TOO_LONG");
    expect(refusal("sendMessage", payload("<b> </b>"))).toBe("Bad Request: message text is empty");
    expect(refusal("sendDocument", { caption: "é".repeat(1025) })).toBe("Bad Request: message caption is too long");
  });

  it("refuses callback data over 64 bytes of UTF-8 and callback answers over 200 characters", () => {
    const kb = (data: string) => ({ chat_id: 1, text: "x", reply_markup: { inline_keyboard: [[{ text: "b", callback_data: data }]] } });
    expect(refusal("sendMessage", kb("a".repeat(64)))).toBeUndefined();
    expect(refusal("sendMessage", kb("a".repeat(63) + "é"))).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(refusal("answerCallbackQuery", { text: "x".repeat(200) })).toBeUndefined();
    expect(refusal("answerCallbackQuery", { text: "x".repeat(201) })).toBe("Bad Request: MESSAGE_TOO_LONG");
  });

  it("an edit to the same text and buttons changes nothing; other entities or buttons do", () => {
    const kb = { inline_keyboard: [[{ text: "b", callback_data: "x" }]] };
    expect(unchanged(shown("<b>a</b>", "HTML", kb), shown("<strong>a</strong>", "HTML", kb))).toBe(true);
    expect(unchanged(shown("<b>a</b>", "HTML", kb), shown("a", "HTML", kb))).toBe(false);
    expect(unchanged(shown("a", "HTML", kb), shown("a", "HTML", undefined))).toBe(false);
    expect(NOT_MODIFIED).toMatch(/^Bad Request: message is not modified/);
  });
});
