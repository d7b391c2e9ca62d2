// The demo page's server (src/demo/web.ts) over the emulator, without a bot:
// what the page may ask, and the clear refusals of everything else.
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer, type PagePerson } from "../../src/demo/web.js";
import { TelegramEmulator } from "../../src/emulator/emulator.js";

describe("the demo page's server", () => {
  const tg = new TelegramEmulator({ token: "42:T" });
  const people: PagePerson[] = [{ id: 7, name: "Li", language_code: "zh-hans", role: "owner" }];
  const letters = [{ building: "1号楼", unit: "201", code: "ABCD2345" }];
  const server = createWebServer(tg, {
    people,
    newcomer(lang) {
      const letter = letters.shift();
      if (!letter) return null;
      const p: PagePerson = { id: 8, name: "New", language_code: lang, role: "newcomer", letter };
      tg.addUser({ id: 8, first_name: "New", language_code: lang });
      people.push(p);
      return p;
    },
  });
  let base = "";
  let api: Api;
  beforeAll(async () => {
    await tg.start();
    tg.addUser({ id: 7, first_name: "Li", language_code: "zh-hans" });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    api = new Api(tg.token, { apiRoot: tg.url });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await tg.stop();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(base + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("serves the page, and the state of each person's chat with their command menu", async () => {
    expect((await fetch(base + "/")).headers.get("content-type")).toMatch(/^text\/html/);
    expect((await fetch(base + "/app.js")).status).toBe(200);
    expect((await fetch(base + "/../package.json")).status).toBe(404);
    await api.setMyCommands([{ command: "start", description: "登记" }], { scope: { type: "all_private_chats" }, language_code: "zh" });
    await api.sendMessage(7, "<b>你好</b>", { parse_mode: "HTML" });
    const state = (await (await fetch(base + "/api/state")).json()) as any;
    expect(state.chats["7"]).toEqual([expect.objectContaining({ text: "你好", entities: [{ type: "bold", offset: 0, length: 2 }], from: "bot" })]);
    expect(state.menus["7"]).toEqual([{ command: "start", description: "登记" }]);
  });

  it("acts for a person: typing becomes an update for the bot, a file a document it can download", async () => {
    expect((await post("/api/send", { userId: 7, text: "/vote" })).status).toBe(200);
    const upload = await fetch(`${base}/api/upload?userId=7&name=units.csv`, { method: "POST", body: "building,unit\n" });
    expect(upload.status).toBe(200);
    const updates = await api.getUpdates({ timeout: 0 });
    expect(updates.map((u) => u.message?.text ?? u.message?.document?.file_name)).toEqual(["/vote", "units.csv"]);
    const file = await api.getFile(updates[1]!.message!.document!.file_id);
    expect(await (await fetch(`${tg.url}/file/bot${tg.token}/${file.file_path}`)).text()).toBe("building,unit\n");
    expect((await fetch(`${base}/api/files/${file.file_id}`)).headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''units.csv");
  });

  it("refuses what the page would never send, with a reason, changing nothing", async () => {
    const before = tg.history(7).length;
    const cases: [Response, number][] = [
      [await post("/api/send", { userId: 999, text: "hi" }), 400],
      [await post("/api/send", { userId: 7, text: "" }), 400],
      [await post("/api/send", { userId: 7, text: "x".repeat(4097) }), 400],
      [await post("/api/send", "{not json"), 400],
      [await post("/api/press", { userId: 7, messageId: 1, data: "nope" }), 409],
      [await post("/api/newcomers", { lang: "fr" }), 400],
      [await fetch(`${base}/api/upload?userId=7`, { method: "POST", body: "x" }), 400],
      [await fetch(`${base}/api/upload?userId=7&name=empty.csv`, { method: "POST", body: "" }), 400],
      [await post("/api/send", { userId: 7, text: "hi" }, { origin: "http://evil.example" }), 403],
    ];
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as any).error).toEqual(expect.any(String));
    }
    expect(tg.history(7)).toHaveLength(before);
    // Another host name pointing at 127.0.0.1 (DNS rebinding) gets nothing (fetch cannot set Host).
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(base + "/api/state", { headers: { host: "evil.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it("has the page's own words in both languages, for every label the page uses", async () => {
    const app = await (await fetch(base + "/app.js")).text();
    const html = await (await fetch(base + "/")).text();
    const keysOf = (block: string) => [...block.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]).sort();
    const zh = keysOf(app.slice(app.indexOf("  zh: {"), app.indexOf("  en: {")));
    const en = keysOf(app.slice(app.indexOf("  en: {"), app.indexOf("const COLORS")));
    expect(zh.length).toBeGreaterThan(20);
    expect(zh).toEqual(en);
    const used = new Set([...html.matchAll(/data-t(?:-title)?="(\w+)"/g)].map((m) => m[1]));
    for (const key of used) expect(zh).toContain(key);
  });

  it("adds a newcomer with the committee's letter until the letters run out", async () => {
    const first = await (await post("/api/newcomers", { lang: "en" })).json();
    expect(first).toMatchObject({ id: 8, role: "newcomer", letter: { code: "ABCD2345" }, menu: [] });
    const none = await post("/api/newcomers", { lang: "en" });
    expect(none.status).toBe(409);
  });
});
