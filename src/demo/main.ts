// `npm run demo`: the whole product on this machine, offline. A Telegram Bot
// API emulator on loopback, a fresh database seeded with a business park,
// the real bot (`npm start`'s code, unchanged) pointed at the emulator, and a
// web chat where four people talk to it side by side.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { createServices } from "../wiring/compose.js";
import { cliLanguage } from "../cli/io.js";
import { migrate, openDatabase, redact } from "../wiring/database.js";
import { TelegramEmulator, type ApiCall } from "../emulator/emulator.js";
import { PACKAGE_ROOT } from "../paths.js";
import { FEATURED, PENDING, simulatedResidents } from "./park.js";
import { seedPark, seedStaff } from "./seed.js";
import { createWebServer, type PagePerson } from "./web.js";

const lang = cliLanguage(process.env);
const say = (zh: string, en: string) => (lang === "zh" ? zh : en);

const HELP = () =>
  say(
    `用法：npm run demo -- [选项]

在本机离线运行完整的 Frontstage：内置的 Telegram Bot API 模拟器、一个已填充数据的商务园区、
真正的机器人，以及一个网页聊天界面（四个人并排）。不需要 Telegram 账号或机器人令牌。

选项：
  --port <端口>   网页聊天的端口（默认 3000），只监听 127.0.0.1
  --db <url>      使用这个空数据库，而不是临时文件夹里的新 SQLite 数据库
                  （file:<路径> 或 postgres://…；演示数据不会被删除）
  --keep          停止时保留临时文件夹（数据库）
  --help          显示本说明

Ctrl-C 停止全部进程并删除临时数据（除非使用 --keep）。
同一时间只能运行一个演示（锁文件：FRONTSTAGE_DEMO_LOCK，默认在系统临时目录）。`,
    `Usage: npm run demo -- [options]

Runs all of Frontstage on this machine, offline: an embedded Telegram Bot API emulator, a seeded
business park, the real bot, and a web chat with four people side by side. No Telegram account or
bot token needed.

Options:
  --port <port>   the web chat's port (default 3000), on 127.0.0.1 only
  --db <url>      use this empty database instead of a fresh SQLite one in a temporary folder
                  (file:<path> or postgres://…; the demo's data is not deleted)
  --keep          keep the temporary folder (the database) when stopping
  --help          show this help

Ctrl-C stops everything and removes the temporary data (unless --keep).
One demo runs at a time (lock file: FRONTSTAGE_DEMO_LOCK, by default in the system's temp folder).`,
  );

const Args = z
  .object({
    port: z.coerce
      .number({ message: say("--port 需要一个数字", "--port needs a number") })
      .int(say("--port 需要一个整数", "--port needs a whole number"))
      .min(1, say("--port 需在 1 到 65535 之间", "--port must be between 1 and 65535"))
      .max(65535, say("--port 需在 1 到 65535 之间", "--port must be between 1 and 65535"))
      .default(3000),
    db: z
      .string()
      .refine((v) => /^file:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), say("--db 需要 file:<路径> 或 postgres://…", "--db needs file:<path> or postgres://…"))
      .optional(),
    keep: z.boolean().default(false),
    help: z.boolean().default(false),
  })
  .strict();
type Args = z.infer<typeof Args>;

function parseArgs(argv: string[]): Args {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") ? (a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), undefined]) : a === "-h" ? ["help", undefined] : [a, undefined];
    if (flag === "keep" || flag === "help") raw[flag] = true;
    else if (flag === "port" || flag === "db") {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(say(`--${flag} 后面需要一个值`, `--${flag} needs a value`));
      raw[flag] = value;
    } else throw new UsageError(say(`不认识的参数 "${a}"（见 --help）`, `unknown argument "${a}" (see --help)`));
  }
  const parsed = Args.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("\n"));
  return parsed.data;
}

class UsageError extends Error {}
/** Something went wrong that the message explains (no stack trace): exit code 1. */
class DemoFailure extends Error {}

