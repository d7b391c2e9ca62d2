// Run in a child process by bench/reports.bench.ts: the whole submission on
// SQLite — 10,000 residents, the example's 5 polls, 1,000 statements and
// 2 million statement votes stored, the consultation closed — then
// submitReport as the bot runs it, in a process of its own (reportDbSubmit.ts): the snapshot
// built on its worker thread (own connection: reading the votes, the analysis), stored,
// officials queued. Measures the wall time, the bot thread's longest event-loop delay and
// the process's RSS meanwhile.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServices } from "../../src/wiring/compose.js";
import { benchDatabase, parkSpec, seedPark } from "./votingWorld.js";
import { asCommittee } from "../../tests/support/actors.js";

const RESIDENTS = 10_000;
const STATEMENTS = 1_000;
const VOTES_PER_RESIDENT = 200;
const now = new Date("2026-11-27T02:00:00Z");
const clock = { now: () => now };

const bench = await benchDatabase("sqlite");
const { db, url } = bench;
await seedPark(db.prisma, RESIDENTS);
const services = createServices(db, { configuredAdmins: [1n], clock, databaseUrl: url });
const example = JSON.parse(readFileSync(new URL("../../examples/consultation.json", import.meta.url), "utf8")) as { polls: unknown[] };
const parsed = await services.consultations.lifecycle.parse(Buffer.from(JSON.stringify(parkSpec(example.polls))));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const created = await services.consultations.lifecycle.create(parsed.value, asCommittee(1n));
if (!created.ok) throw new Error(JSON.stringify(created.error));
const c = created.value;
await db.prisma.statement.createMany({
  data: Array.from({ length: STATEMENTS }, (_, i) => ({ consultationId: c.id, textZh: `第${i}条：夜间噪音与充电问题`, originalLanguage: "zh", normalized: `s${i}`, status: "approved", createdAt: now })),
});
const base = (await db.prisma.statement.findFirstOrThrow({ where: { consultationId: c.id, normalized: "s0" } })).id;
const t0 = performance.now();
// Two million votes generated inside SQLite (through Prisma's client they take minutes): each resident
// rates 200 distinct statements (a stride coprime to 1,000 from a start of their own, so everyone's
// statements overlap everyone else's), three planted groups leaning their own way, with passes (about
// 15 %) and dissent (about a fifth of the rest) at random. Noise from SQLite's random(), not from the residents' and statements'
// numbers: patterns in those numbers give the vote matrix many equally strong directions that no
// conversation has (the first version let each resident rate one fifth of the statements only by
// residue, five disjoint blocks, and the PCA could not settle in 100 passes).
await db.prisma.$executeRawUnsafe(`
  WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < ${VOTES_PER_RESIDENT - 1}),
  r AS (SELECT "id", "id" % 3 AS g, ("id" * 7) % ${STATEMENTS} AS start,
          CASE WHEN (2 * ("id" % 250) + 1) % 5 = 0 THEN 2 * ("id" % 250) + 3 ELSE 2 * ("id" % 250) + 1 END AS stride FROM "User"),
  v AS (SELECT r."id" AS u, r.g, (r.start + k.n * r.stride) % ${STATEMENTS} AS s, abs(random()) % 100 AS noise FROM r, k)
  INSERT INTO "StatementVote" ("statementId", "participant", "voterId", "vote", "votedAt")
  SELECT ${base} + v.s, 'u' || v.u, v.u,
    CASE WHEN v.noise < 15 THEN 0
         WHEN v.noise < 80 THEN (CASE WHEN (v.s + v.g) % 3 = 0 THEN 1 ELSE -1 END)
         ELSE (CASE WHEN (v.s + v.g) % 3 = 0 THEN -1 ELSE 1 END) END,
    (SELECT "createdAt" FROM "Statement" WHERE "id" = ${base})
  FROM v`);
const seedMs = performance.now() - t0;
const closed = await services.consultations.closing.close(c.id, asCommittee(1n));
if (closed.kind !== "closed") throw new Error(closed.kind);
const votes = await db.prisma.statementVote.count();

await services.reports.close();
await services.consultations.close();
await db.close();
// The submission in a process of its own that opens the database as the bot does (reportDbSubmit.ts): in this
// one, the seeding through Prisma (20,000 residents and units, 1,000 statements) and the opening broadcast
// to 10,000 residents left 250–450 MB of heap V8 had not yet handed back when the submission began, and "the
// process's RSS meanwhile" measured that (448–685 MB from run to run) more than the submission. A bot
// registers residents and opens a consultation days before its report is submitted.
const submit = spawn(process.execPath, ["--import", "tsx", new URL("./reportDbSubmit.ts", import.meta.url).pathname, url, String(c.id)], { stdio: ["ignore", "pipe", "inherit"] });
let out = "";
submit.stdout.on("data", (d) => (out += d));
const code = await new Promise<number | null>((resolve) => submit.on("exit", resolve));
await bench.drop();
if (code !== 0) throw new Error(`reportDbSubmit exited ${code}`);
console.log(JSON.stringify({ votes, seedMs, ...JSON.parse(out.trim().split("\n").at(-1)!) }));
