import { pino, stdSerializers, stdTimeFunctions } from "pino";
import type { LogLevel } from "./config.js";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /**
   * Values that must never reach a log line (the bot token, the database password): they are replaced wherever
   * they occur — in a field, an error message or a stack (grammY's network errors carry the request URL, which
   * holds the token).
   */
  secrets?: readonly string[];
  /** Where the lines go; stderr by default, so stdout stays free for CLI output. */
  write?: (line: string) => void;
}

export const REDACTED = "[redacted]";

/** Field names whose values are secret wherever they appear. */
const SECRET_FIELDS = ["token", "password", "BOT_TOKEN", "*.token", "*.password", "*.BOT_TOKEN"];

/** Telegram ids are BigInt and Errors are objects: both become plain JSON values before pino sees them. */
function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "bigint") out[key] = value.toString();
    else if (value instanceof Error) out[key] = stdSerializers.err(value);
    else out[key] = value;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One JSON object per line (pino), `{"level":"info","time":"<ISO>",…,"msg":"…"}`: easy to read with jq.
 * The level is written as its name, the time as ISO 8601, as before pino, so log readers did not change.
 */
export function createLogger(level: LogLevel, opts: LoggerOptions = {}): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 4);
  // JSON escapes some characters, so a secret is looked for both as written and as JSON would write it.
  const pattern = secrets.length
    ? new RegExp([...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].map(escapeRegExp).join("|"), "g")
    : undefined;
  const destination = {
    write(chunk: string) {
      const line = chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk;
      write(pattern ? line.replace(pattern, REDACTED) : line);
    },
  };
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS, censor: REDACTED },
    },
    destination,
  );
  const log = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (base.isLevelEnabled(lvl)) base[lvl](plain(fields), msg);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** The secrets of a configuration: the bot token and the password inside the database URL, if any. */
export function configSecrets(config: { BOT_TOKEN?: string; DATABASE_URL: string }): string[] {
  const secrets: string[] = [];
  if (config.BOT_TOKEN) secrets.push(config.BOT_TOKEN);
  if (/^postgres(ql)?:\/\//.test(config.DATABASE_URL)) {
    try {
      const password = new URL(config.DATABASE_URL).password;
      if (password) secrets.push(password, decodeURIComponent(password));
    } catch {
      // The config already refused a URL that does not parse; nothing to hide then.
    }
  }
  return secrets;
}

export const silentLogger: Logger = createLogger("silent");
