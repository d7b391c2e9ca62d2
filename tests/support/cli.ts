// The CLI run in-process as a person would run it: arguments, a terminal
// language, an environment, a working folder; what it printed and its exit code.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliRunner {
  (args: string[], lang?: string): Promise<CliResult>;
  /** The working folder of every run (files the test writes for the CLI go here). */
  readonly dir: string;
}

export interface CliRunnerOptions {
  /** The working folder; a new temp folder by default. */
  dir?: string;
  /** More of the environment than DATABASE_URL and LANG (TIME_ZONE, ADMIN_IDS, …). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A `cli(args, lang)` for a test file. `databaseUrl` is asked at each run, as
 * the database is made in beforeAll, after the runner.
 */
export function cliRunner(databaseUrl: () => string, o: CliRunnerOptions = {}): CliRunner {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), "frontstage-cli-"));
  const run = async (args: string[], lang = "en_US.UTF-8"): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s), env: { DATABASE_URL: databaseUrl(), LANG: lang, ...o.env }, cwd: dir };
    const code = await main(args, io);
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  return Object.assign(run, { dir });
}
