// Two instances of the bot on one PostgreSQL database: the outbox's rows are claimed one
// at a time under a lease, so no message goes out twice and none is lost; a consultation
// whose closing time comes while both run is closed once and its result sent once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/app/services.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createEmptyDatabase, testProvider, type EmptyDatabase } from "../support/database.js";
import { seedCrowd } from "../support/crowd.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { PARK_ROSTER, specWith } from "../support/park.js";
import { freePort } from "../support/ports.js";
import { TEST_TOKEN } from "../support/telegram.js";

const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;
const RESIDENTS = 2_000;
const FIRST_ID = 70_000;

describe.skipIf(testProvider() !== "postgres")("two webhook instances on one PostgreSQL", () => {
  let api: FakeBotApi;
  let empty: EmptyDatabase;
  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    empty = await createEmptyDatabase();
    await migrate(empty.url);
    const db = await openDatabase(empty.url);
    await seedCrowd(db, { count: RESIDENTS, firstId: FIRST_ID, codePrefix: "N", relation: "tenant" });
    const services = createServices(db, { configuredAdmins: [] });
    await services.roster.import(Buffer.from(PARK_ROSTER));
    await services.roles.grant(600n, "committee", null);
    // Closes a few seconds after both instances started; nobody of its audience (1–3号楼) is registered.
    const parsed = await services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = new Date(Date.now() + 12_000).toISOString()))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    if (!(await services.consultations.lifecycle.create(parsed.value, 600n)).ok) throw new Error("not created");
    await db.prisma.outboxMessage.deleteMany({});
    const sent = await services.consultations.broadcasts.announce({ en: "Water is off on Monday" }, null);
    expect(sent.queued).toBe(RESIDENTS);
    await services.consultations.close();
    await db.close();
  });
  afterAll(async () => {
    await api.stop();
    await empty.drop();
  });

  // Several instances run as webhooks behind a load balancer: Telegram (and the emulator, like it) lets only one
  // long poll run at a time, ending the other with 409.
  const start = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
      env: {
        PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: empty.url, LOG_LEVEL: "error",
        BOT_MODE: "webhook", WEBHOOK_URL: "https://frontstage.example.org/hook", WEBHOOK_SECRET: "instances_test_secret-0123456789abcdef", HOST: "127.0.0.1", PORT: String(port),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    return { child, exited: new Promise<void>((resolve) => child.on("exit", () => resolve())), stderr: () => stderr };
  };

  it("sends 2,000 messages with 0 duplicates and 0 lost, and one closing result", async () => {
    const a = await start();
    const b = await start();
    const announced = () => api.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) >= FIRST_ID);
    const results = () => api.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === 600);
    const deadline = Date.now() + 150_000;
    while ((new Set(announced().map((c) => c.body.chat_id)).size < RESIDENTS || results().length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // A little longer, so that a duplicate would have time to show.
    await new Promise((r) => setTimeout(r, 2_000));
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
    expect(a.stderr() + b.stderr()).toBe("");
    const chats = announced().map((c) => Number(c.body.chat_id));
    expect(new Set(chats).size).toBe(RESIDENTS);
    expect(chats).toHaveLength(RESIDENTS);
    expect(results()).toHaveLength(1);
    expect(results()[0]!.body.text).toContain("征询 #1 的结果");
    const db = await openDatabase(empty.url);
    try {
      expect(await db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(RESIDENTS + 1);
      expect((await db.prisma.consultation.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("closed");
    } finally {
      await db.close();
    }
  }, 200_000);
});
