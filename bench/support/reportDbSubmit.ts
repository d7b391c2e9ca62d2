// Run by reportDbWorld.ts once the database is seeded and the consultation closed: a
// process that opens the database as the bot does (src/main.ts: openDatabase, compose
// with the URL, so the snapshot is built on its worker thread) and submits the report.
// Prints one JSON line: the wall time, the bot thread's event-loop delay and the
// process's RSS (bot thread + worker) during the submission, and its RSS before.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "../../src/db/client.js";
import { createServices } from "../../src/wiring/compose.js";
import { asCommittee } from "../../tests/support/actors.js";

const [url, id] = process.argv.slice(2);
if (!url || !id) throw new Error("usage: reportDbSubmit.ts <database url> <consultation id>");
const now = new Date("2026-11-27T02:00:00Z");
const db = await openDatabase(url);
const services = createServices(db, { configuredAdmins: [1n], clock: { now: () => now }, databaseUrl: url });
// The bot has read the database before a report is submitted (the committee member's roles, the consultation).
const c = await services.consultations.lifecycle.find(Number(id));
if (c?.status !== "closed") throw new Error(`consultation ${id} is ${c?.status ?? "missing"}`);

const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const loop = monitorEventLoopDelay({ resolution: 10 });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
loop.enable();
const t1 = performance.now();
const submitted = await services.reports.submission.submit(asCommittee(1n), c.id);
const submitMs = performance.now() - t1;
loop.disable();
clearInterval(sampler);
if (submitted.kind !== "submitted") throw new Error(submitted.kind);
await services.reports.close();
await services.consultations.close();
await db.close();
console.log(JSON.stringify({ submitMs, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6, groups: submitted.content.opinions.groups.length, submitRssMb: Math.round(peakRss / 1024 / 1024), rssBeforeMb, sha256: submitted.report.sha256, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