/** One demo at a time: a lock file naming the running demo's process and address. */
function takeLock(path: string, url: string): () => void {
  const mine = JSON.stringify({ pid: process.pid, url });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, mine, { flag: "wx" });
      return () => {
        try {
          if (readFileSync(path, "utf8") === mine) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let other: { pid?: number; url?: string } = {};
      try {
        other = JSON.parse(readFileSync(path, "utf8"));
      } catch {
        /* unreadable: treat as stale */
      }
      if (other.pid && alive(other.pid)) {
        throw new UsageError(
          say(
            `另一个演示正在运行（进程 ${other.pid}，${other.url ?? ""}）。请打开它，或在它的终端按 Ctrl-C 停止后再运行。`,
            `another demo is already running (process ${other.pid}, ${other.url ?? ""}). Open that one, or stop it with Ctrl-C in its terminal first.`,
          ),
        );
      }
      rmSync(path, { force: true }); // left by a demo that died
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE") reject(new UsageError(say(`端口 ${port} 已被占用；用 --port <端口> 换一个，例如 npm run demo -- --port ${port + 1}`, `port ${port} is taken; choose another with --port <port>, e.g. npm run demo -- --port ${port + 1}`)));
      else if (e.code === "EACCES") reject(new UsageError(say(`没有权限使用端口 ${port}；用 --port <端口> 换一个（1024 以上）`, `no permission to use port ${port}; choose another with --port <port> (above 1024)`)));
      else reject(e);
    });
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

