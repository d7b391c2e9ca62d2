import { run as runPolling, type RunnerHandle } from "@grammyjs/runner";
import { Api } from "grammy";
import { compose } from "./wiring/compose.js";
import { createBot } from "./bot/createBot.js";
import type { BotContext } from "./bot/context.js";
import { CommandMenus } from "./bot/menus.js";
import { telegramSender } from "./bot/outboxSender.js";
import { installRetries } from "./bot/retry.js";
import { ALLOWED_UPDATES, floodControl, InFlight, orderedPerChatAndUser } from "./bot/runtime.js";
import { ConfigError, healthPort, loadEnvFile, parseConfig, type BotConfig } from "./config.js";
import { migrate, openDatabase, redact } from "./wiring/database.js";
import { translator } from "./i18n.js";
import { configSecrets, createLogger } from "./logger.js";
import { healthCheck } from "./server/health.js";
import { httpApp, listen, type Listener, type WebhookReply } from "./server/http.js";
import { Metrics } from "./server/metrics.js";
import type { Middleware } from "grammy";

/** SIGTERM to exit: everything under way gets this long, then the process exits anyway. */
const SHUTDOWN_MS = 9_000;

/**
 * `npm start`: validate the settings, migrate, then take updates — long polling
 * (BOT_MODE=polling, through grammY's runner) or a webhook (BOT_MODE=webhook) —
 * until SIGINT or SIGTERM; /healthz and /metrics on HEALTH_PORT in both modes.
 */
