import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { botInfo, FakeTelegram, TEST_TOKEN } from "../support/telegram.js";
import { NOT_MODIFIED } from "../support/telegramRules.js";

// Both stand-ins for Telegram answer a call Telegram would refuse the way Telegram does.
const tooLongData = { inline_keyboard: [[{ text: "x", callback_data: "é".repeat(33) }]] };

describe("FakeTelegram (in-process) refuses what Telegram refuses", () => {
  const tg = new FakeTelegram();
  const bot = new Bot<BotContext>(TEST_TOKEN, { botInfo });
  tg.install(bot);
  const refusedWith = (p: Promise<unknown>) => p.then(() => "accepted", (e: { description?: string }) => e.description);

  it("bad HTML, long texts, long callback data, long toasts, and an edit that changes nothing", async () => {
    expect(await refusedWith(bot.api.sendMessage(1, "用法：/close <编号>", { parse_mode: "HTML" }))).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "编号" at byte offset ${Buffer.byteLength("用法：/close ")}`,
    );
    expect(await refusedWith(bot.api.sendMessage(1, "x".repeat(4097)))).toBe("Bad Request: message is too long");
    expect(await refusedWith(bot.api.sendMessage(1, "x", { reply_markup: tooLongData }))).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(await refusedWith(bot.api.answerCallbackQuery("q", { text: "x".repeat(201) }))).toBe("Bad Request: MESSAGE_TOO_LONG");
    const sent = await bot.api.sendMessage(1, "<b>a</b>", { parse_mode: "HTML" });
    expect(await refusedWith(bot.api.editMessageText(1, sent.message_id, "<b>a</b>", { parse_mode: "HTML" }))).toBe(NOT_MODIFIED);
    expect(await refusedWith(bot.api.editMessageText(1, sent.message_id, "<i>a</i>", { parse_mode: "HTML" }))).toBe("accepted");
    expect(tg.last(1).plain).toBe("a");
    expect(tg.refused.map((r) => r.method)).toEqual(["sendMessage", "sendMessage", "sendMessage", "answerCallbackQuery", "editMessageText"]);
  });
});

describe("FakeBotApi (HTTP, for whole-process tests) refuses what Telegram refuses", () => {
  const api = new FakeBotApi();
  beforeAll(() => api.start());
  afterAll(() => api.stop());
  const call = async (method: string, body: object) => {
    const res = await fetch(`${api.url}/bot${TEST_TOKEN}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; description?: string; result?: { message_id: number } } };
  };

  it("answers 400 with Telegram's description", async () => {
    expect(await call("sendMessage", { chat_id: 1, text: "/grant <telegram id> <role>", parse_mode: "HTML" })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: `Bad Request: can't parse entities: Unsupported start tag "telegram" at byte offset 7` },
    });
    expect((await call("sendMessage", { chat_id: 1, text: "&lt;".repeat(4097), parse_mode: "HTML" })).body.description).toBe("Bad Request: message is too long");
    expect((await call("sendMessage", { chat_id: 1, text: "x", reply_markup: tooLongData })).body.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await call("answerCallbackQuery", { callback_query_id: "q", text: "字".repeat(201) })).body.description).toBe("Bad Request: MESSAGE_TOO_LONG");
    const sent = await call("sendMessage", { chat_id: 1, text: "a &amp; b", parse_mode: "HTML" });
    expect(sent.status).toBe(200);
    expect((await call("editMessageText", { chat_id: 1, message_id: sent.body.result!.message_id, text: "a &amp; b", parse_mode: "HTML" })).body.description).toBe(NOT_MODIFIED);
    expect(api.refused).toHaveLength(5);
  });
});
