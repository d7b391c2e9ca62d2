// Two instances of the bot on one database, in one test process: each with its
// own Prisma client, services, bot and recording Telegram, on the real clock
// (their schedulers, leases and announcements wait real time). What each one
// logs and how many analyses it ran are kept, so a test can tell which did what.
import type { Update } from "grammy/types";
import { createServices, type Services } from "../../src/wiring/compose.js";
import type { Telemetry } from "../../src/app/telemetry.js";
import { createBot } from "../../src/bot/createBot.js";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { translator } from "../../src/i18n.js";
import type { Logger } from "../../src/logger.js";
import type { Scheduler } from "../../src/app/consultations/scheduler.js";
import type { OutboxWorker } from "../../src/app/consultations/outboxWorker.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { API_ROOT, Person } from "./harness.js";
import { botInfo, FakeTelegram, TEST_TOKEN, type PersonOptions } from "./telegram.js";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  fields?: Record<string, unknown>;
}

export class Instance {
  readonly tg = new FakeTelegram();
  readonly logs: LogLine[] = [];
  /** Analyses this instance computed itself (not taken from another). */
  analyses = 0;
  readonly services: Services;
  readonly bot: ReturnType<typeof createBot>;
  scheduler: Scheduler | undefined;
  outbox: OutboxWorker | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    readonly database: Database,
    url: string,
    adminIds: readonly bigint[],
  ) {
    const push = (level: LogLine["level"]) => (msg: string, fields?: Record<string, unknown>) => void this.logs.push({ level, msg, ...(fields ? { fields } : {}) });
    this.logger = { debug: push("debug"), info: push("info"), warn: push("warn"), error: push("error") };
    const telemetry: Telemetry = {
      ballotRecorded() {},
      statementVoted() {},
      analysisFinished: (_s, ok) => void (ok && this.analyses++),
      updateFailed() {},
      updateRedelivered() {},
    };
    this.services = createServices(database, { configuredAdmins: [...adminIds], databaseUrl: url, telemetry });
    this.bot = createBot({ token: TEST_TOKEN, apiRoot: API_ROOT, services: this.services, translator: translator(), logger: this.logger, timeZone: "Asia/Shanghai", botInfo });
    this.tg.install(this.bot);
  }

  readonly logger: Logger;

  get db() {
    return this.database.prisma;
  }

  handle = (u: Update) => this.bot.handleUpdate(u);

  person(o: PersonOptions): Person {
    return new Person(this, o);
  }

  /** What src/main.ts starts once it takes updates: the feed, the scheduler, the outbox (sending through this bot's Telegram). */
  start(parts: { scheduler?: boolean; outbox?: boolean; analysis?: boolean } = { scheduler: true, outbox: true }): void {
    this.services.peers.start({ onError: (error, what) => this.logger.warn("instances: announcement failed", { what, error }) });
    if (parts.scheduler) (this.scheduler = this.services.consultations.createScheduler(this.logger)).start();
    if (parts.outbox) (this.outbox = this.services.consultations.createOutboxWorker(telegramSender(this.bot.api), this.logger, { idleMs: 200 })).start();
    if (parts.analysis) this.services.statements.analysis.start();
  }

  /** Stops what start() started and closes what the services opened (the database stays open). Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.scheduler?.stop();
    await this.outbox?.stop();
    await this.services.statements.analysis.stop();
    await this.services.updates.close();
    await this.services.peers.close();
    await this.services.consultations.close();
    await this.services.reports.close();
  }

  said(msg: string): LogLine[] {
    return this.logs.filter((l) => l.msg === msg);
  }
}

export async function createTwins(opts: { adminIds?: bigint[] } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const second = await openDatabase(database.url, { maxConnections: 4 });
  const adminIds = opts.adminIds ?? [];
  const a = new Instance("A", database.db, database.url, adminIds);
  const b = new Instance("B", second, database.url, adminIds);
  return {
    a,
    b,
    database,
    async close() {
      await a.stop();
      await b.stop();
      await second.close();
      await database.cleanup();
    },
  };
}

/** Waits until `done()` holds, checking every 50 ms; fails with `what` after `ms`. */
export async function eventually(what: string, done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
