import { createServices } from "./app/services.js";
import { createBot } from "./bot/createBot.js";
import { CommandMenus } from "./bot/menus.js";
import { telegramSender } from "./bot/outboxSender.js";
import { ConfigError, loadEnvFile, parseConfig, type BotConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { redact } from "./db/databaseUrl.js";
import { migrate } from "./db/migrate.js";
import { translator } from "./i18n.js";
import { configSecrets, createLogger } from "./logger.js";

/** `npm start`: validate the settings, migrate, then long-poll until SIGINT or SIGTERM. */
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
  const logger = createLogger(config.LOG_LEVEL, { secrets: configSecrets(config) });
  const { applied } = await migrate(config.DATABASE_URL);
  if (applied.length) logger.info("migrations applied", { applied });
  const db = await openDatabase(config.DATABASE_URL);
  const services = createServices(db, { configuredAdmins: config.ADMIN_IDS, timeZone: config.TIME_ZONE, databaseUrl: config.DATABASE_URL });
  const bot = createBot({
    token: config.BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    services,
    translator: translator(),
    logger,
    timeZone: config.TIME_ZONE,
  });

  // Opinion-group analyses are refreshed in the background, never inside a button press.
  services.statements.analysis.start({ onError: (error, consultationId) => logger.error("analysis refresh failed", { consultationId, error }) });

  // Consultations open, remind and close on time; bulk sends leave through the paced outbox.
  // Both start once polling has begun, and both stop before the database closes.
  const scheduler = services.consultations.createScheduler(logger);
  const outbox = services.consultations.createOutboxWorker(telegramSender(bot.api), logger);

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      logger.info("stopping", { signal });
      await scheduler.stop();
      await outbox.stop();
      await bot.stop();
      // A snapshot or a file under way is finished (and sent) before its threads and the database close.
      await services.reports.jobs.idle();
      await services.statements.analysis.stop();
      await services.consultations.close();
      await services.reports.close();
      await db.close();
    })());
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  // Menus are refreshed in the background: polling should not wait for a dozen API calls.
  const syncMenus = async () => {
    const menus = new CommandMenus(bot.api, translator());
    await menus.setDefaults();
    for (const { userId, roles } of await services.roles.staff()) await menus.refresh(userId, roles).catch(() => undefined);
  };

  await bot.start({
    allowed_updates: ["message", "callback_query"],
    onStart: (me) => {
      logger.info("polling for updates", { bot: me.username, database: redact(config.DATABASE_URL) });
      syncMenus().catch((e: unknown) => logger.warn("command menus not set", { error: e }));
      scheduler.start();
      outbox.start();
    },
  });
  await stopping;
  return 0;
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`frontstage: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
