import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createServices, type Services } from "../wiring/compose.js";
import { ConfigError, loadEnvFile, parseConfig, type Config } from "../config.js";
import { migrate, openDatabase, redact, type Database } from "../wiring/database.js";
import { parseRoleCommand } from "../domain/roles.js";
import { plainTranslator } from "../i18n.js";
import { telegramMenuSync } from "../wiring/menus.js";
import { rosterProblemLines } from "../presenters/roster.js";
import { CliError, cliLanguage, processIo, type CliIo, type CliT } from "./io.js";
import { runAnalyze, runExportPolis, runImportPolis } from "./polisCommands.js";
import { runReportExport, runReportSubmit } from "./reportCommands.js";
import { runAuditExport, runAuditVerify } from "./auditCommands.js";
import { runDepartment } from "./departmentCommands.js";
import { runConsultationClose, runConsultationCreate, runConsultationList, runConsultationResult } from "./consultationCommands.js";
import { OPERATOR } from "../domain/permissions.js";

interface Session {
  io: CliIo;
  t: CliT;
  config(): Config;
  services(): Promise<Services>;
}

interface Command {
  /** The words that name it, e.g. ["roster", "import"]. */
  words: string[];
  /** Locale key of its usage text, under cli.usage. */
  usage: string;
  options?: Record<string, { type: "string" | "boolean" }>;
  run(s: Session, positionals: string[], values: Record<string, string | boolean | undefined>): Promise<void>;
}

