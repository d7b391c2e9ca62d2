import { existsSync } from "node:fs";
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadEnvFile(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
