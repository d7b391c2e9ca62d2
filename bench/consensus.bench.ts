// Consensus engine speed (figures printed, nothing asserted):
//  (a) 10,000 participants × 1,000 statements at 20% density (≈ 2 M votes), planted
//      groups — time, peak RSS, how well the planted groups come back (ARI);
//      goals ≤ 3 s and ≤ 1 GB RSS;
//  (b) canadian-electoral-reform (real Pol.is export), median after warm-up; goal ≤ 150 ms;
//  (c) chooseNextStatement over 1,000 statements with stats from 10,000 participants,
//      median; goal ≤ 2 ms.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeConversation } from "../src/domain/consensus/analyze.js";
import { createSeededRandom } from "../src/domain/consensus/random.js";
import { chooseNextStatement, prepareRouting, routingStatements } from "../src/domain/consensus/routing.js";
import { polisConversationInput } from "../src/domain/polis/conversation.js";
import { parsePolisExport } from "../src/domain/polis/exportFiles.js";
import { POLIS_FILES, type PolisExportFiles } from "../src/domain/polis/types.js";
import { adjustedRandIndex } from "../tests/support/ari.js";
import { plantedConversation } from "./support/plantedConversation.js";

const here = dirname(fileURLToPath(import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function peakRss(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

function large(): { input: ReturnType<typeof plantedConversation>["input"]; analysis: ReturnType<typeof analyzeConversation<number, number>> } {
  const t0 = performance.now();
  const { input, plantedGroup } = plantedConversation({
    participants: 10_000,
    statements: 1_000,
    density: 0.2,
    groupShares: [0.5, 0.3, 0.2],
    loyalty: 0.6,
    divisive: 0.3,
    seed: 11,
  });
  const built = performance.now() - t0;
  const rssBefore = peakRss();
  const t1 = performance.now();
  const analysis = analyzeConversation(input);
  const elapsed = performance.now() - t1;
  const rssAfter = peakRss();
  const clustered = analysis.participants.filter((p) => p.groupId !== null);
  const ari = adjustedRandIndex(
    clustered.map((p) => p.groupId!),
    clustered.map((p) => plantedGroup[p.participantId]!),
  );
  console.log(
    `(a) 10,000 × 1,000 at 20%: ${input.votes.length.toLocaleString("en")} votes, 3 planted groups, 30% divisive statements, 60% loyal votes (built in ${built.toFixed(0)} ms)`,
  );
  console.log(`    analysis ${elapsed.toFixed(0)} ms (goal ≤ 3000 ms)`);
  console.log(`    peak RSS ${mb(rssAfter)} (before analysis ${mb(rssBefore)}; goal ≤ 1024 MB)`);
  console.log(
    `    groups found ${analysis.groups.length} (planted 3), sizes ${analysis.groups.map((g) => g.members.length).join("/")}, ` +
      `ARI vs planted ${ari.toFixed(4)}`,
  );
  return { input, analysis };
}

function canadian(): void {
  const dir = join(here, "..", "tests", "fixtures", "polis", "canadian-electoral-reform");
  const files = Object.fromEntries(POLIS_FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")])) as unknown as PolisExportFiles;
  const input = polisConversationInput(parsePolisExport(files));
  for (let i = 0; i < 10; i++) analyzeConversation(input);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    analyzeConversation(input);
    times.push(performance.now() - t);
  }
  console.log(
    `(b) canadian-electoral-reform (${input.votes.length} votes): median ${median(times).toFixed(1)} ms over ${times.length} runs after warm-up ` +
      `(min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; goal ≤ 150 ms)`,
  );
}

function routing(analysis: ReturnType<typeof analyzeConversation<number, number>>): void {
  const statements = routingStatements(analysis);
  const random = createSeededRandom(3);
  // A resident who has voted on a fifth of the statements.
  const voted = new Set<number>(statements.filter((_, i) => i % 5 === 0).map((s) => s.statementId));
  const rawTimes: number[] = [];
  const tableTimes: number[] = [];
  for (let i = 0; i < 200; i++) chooseNextStatement(statements, voted, random);
  for (let i = 0; i < 1_001; i++) {
    const t = performance.now();
    chooseNextStatement(statements, voted, random);
    rawTimes.push(performance.now() - t);
  }
  const table = prepareRouting(statements);
  for (let i = 0; i < 1_001; i++) {
    const t = performance.now();
    chooseNextStatement(table, voted, random);
    tableTimes.push(performance.now() - t);
  }
  console.log(
    `(c) chooseNextStatement, 1,000 statements (stats of 10,000 participants): median ${(median(rawTimes) * 1000).toFixed(1)} µs from raw stats, ` +
      `${(median(tableTimes) * 1000).toFixed(1)} µs from a prepared table (goal ≤ 2 ms)`,
  );
}

export async function run(): Promise<void> {
  const { analysis } = large();
  canadian();
  routing(analysis);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await run();