const commands: Command[] = [
  {
    words: ["migrate"],
    usage: "migrate",
    async run(s) {
      const url = s.config().DATABASE_URL;
      const { applied } = await migrate(url);
      s.io.out(applied.length ? s.t("cli.migrated", { count: applied.length, names: applied.join(", "), url: redact(url) }) : s.t("cli.upToDate", { url: redact(url) }));
    },
  },
  {
    words: ["roster", "import"],
    usage: "rosterImport",
    async run(s, [file]) {
      if (!file) throw new CliError(s.t("cli.usage.rosterImport"));
      const bytes = await readInput(s, file);
      const result = await (await s.services()).roster.import(bytes, OPERATOR);
      if (!result.ok) throw new CliError([s.t("cli.rosterRejected", { file })].concat(rosterProblemLines(s.t, result.problems)).join("\n"));
      s.io.out(s.t("cli.rosterImported", result));
    },
  },
  {
    words: ["roster", "codes"],
    usage: "rosterCodes",
    options: { out: { type: "string" } },
    async run(s, _p, { out }) {
      if (typeof out !== "string" || out === "") throw new CliError(s.t("cli.usage.rosterCodes"));
      const { count, csv } = await (await s.services()).roster.codesCsv(OPERATOR);
      await writeFile(resolve(s.io.cwd, out), csv, "utf8");
      s.io.out(s.t("cli.codesWritten", { count, file: out }));
    },
  },
  {
    words: ["analyze"],
    usage: "analyze",
    options: { json: { type: "boolean" } },
    run: (s, positionals, { json }) => runAnalyze(s.io, s.t, positionals, json === true),
  },
  {
    words: ["consultation", "create"],
    usage: "consultationCreate",
    run: (s, positionals) => runConsultationCreate(s.io, s.t, positionals, () => s.services()),
  },
  {
    words: ["consultation", "list"],
    usage: "consultationList",
    run: (s, positionals) => runConsultationList(s.io, s.t, positionals, () => s.services()),
  },
  {
    words: ["consultation", "close"],
    usage: "consultationClose",
    run: (s, positionals) => runConsultationClose(s.io, s.t, positionals, () => s.services()),
  },
  {
    words: ["consultation", "result"],
    usage: "consultationResult",
    run: (s, positionals) => runConsultationResult(s.io, s.t, positionals, () => s.services()),
  },
  {
    words: ["export", "polis"],
    usage: "exportPolis",
    run: (s, positionals) => runExportPolis(s.io, s.t, positionals, () => s.services()),
  },
  {
    words: ["import", "polis"],
    usage: "importPolis",
    options: { "title-zh": { type: "string" }, "title-en": { type: "string" } },
    run: (s, positionals, values) => runImportPolis(s.io, s.t, positionals, values, () => s.services()),
  },
  {
    words: ["report", "submit"],
    usage: "reportSubmit",
    options: { by: { type: "string" } },
    run: (s, positionals, { by }) => runReportSubmit(s.io, s.t, positionals, typeof by === "string" ? by : undefined, s.config().ADMIN_IDS, () => s.services()),
  },
  {
    words: ["report"],
    usage: "report",
    options: { version: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
    run: (s, positionals, values) => runReportExport(s.io, s.t, positionals, values, () => s.services()),
  },
  ...(["list", "add", "rename", "remove"] as const).map(
    (verb): Command => ({
      words: ["department", verb],
      usage: `department${verb[0]!.toUpperCase()}${verb.slice(1)}`,
      ...(verb === "add" || verb === "rename" ? { options: { zh: { type: "string" as const }, en: { type: "string" as const } } } : {}),
      run: (s, positionals, values) => runDepartment(s.io, s.t, verb, positionals, values, () => s.services()),
    }),
  ),
  {
    words: ["audit", "verify"],
    usage: "auditVerify",
    run: (s, positionals) => runAuditVerify(s.io, s.t, positionals, s.config().DATABASE_URL, () => s.services()),
  },
  {
    words: ["audit"],
    usage: "auditExport",
    options: { since: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
    run: (s, positionals, values) => runAuditExport(s.io, s.t, positionals, values, () => s.services()),
  },
  ...(["grant", "revoke"] as const).map(
    (verb): Command => ({
      words: ["role", verb],
      usage: verb === "grant" ? "roleGrant" : "roleRevoke",
      async run(s, positionals) {
        const parsed = parseRoleCommand(positionals);
        if (!parsed.ok) {
          const reason = parsed.problem === "usage" ? "" : s.t(parsed.problem === "bad-id" ? "grant.badId" : "grant.badRole", { value: parsed.value }) + "\n";
          throw new CliError(reason + s.t(`cli.usage.${verb === "grant" ? "roleGrant" : "roleRevoke"}`));
        }
        const services = await s.services();
        const change = verb === "grant" ? await services.roles.grant(parsed.userId, parsed.role, OPERATOR) : await services.roles.revoke(parsed.userId, parsed.role, OPERATOR);
        const vars = { id: String(parsed.userId), role: s.t(`roles.name.${parsed.role}`) };
        if (change.kind === "config-admin") throw new CliError(s.t("grant.configAdmin", vars));
        s.io.out(s.t({ granted: "grant.granted", revoked: "grant.revoked", unchanged: verb === "grant" ? "grant.already" : "grant.notHeld", "self-admin": "grant.selfAdmin" }[change.kind], vars));
        if ("roles" in change && change.kind !== "unchanged") await refreshMenu(s, parsed.userId, change.roles);
      },
    }),
  ),
];

/** With a bot token configured, the person's Telegram menu follows the change at once; otherwise at the bot's next start. */
async function refreshMenu(s: Session, userId: bigint, roles: import("../domain/roles.js").Roles) {
  const { BOT_TOKEN, TELEGRAM_API_ROOT } = s.config();
  if (!BOT_TOKEN) return void s.io.out(s.t("cli.menuLater"));
  try {
    await telegramMenuSync(BOT_TOKEN, TELEGRAM_API_ROOT).refresh(userId, roles);
  } catch {
    s.io.out(s.t("cli.menuLater"));
  }
}

async function readInput(s: Session, file: string): Promise<Uint8Array> {
  try {
    return await readFile(resolve(s.io.cwd, file));
  } catch {
    throw new CliError(s.t("cli.cannotRead", { file }));
  }
}

function help(t: CliT): string {
  return [t("cli.help.title"), "", ...commands.map((c) => "  " + t(`cli.usage.${c.usage}`)), "", t("cli.help.footer")].join("\n");
}

/** Runs the CLI; returns the exit code (0 ok, 2 for anything the user can fix). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) loadEnvFile();
  const t = plainTranslator().forLanguage(cliLanguage(io.env));
  let db: Database | undefined;
  let config: Config | undefined;
  // Their announcements to running instances (a consultation closed here) go out before the database closes.
  const made: Services[] = [];
  const session: Session = {
    io,
    t,
    config: () => (config ??= parseConfig(io.env)),
    async services() {
      const cfg = session.config();
      await migrate(cfg.DATABASE_URL);
      db ??= await openDatabase(cfg.DATABASE_URL);
      const services = createServices(db, { configuredAdmins: cfg.ADMIN_IDS, timeZone: cfg.TIME_ZONE });
      made.push(services);
      return services;
    },
  };
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      io.out(help(t));
      return argv.length === 0 ? 2 : 0;
    }
    const command = commands.find((c) => c.words.every((w, i) => argv[i] === w));
    if (!command) throw new CliError(t("cli.unknown", { command: argv.join(" ") }) + "\n\n" + help(t));
    const rest = argv.slice(command.words.length);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(t(`cli.usage.${command.usage}`) + "\n\n" + t(`cli.describe.${command.usage}`));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message}\n${t(`cli.usage.${command.usage}`)}`);
    }
    await command.run(session, parsed.positionals, parsed.values as Record<string, string | boolean | undefined>);
    return 0;
  } catch (e) {
    if (e instanceof CliError) io.err(e.message);
    else if (e instanceof ConfigError) io.err(e.problems.join("\n"));
    else {
      io.err(t("cli.failed", { message: (e as Error).message ?? String(e) }));
      return 1;
    }
    return 2;
  } finally {
    for (const s of made) await s.peers.close();
    await db?.close();
  }
}

// Run directly (`tsx src/cli/main.ts …`, `node dist/src/cli/main.js …`), not when imported by bin/ or tests.
if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
