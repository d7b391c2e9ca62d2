import { describe, expect, it } from "vitest";
import { commandEntities, parseTelegramHtml, telegramHtmlProblem } from "../../src/emulator/html.js";

describe("Telegram HTML, as the Bot API parses it", () => {
  it("turns the supported tags into entities over the plain text, offsets in UTF-16", () => {
    const r = parseTelegramHtml('📊 <b>征询 #1</b> &lt;x&gt; &amp; <a href="https://e.org/?a=1&amp;b=2">link</a> <i><u>iu</u></i>');
    expect(r).toEqual({
      ok: true,
      text: "📊 征询 #1 <x> & link iu",
      entities: [
        { type: "bold", offset: 3, length: 5 },
        { type: "text_link", offset: 15, length: 4, url: "https://e.org/?a=1&b=2" },
        { type: "italic", offset: 20, length: 2 },
        { type: "underline", offset: 20, length: 2 },
      ],
    });
  });

  it("keeps a bare ampersand and decodes numeric entities", () => {
    expect(parseTelegramHtml("R&D &#8364; &#x4e2d;")).toMatchObject({ ok: true, text: "R&D € 中" });
  });

  it("refuses what Telegram refuses, naming the byte offset", () => {
    expect(parseTelegramHtml("a < b")).toEqual({ ok: false, error: 'can\'t parse entities: Unsupported start tag "" at byte offset 2' });
    expect(parseTelegramHtml("中<br>")).toEqual({ ok: false, error: 'can\'t parse entities: Unsupported start tag "br" at byte offset 3' });
    expect(parseTelegramHtml("<b>bold")).toEqual({ ok: false, error: 'can\'t parse entities: Can\'t find end tag corresponding to start tag "b"' });
    expect(parseTelegramHtml("x</b>")).toEqual({ ok: false, error: "can't parse entities: Unexpected end tag at byte offset 1" });
    expect(parseTelegramHtml("<b><i>x</b></i>")).toMatchObject({ ok: false, error: expect.stringContaining('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"') });
    expect(parseTelegramHtml('<span class="x">s</span>')).toMatchObject({ ok: false });
    expect(parseTelegramHtml("<b")).toMatchObject({ ok: false, error: expect.stringContaining("Unclosed start tag") });
  });

  it("gives the Bot API's verdict on a text: accepted, or its error", () => {
    expect(telegramHtmlProblem("<b>ok</b> &amp;")).toBeNull();
    expect(telegramHtmlProblem("<b>a</b>" + "&lt;".repeat(4095))).toBeNull();
    expect(telegramHtmlProblem("x".repeat(4097))).toBe("Bad Request: message is too long");
    expect(telegramHtmlProblem("c".repeat(1025), 1024)).toBe("Bad Request: message caption is too long");
    expect(telegramHtmlProblem("<b> </b>")).toBe("Bad Request: message text is empty");
    expect(telegramHtmlProblem("<p>x</p>")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0');
  });

  it("marks commands the way Telegram's clients do", () => {
    expect(commandEntities("/start ABCD1234")).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(commandEntities("see /help or /vote@frontstage_bot, not a/b")).toEqual([
      { type: "bot_command", offset: 4, length: 5 },
      { type: "bot_command", offset: 13, length: 20 },
    ]);
  });
});