async function run(): Promise<number> {
  loadEnvFile();
  let config: BotConfig;
  try {
    config = parseConfig(process.env, { requireToken: true }) as BotConfig;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(e.problems.join("\n") + "\n");
    return 2;
  }
  const logger = createLogger(config.LOG_LEVEL, { secrets: [...configSecrets(config), ...(config.WEBHOOK_SECRET ? [config.WEBHOOK_SECRET] : [])] });
  const { applied } = await migrate(config.DATABASE_URL);
  if (applied.length) logger.info("migrations applied", { applied });
  const db = await openDatabase(config.DATABASE_URL);
  const metrics = new Metrics();
  const { services, adapters } = compose(db, { configuredAdmins: config.ADMIN_IDS, timeZone: config.TIME_ZONE, databaseUrl: config.DATABASE_URL, telemetry: metrics, analysisThread: true });
  metrics.observeOutbox(adapters.consultations.outbox, services.clock);
  services.updates.onError = (error) => logger.warn("processed updates: could not record", { error });
  const inFlight = new InFlight();
  const bot = createBot({
    token: config.BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    services,
    translator: translator(),
    logger,
    timeZone: config.TIME_ZONE,
    before: [metrics.middleware(), floodControl({ translator: translator(), logger }), inFlight.middleware(), orderedPerChatAndUser()] as Middleware<BotContext>[],
  });
  installRetries(bot.api);

  // Consultations open, remind and close on time; bulk sends leave through the paced outbox, on an Api
  // without the retries of direct calls (the outbox waits out a 429 itself, for every message at once).
  const scheduler = services.consultations.createScheduler(logger, [services.followUps.digest]);
  const outbox = services.consultations.createOutboxWorker(telegramSender(new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT })), logger);
  const health = healthCheck({ prisma: db.prisma, outbox: adapters.consultations.outbox, clock: services.clock });

  const webhook = config.BOT_MODE === "webhook" ? new URL(config.WEBHOOK_URL!) : null;
  const healthOn = healthPort(config);
  let accepting = true;
  const listeners: Listener[] = [];
  let runner: RunnerHandle | undefined;
  let fatal: ((e: unknown) => void) | undefined;
  const failed = new Promise<never>((_, reject) => (fatal = reject));
  let markStopped: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info("stopping", { signal });
      const force = setTimeout(() => {
        logger.error("stopping took too long; exiting anyway", { inFlight: inFlight.size });
        process.exit(1);
      }, SHUTDOWN_MS + 500);
      force.unref();
      const deadline = Date.now() + SHUTDOWN_MS;
      // 1. No new updates: the runner stops fetching; the webhook answers 503, so Telegram keeps them for later.
      accepting = false;
      await runner?.stop();
      // 2. The updates under way finish (their replies go out, their ballots are stored).
      if (!(await inFlight.idle(Math.max(0, deadline - Date.now() - 2_000)))) logger.warn("stopping: updates still running were left", { count: inFlight.size });
      // 3. The background work, then the listeners and the database.
      await scheduler.stop();
      await outbox.stop();
      // A snapshot or a file under way is finished (and sent) before its threads and the database close.
      await services.reports.jobs.idle();
      await services.statements.analysis.stop();
      await services.updates.close();
      await services.peers.close();
      await Promise.all(listeners.map((l) => l.close(Math.max(0, Math.min(1_000, deadline - Date.now())))));
      await services.consultations.close();
      await services.reports.close();
      await db.close();
      clearTimeout(force);
      markStopped?.();
    })());
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  // Menus are refreshed in the background: taking updates should not wait for a dozen API calls.
  const syncMenus = async () => {
    const menus = new CommandMenus(bot.api, translator());
    await menus.setDefaults();
    for (const { userId, roles } of await services.roles.staff()) await menus.refresh(userId, roles).catch(() => undefined);
  };
  const started = () => {
    syncMenus().catch((e: unknown) => logger.warn("command menus not set", { error: e }));
    // Other instances on the database tell this one what they changed (PostgreSQL; nothing on SQLite).
    services.peers.start({ onError: (error, what) => logger.warn("instances: announcement failed", { what, error }) });
    // Opinion-group analyses are refreshed in the background, never inside a button press.
    services.statements.analysis.start({ onError: (error, consultationId) => logger.error("analysis refresh failed", { consultationId, error }) });
    scheduler.start();
    outbox.start();
    services.updates.startPruning();
  };

  await bot.init();
  const onPort = async (port: number, app: ReturnType<typeof httpApp>, what: string) => {
    try {
      listeners.push(await listen(app, config.HOST, port));
    } catch (e) {
      throw new Error(`${what} could not listen on ${config.HOST}:${port}: ${(e as Error).message}`);
    }
  };
  const healthDeps = { health, metrics };
  if (webhook) {
    const handle = (update: Parameters<typeof bot.handleUpdate>[0], reply?: WebhookReply) => bot.handleUpdate(update, reply);
    const route = { path: webhook.pathname, secret: config.WEBHOOK_SECRET!, handle, accepting: () => accepting };
    const together = healthOn === config.PORT;
    await onPort(config.PORT, httpApp({ logger, webhook: route, ...(together ? healthDeps : {}) }), "PORT");
    if (!together && healthOn !== null) await onPort(healthOn, httpApp({ logger, ...healthDeps }), "HEALTH_PORT");
    await bot.api.setWebhook(webhook.href, { secret_token: config.WEBHOOK_SECRET!, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
    logger.info("webhook set", { bot: bot.botInfo.username, url: webhook.origin + webhook.pathname, port: config.PORT, database: redact(config.DATABASE_URL) });
    started();
  } else {
    if (healthOn !== null) await onPort(healthOn, httpApp({ logger, ...healthDeps }), "HEALTH_PORT");
    // A webhook left from an earlier run would make getUpdates fail with 409.
    await bot.api.deleteWebhook({ drop_pending_updates: false });
    runner = runPolling(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 } } });
    logger.info("polling for updates", { bot: bot.botInfo.username, database: redact(config.DATABASE_URL) });
    started();
    // The runner ends on its own only on an error it cannot retry (another poller: 409; a revoked token: 401).
    void runner.task()?.catch((e: unknown) => fatal?.(e));
  }
  await Promise.race([stopped, failed]);
  return 0;
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`frontstage: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
