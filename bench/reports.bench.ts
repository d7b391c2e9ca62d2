// Back-stage reports (figures printed, goals beside them), in a child process
// so the peak RSS is the report's own: for 10,000 residents, 5 polls, 1,000
// statements and 2 million statement votes —
//  (a) the snapshot: its content computed once (the consensus analysis
//      included), serialised and hashed: ≤ 2 s;
//  (b) the /report summary from the stored snapshot: ≤ 50 ms (cold: JSON parsed
//      and rendered; warm: the parsed content kept, as the bot does);
//  (c) peak RSS ≤ 400 MB; and how long the building thread's event loop waits
//      (the build is synchronous work — which is why the bot runs it on a worker);
//  (d) the whole submission on SQLite as the bot runs it: the votes stored,
//      submitReport with the snapshot built on its worker thread (own
//      connection), stored and the officials queued, in a process that opened
//      the database as the bot does — wall time, the bot thread's longest
//      event-loop delay meanwhile (≤ 100 ms), the process's RSS.
import { spawn } from "node:child_process";
import { report } from "./support/report.js";

const WORLD = new URL("./support/reportWorld.ts", import.meta.url).pathname;
const DB_WORLD = new URL("./support/reportDbWorld.ts", import.meta.url).pathname;

function child(file: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    c.stdout.on("data", (d) => (text += d));
    c.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`${file} exited ${code}`))));
  });
}

export async function run(): Promise<void> {
  const out = await child(WORLD);
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as { votes: number; snapshotMs: number; jsonMb: number; groups: number; summaryColdMs: number; summaryWarmMs: number; peakRssMb: number; inputRssMb: number; loopMaxMs: number };
  report(`snapshot of ${r.votes.toLocaleString("en")} statement votes (${r.groups} groups)`, `${Math.round(r.snapshotMs)} ms`, "≤ 2,000 ms");
  report(`  its JSON`, `${r.jsonMb.toFixed(1)} MB`);
  report("/report summary from the stored snapshot, cold (parse + render)", `${r.summaryColdMs.toFixed(1)} ms`, "≤ 50 ms");
  report("/report summary, parsed snapshot kept", `${r.summaryWarmMs.toFixed(2)} ms`, "≤ 50 ms");
  report("peak RSS of the report process", `${r.peakRssMb} MB`, "≤ 400 MB");
  report("  of which the inputs held before the build (vote columns …)", `${r.inputRssMb} MB`);
  report("  the building thread's event loop waits meanwhile", `${Math.round(r.loopMaxMs)} ms`);

  const d = JSON.parse((await child(DB_WORLD)).trim().split("\n").at(-1)!) as { votes: number; submitMs: number; loopMaxMs: number; loopP99Ms: number; submitRssMb: number; rssBeforeMb: number };
  report(`submitReport on SQLite, ${d.votes.toLocaleString("en")} votes stored (worker thread)`, `${Math.round(d.submitMs)} ms`, "≤ 2,000 ms");
  report("  the bot thread's longest event-loop delay meanwhile", `${Math.round(d.loopMaxMs)} ms`, "≤ 100 ms");
  report("  its p99", `${Math.round(d.loopP99Ms)} ms`);
  report("  the process's RSS meanwhile (bot thread + worker)", `${d.submitRssMb} MB`, "≤ 400 MB");
  report("  of which the bot thread's before the submission", `${d.rssBeforeMb} MB`);
}
