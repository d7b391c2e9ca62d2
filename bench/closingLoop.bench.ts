// Closing the loop (issue 10), figures printed with their goals:
//  (a) relaying a government answer to 10,000 participants: queued ≤ 1 s
//      (delivered afterwards at the outbox's rate, as every bulk send);
//  (b) `frontstage audit verify` over 1,000,000 rows: ≤ 5 s.
// Both on SQLite, seeded directly (the seeding is not measured).
import { createServices } from "../src/wiring/compose.js";
import { auditHash, GENESIS } from "../src/domain/audit/chain.js";
import { report } from "./support/report.js";
import { benchDatabase, parkSpec, seedPark } from "./support/votingWorld.js";
import { readFileSync } from "node:fs";
import { openAuditPages } from "../src/db/auditReader.js";
import { sqliteFilePath } from "../src/db/databaseUrl.js";
import { asAdmin, asCommittee, asOfficial } from "../tests/support/actors.js";
import { OPERATOR } from "../src/domain/permissions.js";

const now = new Date("2026-11-27T02:00:00Z");
const clock = { now: () => now };

async function relay(): Promise<void> {
  const PARTICIPANTS = 10_000;
  const bench = await benchDatabase("sqlite");
  const { db } = bench;
  await seedPark(db.prisma, PARTICIPANTS);
  const services = createServices(db, { configuredAdmins: [1n], clock });
  const example = JSON.parse(readFileSync(new URL("../examples/consultation.json", import.meta.url), "utf8")) as { polls: unknown[] };
  const parsed = await services.consultations.lifecycle.parse(Buffer.from(JSON.stringify(parkSpec(example.polls))));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const created = await services.consultations.lifecycle.create(parsed.value, asCommittee(1n));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const id = created.value.id;
  // Everyone rated the one statement: 10,000 participants.
  const s = await db.prisma.statement.create({ data: { consultationId: id, textZh: "夜间噪音", originalLanguage: "zh", normalized: "s0", status: "approved", createdAt: now } });
  await db.prisma.$executeRawUnsafe(`INSERT INTO "StatementVote" ("statementId", "participant", "voterId", "vote", "votedAt") SELECT ${s.id}, 'u' || "id", "id", 1, '${now.toISOString()}' FROM "User"`);
  await db.prisma.consultation.update({ where: { id }, data: { status: "submitted", closedAt: now } });
  await db.prisma.reportSnapshot.create({ data: { consultationId: id, version: 1, kind: "final", createdAt: now, submittedBy: 1n, engineVersion: "bench", parameters: "{}", content: "{}", sha256: "0".repeat(64), titleZh: "性能测试" } });
  await services.roles.grant(2n, "official", asAdmin(1n));
  await services.roles.grant(3n, "committee", asAdmin(1n));
  const answered = await services.answers.respond(asOfficial(2n), { consultationId: id, version: 1, text: { zh: "镇政府将于三月前完成整改。", en: "The town will finish the work by March." }, file: null });
  if (answered.kind !== "sent") throw new Error(answered.kind);
  const t0 = performance.now();
  const relayed = await services.answers.relay(asCommittee(3n), answered.answer.id, "participants");
  const ms = performance.now() - t0;
  if (relayed.kind !== "relayed") throw new Error(relayed.kind);
  const queued = await db.prisma.outboxMessage.count({ where: { batch: `answer:${answered.answer.id}` } });
  report(`relay an answer to ${relayed.recipients.toLocaleString("en")} participants (${queued.toLocaleString("en")} queued)`, `${Math.round(ms)} ms`, "≤ 1,000 ms");
  await services.consultations.close();
  await services.reports.close();
  await db.close();
  await bench.drop();
}

async function verify(): Promise<void> {
  const ROWS = 1_000_000;
  const bench = await benchDatabase("sqlite");
  const { db, url } = bench;
  // Seeded through the driver in one transaction (Prisma's createMany takes minutes for a million rows),
  // with the time written as Prisma writes it on SQLite.
  const { default: Sqlite } = await import("better-sqlite3");
  const raw = new Sqlite(sqliteFilePath(url));
  const insert = raw.prepare(`INSERT INTO "AuditEntry" ("at", "actor", "role", "action", "target", "inputSha256", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const t0 = performance.now();
  raw.transaction(() => {
    let prev = GENESIS;
    for (let i = 0; i < ROWS; i++) {
      const content = { at: new Date(now.getTime() + i * 1000), actor: BigInt(8_100_000_000 + (i % 50)), role: i % 3 === 0 ? "official" : "committee", action: i % 3 === 0 ? "report.open" : "statement.approve", target: `statement:${i}`, inputSha256: "ab".repeat(32) };
      const hash = auditHash(prev, content);
      insert.run(content.at.toISOString().replace("Z", "+00:00"), content.actor, content.role, content.action, content.target, content.inputSha256, prev, hash);
      prev = hash;
    }
  })();
  raw.close();
  const seedMs = performance.now() - t0;
  const services = createServices(db, { configuredAdmins: [1n], clock });
  const t1 = performance.now();
  const reader = await openAuditPages("sqlite", url);
  const result = await services.audit.verify(OPERATOR, reader);
  await reader.close();
  const ms = performance.now() - t1;
  if (!result.ok || result.rows !== ROWS) throw new Error(`verify: ${JSON.stringify(result)}`);
  report(`frontstage audit verify, ${ROWS.toLocaleString("en")} rows (SQLite, driver)`, `${Math.round(ms)} ms`, "≤ 5,000 ms");
  report(`  (seeding them took)`, `${Math.round(seedMs)} ms`);
  await services.consultations.close();
  await services.reports.close();
  await db.close();
  await bench.drop();
}

export async function run(): Promise<void> {
  if (!process.env.BENCH_SKIP_RELAY) await relay();
  await verify();
}
