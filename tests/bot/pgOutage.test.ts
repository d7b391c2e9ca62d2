// A database outage: the bot runs (webhook mode, as a process) on a PostgreSQL server this
// test starts itself, which is then stopped while residents press buttons and type. The
// process stays up, every request is answered, every button press answered, /healthz says
// 503; once the server is back the bot works again without a restart, and no acknowledged
// ballot is lost.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/wiring/compose.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { testProvider } from "../support/database.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { freePort } from "../support/ports.js";
import { TEST_TOKEN, updates } from "../support/telegram.js";
import { OPERATOR } from "../support/actors.js";

const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;
const SECRET = "outage_test_secret-0123456789abcdefghij";
const BIN = ["/usr/local/bin", ...["17", "16", "15", "14"].map((v) => `/usr/lib/postgresql/${v}/bin`)].find((d) => existsSync(join(d, "pg_ctl")));
const asRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
const pgTool = (tool: string, args: string[]) => execFileSync(asRoot ? "runuser" : join(BIN!, tool), asRoot ? ["-u", "postgres", "--", join(BIN!, tool), ...args] : args, { stdio: "pipe" });

describe.skipIf(testProvider() !== "postgres" || !BIN)("a PostgreSQL outage", () => {
  let dir: string;
  let pgPort: number;
  let url: string;
  let api: FakeBotApi;
  const serverUp = () => pgTool("pg_ctl", ["-D", join(dir, "data"), "-o", `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", join(dir, "log"), "-w", "start"]);
  const serverDown = () => pgTool("pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "frontstage-outage-"));
    chmodSync(dir, 0o777);
    pgTool("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres"]);
    pgPort = await freePort();
    serverUp();
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${pgPort}/postgres` });
    await admin.connect();
    await admin.query("CREATE DATABASE frontstage");
    await admin.end();
    url = `postgresql://postgres@127.0.0.1:${pgPort}/frontstage`;
    await migrate(url);
    const db = await openDatabase(url);
    const now = new Date();
    await db.prisma.unit.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ building: "B1", number: String(101 + i), inviteCode: `O${String(i).padStart(7, "0")}` })) });
    const units = await db.prisma.unit.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await db.prisma.user.createMany({ data: units.map((u, i) => ({ id: BigInt(90_000 + i), language: i % 2 ? "zh" : "en", consentAt: now, status: "verified", unitId: u.id, relation: "owner", verifiedAt: now })) });
    const services = createServices(db, { configuredAdmins: [] });
    const spec = await services.consultations.lifecycle.validate({
      title: { en: "Market day" },
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      polls: [{ question: { en: "Which day?" }, kind: "single", options: [{ en: "Saturday" }, { en: "Sunday" }], voters: "residents", rule: "plurality" }],
    });
    if (!spec.ok || !(await services.consultations.lifecycle.create(spec.value, OPERATOR)).ok) throw new Error("not created");
    await db.prisma.outboxMessage.deleteMany({});
    await services.consultations.close();
    await db.close();
    api = new FakeBotApi();
    await api.start();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    try {
      serverDown();
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("stays up and answers everyone while the database is down, then works again without a restart", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
      env: {
        PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: url, LOG_LEVEL: "silent",
        BOT_MODE: "webhook", WEBHOOK_URL: "https://frontstage.example.org/hook", WEBHOOK_SECRET: SECRET, HOST: "127.0.0.1", PORT: String(port),
      },
      stdio: ["ignore", "ignore", "ignore"],
    });
    let exited: number | null | undefined;
    child.on("exit", (code) => (exited = code));
    try {
      await api.waitFor("setWebhook", () => true, 30_000);
      const post = (u: unknown) => api.postToWebhook(`http://127.0.0.1:${port}/hook`, SECRET, u);
      const health = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
      const vote = (i: number) => updates.press({ id: 90_000 + i, language_code: i % 2 ? "zh" : "en" }, `vp:1:0:${i % 2}`, { chatId: 90_000 + i, messageId: 1 });
      const answerTo = (u: ReturnType<typeof vote>) => api.calls.find((c) => c.method === "answerCallbackQuery" && c.body.callback_query_id === u.callback_query!.id);

      // Before: votes are recorded.
      const before = [0, 1, 2].map(vote);
      for (const u of before) expect((await post(u)).status).toBe(200);
      expect(before.every((u) => answerTo(u) !== undefined)).toBe(true);
      expect(await health()).toBe(200);

      // 30 s without the database, residents pressing and typing all along.
      serverDown();
      const down = Date.now();
      const during: ReturnType<typeof vote>[] = [];
      for (let k = 0; Date.now() - down < 30_000; k++) {
        const u = vote(3 + (k % 4));
        during.push(u);
        const t = Date.now();
        expect((await post(u)).status).toBe(200);
        // Answered quickly: a dead database is noticed at once, not after a long wait.
        expect(Date.now() - t).toBeLessThan(6_000);
        if (k % 5 === 0) expect(await health()).toBe(503);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      expect((await post(updates.text({ id: 90_007, language_code: "en" }, "/vote"))).status).toBe(200);
      // Every press is answered (so no spinner is left), and the process is still up.
      // (What the apology says is the error boundary's; here: it comes, in the person's language.)
      for (const u of during) {
        const toast = String(answerTo(u)?.body.text ?? "");
        expect(toast, `press of ${u.callback_query!.from.id}`).not.toBe("");
        expect(/[\u4e00-\u9fff]/.test(toast), toast).toBe(u.callback_query!.from.language_code === "zh");
      }
      expect(api.calls.some((c) => c.method === "sendMessage" && c.body.chat_id === 90_007)).toBe(true);
      expect(await health()).toBe(503);
      expect(exited).toBeUndefined();

      serverUp();
      const deadline = Date.now() + 30_000;
      while ((await health()) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(await health()).toBe(200);
      // The residents whose presses failed press again, and others vote for the first time.
      const after = [3, 4, 5, 6, 8, 9].map(vote);
      for (const u of after) expect((await post(u)).status).toBe(200);
      expect(after.every((u) => answerTo(u) !== undefined)).toBe(true);
      expect(exited).toBeUndefined();

      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const { rows } = await db.query<{ id: string }>(`SELECT "voterId"::text AS id FROM "Ballot" ORDER BY "voterId"`);
      await db.end();
      expect(rows.map((r) => Number(r.id) - 90_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9]);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => (exited !== undefined ? r(null) : child.on("exit", r)));
    }
  }, 180_000);
});
