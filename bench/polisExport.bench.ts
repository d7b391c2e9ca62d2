// Reading a big Pol.is export (figures printed, nothing asserted):
//  (a) `frontstage analyze <dir> --json` end to end, as a separate process, on a
//      synthetic export of 10,000 participants × 1,000 statements at 20% density
//      (2 million votes, written in a temp folder in today's format); goals ≤ 3 s
//      and ≤ 600 MB peak RSS;
//  (b) the same in this process, split: reading the files vs the analysis;
//  (c) `frontstage import polis <dir>` of the same export into a fresh SQLite
//      database, end to end (migrations included); goal ≤ 10 s.

import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readPolisExportData } from "../src/app/analysis/polisDirectory.js";
import { analyzeVoteColumns } from "../src/domain/consensus/analyze.js";
import { polisVoteColumnsInput } from "../src/domain/polis/conversation.js";
import { adjustedRandIndex } from "../tests/support/ari.js";
import { writeSyntheticPolisExport } from "./support/syntheticPolisExport.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Runs the built CLI; returns wall time, peak RSS and the size of what it printed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; cpuMs: number; rssBytes: number; stdoutBytes: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", join(here, "support", "reportRss.mjs"), join(root, "dist", "src", "cli", "main.js"), ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdoutBytes += d.length));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const kb = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpuMs = Number(/cpu-us=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1000;
      resolve({ ms, cpuMs, rssBytes: kb * 1024, stdoutBytes, code, stderr: stderr.replace(/\n?maxrss-kb=\d+ cpu-us=\d+\n/, "").trim() });
    });
  });
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "frontstage-polis-bench-"));
  try {
    const t0 = performance.now();
    const planted = await writeSyntheticPolisExport(dir, {
      participants: 10_000,
      statements: 1_000,
      density: 0.2,
      groupShares: [0.5, 0.3, 0.2],
      loyalty: 0.6,
      divisive: 0.3,
      seed: 11,
    });
    let bytes = 0;
    for (const f of ["votes.csv", "comments.csv", "participants-votes.csv", "summary.csv"]) bytes += (await stat(join(dir, f))).size;
    console.log(`synthetic export: 10,000 participants × 1,000 statements, ${planted.votes.toLocaleString("en")} votes, ${mb(bytes)} of CSV (written in ${(performance.now() - t0).toFixed(0)} ms)`);

    console.log(`load average when starting: ${loadavg().map((l) => l.toFixed(1)).join(", ")} (${cpus().length} CPUs): wall times include waiting for a CPU`);
    const cli = await runCli(["analyze", dir, "--json"]);
    if (cli.code !== 0) throw new Error(`analyze exited ${cli.code}: ${cli.stderr}`);
    console.log(`(a) analyze --json end to end: ${cli.ms.toFixed(0)} ms (goal ≤ 3000 ms; CPU ${cli.cpuMs.toFixed(0)} ms), peak RSS ${mb(cli.rssBytes)} (goal ≤ 600 MB), ${(cli.stdoutBytes / 1024).toFixed(0)} KB of JSON`);

    const t1 = performance.now();
    const data = await readPolisExportData(dir);
    const t2 = performance.now();
    const analysis = analyzeVoteColumns(polisVoteColumnsInput(data));
    const t3 = performance.now();
    const clustered = analysis.participants.filter((p) => p.groupId !== null);
    const ari = adjustedRandIndex(
      clustered.map((p) => p.groupId!),
      clustered.map((p) => planted.plantedGroup[p.participantId]!),
    );
    console.log(
      `(b) in process: reading ${(t2 - t1).toFixed(0)} ms, analysis ${(t3 - t2).toFixed(0)} ms; ${analysis.groups.length} groups (planted 3), ARI vs planted ${ari.toFixed(4)}`,
    );

    const dbDir = await mkdtemp(join(tmpdir(), "frontstage-polis-import-bench-"));
    try {
      const imported = await runCli(["import", "polis", dir], { ...process.env, DATABASE_URL: `file:${join(dbDir, "bench.db")}` });
      if (imported.code !== 0) throw new Error(`import polis exited ${imported.code}: ${imported.stderr}`);
      console.log(`(c) import polis into a fresh SQLite database: ${imported.ms.toFixed(0)} ms (goal ≤ 10000 ms; CPU ${imported.cpuMs.toFixed(0)} ms), peak RSS ${mb(imported.rssBytes)}`);
    } finally {
      await rm(dbDir, { recursive: true, force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await run();