async function run(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`frontstage demo: ${e.message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP() + "\n");
    return 0;
  }
  const address = `http://127.0.0.1:${args.port}`;
  // Ctrl-C during the start still cleans up: the signal is noticed once everything is up.
  const stopSignal = new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  const cleanups: (() => void | Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  try {
    cleanups.push(takeLock(process.env.FRONTSTAGE_DEMO_LOCK || join(tmpdir(), "frontstage-demo.lock"), address));

    // About Telegram's 30 messages a second, with the short bursts it tolerates.
    const tg = new TelegramEmulator({ rateLimits: { global: { count: 90, perMs: 3000 } }, keepCalls: false });
    const people: PagePerson[] = [];
    let freeCodes: { building: string; unit: string; code: string }[] = [];
    let newcomers = 0;
    const web = createWebServer(tg, {
      people,
      newcomer(l) {
        const letter = freeCodes.shift();
        if (!letter) return null;
        newcomers++;
        const id = 7000 + newcomers;
        const name = l === "zh" ? `新住户 ${newcomers}` : `Newcomer ${newcomers}`;
        tg.addUser({ id, first_name: name, language_code: l === "zh" ? "zh-hans" : "en" });
        const p: PagePerson = { id, name, language_code: l === "zh" ? "zh-hans" : "en", role: "newcomer", letter };
        people.push(p);
        return p;
      },
    });
    await listen(web, args.port);
    cleanups.push(() => new Promise<void>((resolve) => web.close(() => resolve())));
    cleanups.push(() => web.closeAllConnections());
    await tg.start();
    cleanups.push(() => tg.stop());

    // The database: a fresh SQLite file in a temporary folder, or the one given.
    let databaseUrl = args.db;
    if (!databaseUrl) {
      // In memory where the system has it (/dev/shm): the demo's data is temporary, and commits need no disk flush.
      // Data to keep goes to the temporary folder on disk instead.
      const dir = mkdtempSync(join(!args.keep && existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "frontstage-demo-"));
      databaseUrl = `file:${join(dir, "frontstage.db")}`;
      cleanups.push(() => {
        if (args.keep) process.stdout.write(say(`数据保留在 ${dir}\n`, `data kept in ${dir}\n`));
        else rmSync(dir, { recursive: true, force: true });
      });
    }
    const t0 = performance.now();
    await migrate(databaseUrl);
    const tMigrated = performance.now();
    const db = await openDatabase(databaseUrl);
    cleanups.push(() => db.close());
    if ((await db.prisma.unit.count()) > 0) {
      throw new UsageError(say(`--db ${redact(databaseUrl)} 不是空的；演示需要一个空数据库`, `--db ${redact(databaseUrl)} is not empty; the demo seeds an empty database`));
    }
    const services = createServices(db, { configuredAdmins: [BigInt(FEATURED.committee.id)], databaseUrl });
    cleanups.push(() => services.consultations.close());
    await seedStaff(services);
    // Everyone in the park is a Telegram user who has started the bot.
    for (const p of [FEATURED.owner, FEATURED.tenant, FEATURED.committee, ...simulatedResidents(), ...PENDING]) {
      tg.addUser({ id: p.id, first_name: p.first_name, last_name: p.last_name, language_code: p.lang === "zh" ? "zh-hans" : "en" });
    }
    tg.addUser({ id: FEATURED.official.id, first_name: FEATURED.official.first_name, last_name: FEATURED.official.last_name, language_code: "zh-hans" });

    // The real bot, exactly as `npm start` runs it; it loads while the park is seeded.
    const bot: ChildProcess = spawn(process.execPath, [join(PACKAGE_ROOT, "dist", "src", "main.js")], {
      env: {
        PATH: process.env.PATH ?? "",
        BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.url,
        DATABASE_URL: databaseUrl,
        ADMIN_IDS: String(FEATURED.committee.id),
        TIME_ZONE: process.env.TIME_ZONE || "Asia/Shanghai",
        LOG_LEVEL: process.env.LOG_LEVEL || "error",
        // The playground needs no health listener: it would take port 8080 on every address of the machine.
        HEALTH_PORT: "0",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => bot.once("exit", (code) => resolve(code)));
    cleanups.push(async () => {
      if (bot.exitCode === null && bot.signalCode === null) {
        bot.kill("SIGTERM");
        const timer = setTimeout(() => bot.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    });
    let tPolling = 0;
    const polling = new Promise<void>((resolve, reject) => {
      const onCall = (c: ApiCall) => {
        if (c.method === "getUpdates") {
          tg.off("call", onCall);
          tPolling = performance.now();
          resolve();
        }
      };
      tg.on("call", onCall);
      void exited.then((code) => reject(new DemoFailure(say(`机器人进程在启动时退出了（代码 ${code}），见上面的输出`, `the bot process exited while starting (code ${code}); see its output above`))));
    });
    polling.catch(() => undefined);

    const park = await seedPark(services);
    freeCodes = park.freeCodes;
    const official = FEATURED.official;
    const tSeeded = performance.now();
    const full = (p: { first_name: string; last_name?: string; lang: string }) => (p.lang === "zh" ? `${p.last_name ?? ""}${p.first_name}` : `${p.first_name} ${p.last_name ?? ""}`.trim());
    const { owner, tenant, committee } = FEATURED;
    people.push(
      { id: owner.id, name: full(owner), language_code: "zh-hans", role: "owner", home: `${owner.building} ${owner.unit}` },
      { id: tenant.id, name: full(tenant), language_code: "en", role: "tenant", home: `${tenant.building} ${tenant.unit}` },
      { id: committee.id, name: full(committee), language_code: "en", role: "committee", home: `${committee.building} ${committee.unit}` },
      { id: official.id, name: full(official), language_code: "zh-hans", role: "official" },
    );
    await polling;

    const tReady = performance.now();
    // The official has nothing in their chat yet (they only ever get aggregates): they asked what they can do.
    tg.sendText(official.id, "/help");
    const seconds = (tReady / 1000).toFixed(1);
    const s1 = (ms: number) => (ms / 1000).toFixed(1);
    const timing = say(
      `（启动 ${s1(t0)} 秒，迁移 ${s1(tMigrated - t0)} 秒，填充数据 ${s1(tSeeded - tMigrated)} 秒，机器人在迁移后 ${s1(tPolling - tMigrated)} 秒开始接收消息）`,
      `(start ${s1(t0)} s, migrations ${s1(tMigrated - t0)} s, seed ${s1(tSeeded - tMigrated)} s, the bot polling ${s1(tPolling - tMigrated)} s after migrations)`,
    );
    process.stdout.write(
      say(
        `Frontstage 演示已就绪（${seconds} 秒）：${address}\n  ${timing}\n  数据库：${redact(databaseUrl)}${args.db || args.keep ? "" : "（临时）"}\n  四个聊天：中文业主、英文租户、委员会成员、政府官员；机器人 @${tg.me.username}\n  Ctrl-C 停止${args.db ? "（演示数据留在该数据库中）" : args.keep ? "并保留数据" : "并删除临时数据"}\n`,
        `Frontstage demo ready in ${seconds} s: ${address}\n  ${timing}\n  database: ${redact(databaseUrl)}${args.db || args.keep ? "" : " (temporary)"}\n  four chats: a Chinese-speaking owner, an English-speaking tenant, a committee member, an official; the bot is @${tg.me.username}\n  Ctrl-C stops it${args.db ? " (the database keeps the demo's data)" : args.keep ? " and keeps the data" : " and removes the temporary data"}\n`,
      ),
    );

    const signal = await Promise.race([stopSignal, exited.then((code) => `exit ${code}`)]);
    const botDied = signal.startsWith("exit");
    process.stdout.write(botDied ? say(`机器人意外停止（${signal}）；正在关闭演示\n`, `the bot stopped unexpectedly (${signal}); closing the demo\n`) : say("正在停止…\n", "stopping…\n"));
    await cleanup();
    return botDied ? 1 : 0;
  } catch (e) {
    await cleanup();
    if (e instanceof UsageError || e instanceof DemoFailure) {
      process.stderr.write(`frontstage demo: ${e.message}\n`);
      return e instanceof UsageError ? 2 : 1;
    }
    throw e;
  }
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`frontstage demo: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
