// Back-stage reports (figures printed, goals beside them), in a child process
// so the peak RSS is the report's own: for 10,000 residents, 5 polls, 1,000
// statements and 2 million statement votes —
//  (a) the snapshot: its content computed once (the consensus analysis
//      included), serialised and hashed: ≤ 2 s;
//  (b) the /report summary from the stored snapshot: ≤ 50 ms (cold: JSON parsed
//      and rendered; warm: the parsed content kept, as the bot does);
//  (c) peak RSS ≤ 400 MB; and the longest event-loop delay while building,
//      since the build is synchronous work.
import { spawn } from "node:child_process";
import { report } from "./support/report.js";

const WORLD = new URL("./support/reportWorld.ts", import.meta.url).pathname;

export async function run(): Promise<void> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORLD], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`report world exited ${code}`))));
  });
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as { votes: number; snapshotMs: number; jsonMb: number; groups: number; summaryColdMs: number; summaryWarmMs: number; peakRssMb: number; inputRssMb: number; loopMaxMs: number };
  report(`snapshot of ${r.votes.toLocaleString("en")} statement votes (${r.groups} groups)`, `${Math.round(r.snapshotMs)} ms`, "≤ 2,000 ms");
  report(`  its JSON`, `${r.jsonMb.toFixed(1)} MB`);
  report("/report summary from the stored snapshot, cold (parse + render)", `${r.summaryColdMs.toFixed(1)} ms`, "≤ 50 ms");
  report("/report summary, parsed snapshot kept", `${r.summaryWarmMs.toFixed(2)} ms`, "≤ 50 ms");
  report("peak RSS of the report process", `${r.peakRssMb} MB`, "≤ 400 MB");
  report("  of which the inputs held before the build (2 M vote objects …)", `${r.inputRssMb} MB`);
  report("longest event-loop delay while building the snapshot", `${Math.round(r.loopMaxMs)} ms`, "≤ 100 ms");
}
