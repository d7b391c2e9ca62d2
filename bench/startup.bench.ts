// Foundation figures: cold start to the first getUpdates, a /start update
// through the whole middleware stack, and the idle memory of the bot process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "../src/wiring/compose.js";
import { createBot } from "../src/bot/createBot.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { translator } from "../src/i18n.js";
import { silentLogger } from "../src/logger.js";
import { FakeBotApi } from "../tests/support/fakeBotApi.js";
import { botInfo, TEST_TOKEN, updates } from "../tests/support/telegram.js";
import { freePort } from "../tests/support/ports.js";
import { percentile, report } from "./support/report.js";

const MAIN = new URL("../dist/src/main.js", import.meta.url).pathname;

async function coldStart(api: FakeBotApi, databaseUrl: string): Promise<{ ms: number; rssMb: number }> {
  const before = api.calls.length;
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    // With the health and metrics listener, as the bot runs by default (on a free port here).
    env: { PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: databaseUrl, LOG_LEVEL: "error", HOST: "127.0.0.1", HEALTH_PORT: String(await freePort()) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await waitForNewCall(api, "getUpdates", before);
  const ms = performance.now() - t0;
  // Idle: polling, menus set, nothing to do.
  await new Promise((r) => setTimeout(r, 1500));
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  child.kill("SIGTERM");
  await exited;
  return { ms, rssMb };
}

export async function run(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error("dist/ is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "frontstage-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  const api = new FakeBotApi();
  await api.start();
  try {
    const first = await coldStart(api, url);
    report("cold start, empty database (migrations applied)", `${first.ms.toFixed(0)} ms`);
    const runs: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await coldStart(api, url);
      runs.push(r.ms);
      rss.push(r.rssMb);
    }
    report("cold start to first getUpdates (SQLite, median of 5)", `${percentile(runs, 50).toFixed(0)} ms`, "≤ 1500 ms");
    report("idle RSS of the bot process (median of 5)", `${percentile(rss, 50).toFixed(1)} MB`, "≤ 120 MB");

    // /start from strangers through the whole middleware stack, the network stubbed.
    await migrate(url);
    const db = await openDatabase(url);
    const services = createServices(db, { configuredAdmins: [] });
    const bot = createBot({ token: TEST_TOKEN, apiRoot: "http://127.0.0.1:9", services, translator: translator(), logger: silentLogger, timeZone: "Asia/Shanghai", botInfo });
    bot.api.config.use(async () => ({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" } } }) as never);
    const times: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const u = updates.text({ id: 10_000_000 + i, language_code: i % 2 ? "zh" : "en" }, "/start");
      const t = performance.now();
      await bot.handleUpdate(u);
      if (i >= 500) times.push(performance.now() - t); // after warm-up
    }
    report("/start through the middleware stack (median)", `${percentile(times, 50).toFixed(3)} ms`, "≤ 5 ms");
    report("/start through the middleware stack (p99)", `${percentile(times, 99).toFixed(3)} ms`);
    await db.close();
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first `method` call made after the first `before` calls. */
async function waitForNewCall(api: FakeBotApi, method: string, before: number, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!api.calls.slice(before).some((c) => c.method === method)) {
    if (performance.now() > deadline) throw new Error(`the bot made no ${method} call within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
