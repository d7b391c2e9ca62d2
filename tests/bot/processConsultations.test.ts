import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/wiring/compose.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/database.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { PARK_ROSTER, specWith } from "../support/park.js";
import { TEST_TOKEN } from "../support/telegram.js";
import { OPERATOR, asCommittee } from "../support/actors.js";

const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

describe("npm start with a consultation whose closing time passed while the bot was down", () => {
  let api: FakeBotApi;
  let empty: EmptyDatabase;
  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    empty = await createEmptyDatabase();
    await migrate(empty.url);
    const db = await openDatabase(empty.url);
    // Two days ago a consultation was opened that closed yesterday.
    const then = { now: () => new Date(Date.now() - 2 * 86_400_000) };
    const services = createServices(db, { configuredAdmins: [], clock: then });
    await services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await services.roles.grant(8100n, "committee", OPERATOR);
    const unit = await db.prisma.unit.findFirstOrThrow({ where: { building: "1号楼", number: "101" } });
    await db.prisma.user.create({ data: { id: 8101n, language: "en", consentAt: then.now(), status: "verified", unitId: unit.id, relation: "owner", verifiedAt: then.now() } });
    const parsed = await services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = new Date(Date.now() - 86_400_000).toISOString()))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const created = await services.consultations.lifecycle.create(parsed.value, asCommittee(8100n));
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await db.prisma.outboxMessage.deleteMany({}); // the opening notices went out two days ago
    await db.close();
  });
  afterAll(async () => {
    await api.stop();
    await empty.drop();
  });

  it("closes it at start, sends the committee the result through the outbox, and stops cleanly", async () => {
    const child = spawn(TSX, [MAIN], {
      env: { PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: empty.url, LOG_LEVEL: "warn", HEALTH_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const sent = await api.waitFor("sendMessage", (b) => b.chat_id === 8100, 25_000);
    // The committee member never registered, so the bot has no language of theirs: the park's first, Chinese.
    expect(sent.body.text).toContain("📊 <b>征询 #1 的结果</b>");
    expect(sent.body.text).toContain("发送 /publish 1 把结果发给所有相关居民");
    expect(sent.body.parse_mode).toBe("HTML");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    const db = await openDatabase(empty.url);
    try {
      expect(await db.prisma.consultation.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: "closed" });
      expect(await db.prisma.outboxMessage.findMany({ select: { batch: true, chatId: true, status: true } })).toEqual([{ batch: "closed:1", chatId: 8100n, status: "sent" }]);
    } finally {
      await db.close();
    }
  }, 40_000);
});
