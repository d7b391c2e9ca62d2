// Two instances of the bot on one PostgreSQL database: the outbox's rows are claimed one
// at a time under a lease, so no message goes out twice and none is lost; a consultation
// whose closing time comes while both run is closed once and its result sent once; one of
// them runs the schedule, and when it is killed the other takes over and closes what falls due.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/wiring/compose.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { LOCK_CLASS, SCHEDULER_LOCK } from "../../src/db/schedulerLock.js";
import { createEmptyDatabase, testProvider, type EmptyDatabase } from "../support/database.js";
import { seedCrowd } from "../support/crowd.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { PARK_ROSTER, specWith } from "../support/park.js";
import { freePort } from "../support/ports.js";
import { TEST_TOKEN } from "../support/telegram.js";
import { OPERATOR, asCommittee } from "../support/actors.js";

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
    await services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await services.roles.grant(600n, "committee", OPERATOR);
    // Closes a few seconds after both instances started; nobody of its audience (1–3号楼) is registered.
    const parsed = await services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = new Date(Date.now() + 12_000).toISOString()))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    if (!(await services.consultations.lifecycle.create(parsed.value, asCommittee(600n))).ok) throw new Error("not created");
    await db.prisma.outboxMessage.deleteMany({});
    const sent = await services.consultations.broadcasts.announce({ en: "Water is off on Monday" }, null, OPERATOR);
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
      expect(await db.prisma.auditEntry.count({ where: { action: "consultation.close" } })).toBe(1);
    } finally {
      await db.close();
    }
  }, 200_000);

  it("the instance running the schedule is killed: the other takes over within seconds and closes what falls due, once", async () => {
    const db = await openDatabase(empty.url);
    const services = createServices(db, { configuredAdmins: [] });
    // Which process holds the scheduler's lock (its connection is named after its process id).
    const leaderPid = async () => {
      const rows = await db.prisma.$queryRaw<{ name: string }[]>`
        SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = ${LOCK_CLASS}::oid AND l.objid = ${SCHEDULER_LOCK}::oid AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      const m = rows[0]?.name.match(/^frontstage scheduler (\d+)$/);
      return m ? Number(m[1]) : null;
    };
    const a = await start();
    const b = await start();
    try {
      const deadline = Date.now() + 60_000;
      while ((await leaderPid()) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const first = await leaderPid();
      const [leader, survivor] = first === a.child.pid ? [a, b] : [b, a];
      expect(leader.child.pid).toBe(first);

      leader.child.kill("SIGKILL");
      await leader.exited;
      const killedAt = Date.now();
      while ((await leaderPid()) !== survivor.child.pid && Date.now() < killedAt + 20_000) await new Promise((r) => setTimeout(r, 100));
      expect(await leaderPid()).toBe(survivor.child.pid);
      // The standby tries every 5 s; the server frees a killed process's lock at once.
      expect(Date.now() - killedAt).toBeLessThan(7_000);

      const parsed = await services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = new Date(Date.now() + 4_000).toISOString()))));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
      const created = await services.consultations.lifecycle.create(parsed.value, asCommittee(600n));
      if (!created.ok) throw new Error("not created");
      const id = created.value.id;
      const results = () => api.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === 600 && String(c.body.text).includes(`征询 #${id} 的结果`));
      const until = Date.now() + 30_000;
      while (results().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2_000));
      expect(results()).toHaveLength(1);
      expect((await db.prisma.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("closed");
      expect(await db.prisma.auditEntry.count({ where: { action: "consultation.close", target: `consultation:${id}` } })).toBe(1);
      survivor.child.kill("SIGTERM");
      await survivor.exited;
      expect(survivor.stderr()).toBe("");
    } finally {
      a.child.kill("SIGKILL");
      b.child.kill("SIGKILL");
      await services.consultations.close();
      await services.peers.close();
      await db.close();
    }
  }, 120_000);
});
