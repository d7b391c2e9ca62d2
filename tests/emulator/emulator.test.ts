import { Api, GrammyError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelegramEmulator, type CallbackAnswer, type ChatMessage } from "../../src/emulator/emulator.js";

// A 2×3 PNG (IHDR only matters for the size).
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000002000000030806000000", "hex");

describe("the Telegram emulator, driven by grammY's own Api client", () => {
  let tg: TelegramEmulator;
  let api: Api;
  beforeEach(async () => {
    tg = new TelegramEmulator({ token: "42:TEST" });
    await tg.start();
    api = new Api(tg.token, { apiRoot: tg.url });
    tg.addUser({ id: 7, first_name: "Li", language_code: "zh-hans" });
  });
  afterEach(() => tg.stop());

  const failure = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(GrammyError);
    return e as GrammyError;
  };

  it("answers getMe and refuses a wrong token with 401", async () => {
    expect(await api.getMe()).toMatchObject({ id: 42, is_bot: true, username: "frontstage_demo_bot" });
    expect((await failure(new Api("42:WRONG", { apiRoot: tg.url }).getMe())).error_code).toBe(401);
  });

  it("long-polls: holds getUpdates open until a person writes, honours offset and allowed_updates", async () => {
    const t0 = performance.now();
    const pending = api.getUpdates({ timeout: 10, allowed_updates: ["message"] });
    await new Promise((r) => setTimeout(r, 50));
    tg.sendText(7, "/start ABCD1234");
    const [u] = await pending;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(u!.message).toMatchObject({ text: "/start ABCD1234", entities: [{ type: "bot_command", offset: 0, length: 6 }], from: { id: 7, language_code: "zh-hans" }, chat: { id: 7, type: "private" } });
    // Not confirmed yet: delivered again; confirmed with offset: gone.
    expect((await api.getUpdates({ timeout: 0 })).map((x) => x.update_id)).toEqual([u!.update_id]);
    expect(await api.getUpdates({ offset: u!.update_id + 1, timeout: 0 })).toEqual([]);
    // Only messages were allowed: a button press is not delivered.
    const sent = await api.sendMessage(7, "pick", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    tg.press(7, sent.message_id, "a");
    expect(await api.getUpdates({ offset: u!.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it("a second getUpdates ends the first with 409, and getUpdates is refused while a webhook is set", async () => {
    const first = failure(api.getUpdates({ timeout: 10 }));
    await new Promise((r) => setTimeout(r, 30));
    const second = api.getUpdates({ timeout: 1 });
    expect((await first).description).toMatch(/^Conflict: terminated by other getUpdates request/);
    await second;
    await api.setWebhook("https://example.org/hook");
    expect((await failure(api.getUpdates({ timeout: 0 }))).error_code).toBe(409);
    await api.deleteWebhook();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("keeps the chat: HTML parsed into entities, edits in place, and Telegram's errors", async () => {
    const edits: ChatMessage[] = [];
    tg.on("edit", (m: ChatMessage) => edits.push(m));
    const kb = { inline_keyboard: [[{ text: "同意", callback_data: "v:1:0" }]] };
    const m = await api.sendMessage(7, "<b>投票</b> &amp; more", { parse_mode: "HTML", reply_markup: kb });
    expect(m).toMatchObject({ text: "投票 & more", entities: [{ type: "bold", offset: 0, length: 2 }], chat: { id: 7 }, from: { is_bot: true } });
    // Same content and markup: not modified.
    const same = await failure(api.editMessageText(7, m.message_id, "<b>投票</b> &amp; more", { parse_mode: "HTML", reply_markup: kb }));
    expect(same.description).toMatch(/^Bad Request: message is not modified: /);
    await api.editMessageText(7, m.message_id, "✓ <i>voted</i>", { parse_mode: "HTML" });
    expect(tg.history(7)).toEqual([expect.objectContaining({ message_id: m.message_id, text: "✓ voted", entities: [{ type: "italic", offset: 2, length: 5 }] })]);
    expect(tg.history(7)[0]!.reply_markup).toBeUndefined();
    expect(edits).toHaveLength(1);
    await api.editMessageReplyMarkup(7, m.message_id, { reply_markup: kb });
    expect((await failure(api.editMessageReplyMarkup(7, m.message_id, { reply_markup: kb }))).description).toMatch(/not modified/);
    expect((await failure(api.editMessageText(7, 99_999, "x"))).description).toBe("Bad Request: message to edit not found");

    expect((await failure(api.sendMessage(7, "1 < 2", { parse_mode: "HTML" }))).description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');
    expect((await failure(api.sendMessage(7, "<b>x" + "a".repeat(4096) + "</b>", { parse_mode: "HTML" }))).description).toBe("Bad Request: message is too long");
    // 4096 characters after entity parsing are fine, even if the HTML is longer.
    await api.sendMessage(7, "<b>" + "&amp;".repeat(4096) + "</b>", { parse_mode: "HTML" });
    expect((await failure(api.sendMessage(7, "x", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "x".repeat(65) }]] } }))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await failure(api.sendMessage(7, "   "))).description).toBe("Bad Request: message text is empty");
    expect((await failure(api.sendMessage(8, "stranger"))).description).toBe("Bad Request: chat not found");
    tg.setBlocked(7, true);
    const blocked = await failure(api.sendMessage(7, "hello"));
    expect([blocked.error_code, blocked.description]).toEqual([403, "Forbidden: bot was blocked by the user"]);
  });

  it("turns a press into a callback_query carrying the message, and delivers the answer (toast or alert)", async () => {
    const m = await api.sendMessage(7, "Vote?", { reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "v:1:0" }]] } });
    const press = tg.press(7, m.message_id, "v:1:0");
    const [u] = await api.getUpdates({ timeout: 1 });
    expect(u!.callback_query).toMatchObject({ id: press.queryId, data: "v:1:0", from: { id: 7 }, message: { message_id: m.message_id, text: "Vote?" } });
    expect((await failure(api.answerCallbackQuery(press.queryId, { text: "x".repeat(201) }))).description).toBe("Bad Request: MESSAGE_TOO_LONG");
    await api.answerCallbackQuery(press.queryId, { text: "✓ recorded", show_alert: true });
    expect(await press.answered).toEqual<CallbackAnswer>({ queryId: press.queryId, userId: 7, text: "✓ recorded", show_alert: true });
    expect((await failure(api.answerCallbackQuery(press.queryId))).description).toMatch(/query is too old/);
    expect(() => tg.press(7, m.message_id, "forged")).toThrow(/no button/);
  });

  it("uploads documents and photos by multipart with attach://, and serves files through getFile", async () => {
    const doc = await api.sendDocument(7, new InputFile(Buffer.from("building,unit,code\n1号楼,101,ABCD1234\n"), "codes 2026.csv"), { caption: "<b>Codes</b>", parse_mode: "HTML" });
    expect(doc).toMatchObject({ caption: "Codes", caption_entities: [{ type: "bold", offset: 0, length: 5 }], document: { file_name: "codes 2026.csv", mime_type: "text/csv" } });
    const photo = await api.sendPhoto(7, new InputFile(PNG, "chart.png"));
    expect(photo.photo?.[0]).toMatchObject({ width: 2, height: 3 });
    expect((await failure(api.sendPhoto(7, new InputFile(Buffer.from("not an image"), "x.png")))).description).toBe("Bad Request: IMAGE_PROCESS_FAILED");
    expect((await failure(api.sendDocument(7, new InputFile(Buffer.from("x"), "a.txt"), { caption: "c".repeat(1025) }))).description).toBe("Bad Request: message caption is too long");
    // An album of charts: each photo its own message.
    const album = await api.sendMediaGroup(7, [
      { type: "photo", media: new InputFile(PNG, "a.png"), caption: "<b>A</b>", parse_mode: "HTML" },
      { type: "photo", media: new InputFile(PNG, "b.png") },
    ]);
    expect(album.map((m) => [m.caption ?? null, "photo" in m ? m.photo[0]?.width : null])).toEqual([["A", 2], [null, 2]]);
    // The same file again by its id.
    await api.sendDocument(7, doc.document!.file_id);
    // What a person sends, the bot downloads.
    tg.sendDocument(7, { name: "units.csv", data: Buffer.from("building,unit,area_m2\n") });
    const [u] = await api.getUpdates({ timeout: 1 });
    const file = await api.getFile(u!.message!.document!.file_id);
    const res = await fetch(`${tg.url}/file/bot${tg.token}/${file.file_path}`);
    expect(await res.text()).toBe("building,unit,area_m2\n");
    expect((await fetch(`${tg.url}/file/botWRONG/${file.file_path}`)).status).toBe(401);
  });

  it("keeps command menus per scope and language, and resolves a person's menu like a client", async () => {
    const scope = { type: "all_private_chats" } as const;
    await api.setMyCommands([{ command: "start", description: "Register" }], { scope });
    await api.setMyCommands([{ command: "start", description: "登记" }], { scope, language_code: "zh" });
    await api.setMyCommands([{ command: "close", description: "关闭" }], { scope: { type: "chat", chat_id: 7 }, language_code: "zh" });
    expect(await api.getMyCommands({ scope, language_code: "zh" })).toEqual([{ command: "start", description: "登记" }]);
    expect(await api.getMyCommands()).toEqual([]);
    expect(tg.menuFor(7)).toEqual([{ command: "close", description: "关闭" }]);
    expect(tg.menuFor(7, "en")).toEqual([{ command: "start", description: "Register" }]);
    await api.deleteMyCommands({ scope: { type: "chat", chat_id: 7 }, language_code: "zh" });
    expect(tg.menuFor(7)).toEqual([{ command: "start", description: "登记" }]);
    expect((await failure(api.setMyCommands([{ command: "Bad-Name", description: "x" }]))).description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("drops empty keyboard rows as Telegram does (grammY's InlineKeyboard leaves one after a final row())", async () => {
    const m = await api.sendMessage(7, "x", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }], []] } });
    expect(m.reply_markup).toEqual({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
    const plain = new TelegramEmulator();
    expect(plain.token).toMatch(/^\d+:[A-Za-z0-9_-]{30,}$/); // a token the bot's settings accept
  });

  it("delivers updates to a webhook, with its secret, until it answers 2xx", async () => {
    const { createServer } = await import("node:http");
    const got: { body: any; secret: unknown }[] = [];
    const hook = createServer((req, res) => {
      let raw = "";
      req.on("data", (d) => (raw += d));
      req.on("end", () => {
        got.push({ body: JSON.parse(raw), secret: req.headers["x-telegram-bot-api-secret-token"] });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    try {
      await api.setWebhook(`http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`, { secret_token: "s3cret" });
      tg.sendText(7, "hello");
      await expect.poll(() => got.length).toBe(1);
      expect(got[0]).toMatchObject({ body: { message: { text: "hello" } }, secret: "s3cret" });
      expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
    } finally {
      await api.deleteWebhook();
      hook.close();
    }
  });

  it("makes the Bot API call a webhook hands back in its answer, as Telegram does, and ignores any other answer", async () => {
    const { createServer } = await import("node:http");
    const m = await api.sendMessage(7, "Vote?", { reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "v:1:0" }]] } });
    const replies = ["ok", JSON.stringify({ ok: true }), ""];
    const hook = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const u = replies.shift();
        res.writeHead(200, { "content-type": "application/json" });
        // The press (the fourth update) is answered in the HTTP answer.
        res.end(u ?? JSON.stringify({ method: "answerCallbackQuery", callback_query_id: press.queryId, text: "✓ recorded" }));
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    const press = tg.press(7, m.message_id, "v:1:0");
    try {
      for (const text of ["a", "b", "c"]) tg.sendText(7, text);
      await api.setWebhook(`http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`);
      expect(await press.answered).toEqual<CallbackAnswer>({ queryId: press.queryId, userId: 7, text: "✓ recorded", show_alert: false });
      expect(tg.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.body)).toEqual([{ callback_query_id: press.queryId, text: "✓ recorded" }]);
      // Answered once: a second answer, by the webhook or by a request, is refused as Telegram refuses it.
      const refused: string[] = [];
      tg.on("refused", (_call: unknown, description: string) => refused.push(description));
      await tg.webhookReply(JSON.stringify({ method: "answerCallbackQuery", callback_query_id: press.queryId }));
      expect(refused).toEqual([expect.stringMatching(/query is too old/)]);
    } finally {
      await api.deleteWebhook();
      hook.close();
    }
  });

  it("answers 429 with retry_after above the configured rate", async () => {
    const limited = new TelegramEmulator({ token: "43:T", rateLimits: { perChat: { count: 2, perMs: 1000 } } });
    await limited.start();
    try {
      limited.addUser({ id: 7, first_name: "Li" });
      const a = new Api(limited.token, { apiRoot: limited.url });
      await a.sendMessage(7, "1");
      await a.sendMessage(7, "2");
      const e = await failure(a.sendMessage(7, "3"));
      expect([e.error_code, e.description, e.parameters.retry_after]).toEqual([429, "Too Many Requests: retry after 1", 1]);
    } finally {
      await limited.stop();
    }
  });
});
