import { existsSync } from "node:fs";
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const BOT_MODES = ["polling", "webhook"] as const;
export type BotMode = (typeof BOT_MODES)[number];

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^file:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
    message: "expected file:<path> for SQLite or postgres://… / postgresql://… for PostgreSQL",
  });

const adminIds = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return [] as bigint[];
    const ids: bigint[] = [];
    for (const part of v.split(",").map((p) => p.trim())) {
      if (!/^[1-9]\d{0,18}$/.test(part) || BigInt(part) > 9_223_372_036_854_775_807n) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated Telegram user ids, got "${part}"` });
        return z.NEVER;
      }
      ids.push(BigInt(part));
    }
    return ids;
  });

/** A TCP port; `min` 0 lets HEALTH_PORT=0 mean "off". */
function port(min: 0 | 1) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `expected a port number from ${min} to 65535`)
    .transform(Number)
    .refine((n) => n >= min && n <= 65_535, `expected a port number from ${min} to 65535`);
}

const shape = {
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "expected a token from @BotFather, like 123456:ABC-DEF…")
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, message: "expected an http(s) URL such as https://api.telegram.org" })
    .default("https://api.telegram.org")
    .transform((v) => v.replace(/\/+$/, "")),
  DATABASE_URL: databaseUrl.default("file:./data/frontstage.db"),
  ADMIN_IDS: adminIds.default([]),
  TIME_ZONE: z
    .string()
    .trim()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "expected an IANA time zone such as Asia/Shanghai")
    .default("Asia/Shanghai"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  BOT_MODE: z.enum(BOT_MODES, { message: `expected one of ${BOT_MODES.join(", ")}` }).default("polling"),
  WEBHOOK_URL: z
    .url({ protocol: /^https$/, message: "expected the public https URL Telegram posts updates to, such as https://bot.example.org/telegram" })
    .optional(),
  // Telegram allows 1–256 of these characters; fewer than 32 would be guessable.
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "expected 32 to 256 characters of A–Z, a–z, 0–9, _ and -")
    .optional(),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  PORT: port(1).default(8080),
  HEALTH_PORT: port(0).optional(),
};

const schema = z.object(shape);
export type Config = z.infer<typeof schema>;
export type BotConfig = Config & { BOT_TOKEN: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** Empty strings count as unset, the way shells and .env files usually mean them. */
function pick(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") out[key] = value;
  }
  return out;
}

/** Validates the environment once; every problem becomes one line naming the variable. */
export function parseConfig(env: NodeJS.ProcessEnv, opts: { requireToken?: boolean } = {}): Config {
  const input = pick(env);
  const parsed = schema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "config")}: ${issue.message}`);
  if (opts.requireToken && input.BOT_TOKEN === undefined) {
    problems.unshift("BOT_TOKEN: required to run the bot; get one from @BotFather and set BOT_TOKEN=123456:ABC…");
  }
  // Only the bot needs the webhook's address and secret; the CLI runs whatever the mode.
  if (opts.requireToken && input.BOT_MODE === "webhook") {
    if (input.WEBHOOK_URL === undefined) problems.push("WEBHOOK_URL: required when BOT_MODE=webhook; the public https URL Telegram posts updates to");
    if (input.WEBHOOK_SECRET === undefined) problems.push("WEBHOOK_SECRET: required when BOT_MODE=webhook; 32 to 256 characters of A–Z, a–z, 0–9, _ and -");
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/** Where /healthz and /metrics are served: HEALTH_PORT, else the webhook's (or polling's) PORT; null when HEALTH_PORT=0. */
export function healthPort(config: Pick<Config, "PORT" | "HEALTH_PORT">): number | null {
  const port = config.HEALTH_PORT ?? config.PORT;
  return port === 0 ? null : port;
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadEnvFile(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
