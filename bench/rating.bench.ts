// The rating loop's speed on a big consultation: 1,000 statements and 10,000
// participants at 20 % vote density (≈ 2 million votes, planted groups), in a
// real SQLite database, through the real use cases:
//  (a) the background analysis through the refresher (reading every vote,
//      analysing, writing the cache) — it runs outside any button press;
//  (b) choosing the next statement for a resident who voted on ~200 of them
//      (RatingService.next: the consultation row, the resident's own votes in
//      one query, the cached routing table, the chosen statement's row);
//      goal ≤ 2 ms median;
//  (c) a whole vote press (checks, the vote stored, the next card chosen).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { compose } from "../src/wiring/compose.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { createSeededRandom } from "../src/domain/consensus/random.js";
import { percentile, report } from "./support/report.js";
import { plantedConversation } from "./support/plantedConversation.js";

const PARTICIPANTS = 10_000;
const STATEMENTS = 1_000;
const FIRST_ID = 1_000_000_000;
const CODE = { agree: 1, disagree: -1, pass: 0 } as const;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "frontstage-rating-bench-"));
  const file = join(dir, "bench.db");
  const url = `file:${file}`;
  try {
    await migrate(url);
    const db = await openDatabase(url);
    const { services, adapters } = compose(db, { configuredAdmins: [] });
    const prisma = db.prisma;

    // Setup: rows the way the app writes them, then the votes in bulk.
    const t0 = performance.now();
    const consultation = await prisma.consultation.create({ data: { titleEn: "Bench", status: "open", closesAt: new Date(Date.now() + 86_400_000), residentStatements: true } });
    const statementIds: number[] = [];
    for (let s = 0; s < STATEMENTS; s++) {
      const row = await prisma.statement.create({
        data: { consultationId: consultation.id, textEn: `Statement number ${s}`, originalLanguage: "en", normalized: `statement number ${s}`, status: "approved", seed: s < 3 },
      });
      statementIds.push(row.id);
    }
    const unit = await prisma.unit.create({ data: { building: "A", number: "1", inviteCode: "BENCH1" } });
    for (const p of [0, 1]) {
      await prisma.user.create({ data: { id: BigInt(FIRST_ID + p), language: "en", consentAt: new Date(), status: "verified", unitId: unit.id, relation: "owner" } });
    }
    // One vote through Prisma shows how the adapter stores a DateTime; the rest are inserted raw in that format.
    await prisma.statementVote.create({ data: { statementId: statementIds[0]!, participant: "probe", voterId: null, vote: 0, votedAt: new Date() } });
    const sqlite = new Database(file);
    const stored = sqlite.prepare(`SELECT "votedAt" AS at FROM "StatementVote" WHERE participant = 'probe'`).get() as { at: unknown };
    sqlite.prepare(`DELETE FROM "StatementVote" WHERE participant = 'probe'`).run();
    const asStored = typeof stored.at === "number" ? (d: Date) => d.getTime() : (d: Date) => d.toISOString();

    const { input } = plantedConversation({ participants: PARTICIPANTS, statements: STATEMENTS, density: 0.2, groupShares: [0.5, 0.3, 0.2], loyalty: 0.6, divisive: 0.3, seed: 11 });
    const insert = sqlite.prepare(`INSERT INTO "StatementVote" ("statementId", participant, "voterId", vote, "votedAt") VALUES (?, ?, ?, ?, ?)`);
    const base = Date.now() - 86_400_000;
    // The resident measured in (b) is participant 0; participant 1 starts with no votes for (c).
    sqlite.transaction(() => {
      input.votes.forEach((v, i) => {
        if (v.participantId === 1) return;
        const tg = FIRST_ID + v.participantId;
        insert.run(statementIds[v.statementId]!, `u${tg}`, tg, CODE[v.vote], asStored(new Date(base + i)));
      });
    })();
    sqlite.close();
    const voteCount = await prisma.statementVote.count();
    console.log(`setup: ${STATEMENTS.toLocaleString("en")} statements, ${voteCount.toLocaleString("en")} votes from ${PARTICIPANTS.toLocaleString("en")} participants (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const { statements } = services;
    const t1 = performance.now();
    const snapshot = await statements.analysis.refreshNow(consultation.id);
    report("(a) background analysis: read votes, analyse, write cache", `${((performance.now() - t1) / 1000).toFixed(2)} s`, "off the press path");
    console.log(`    ${snapshot!.groups.length} groups (${snapshot!.groups.map((g) => g.size).join("/")}), cache ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KB, ${snapshot!.clusteredCount} clustered`);

    const resident = (await services.registration.find(BigInt(FIRST_ID)))!;
    const own = (await adapters.statements.statements.votesOf(`u${FIRST_ID}`, consultation.id)).length;
    const next = async () => {
      const outcome = await statements.rating.next(resident, consultation.id);
      if (outcome.kind !== "card" || outcome.card.kind !== "statement") throw new Error("expected a statement card");
    };
    for (let i = 0; i < 100; i++) await next();
    const times: number[] = [];
    for (let i = 0; i < 1_001; i++) {
      const t = performance.now();
      await next();
      times.push(performance.now() - t);
    }
    report(`(b) next statement, resident with ${own} votes: median`, `${percentile(times, 50).toFixed(2)} ms`, "≤ 2 ms");
    report("    p95", `${percentile(times, 95).toFixed(2)} ms`);

    // (c) a resident with no votes presses through 200 cards.
    const voter = (await services.registration.find(BigInt(FIRST_ID + 1)))!;
    const random = createSeededRandom(5);
    let card = await statements.rating.next(voter, consultation.id);
    const pressTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      if (card.kind !== "card" || card.card.kind !== "statement") throw new Error("expected a statement card");
      const choice = (["agree", "disagree", "pass"] as const)[Math.floor(random() * 3)]!;
      const t = performance.now();
      const outcome = await statements.rating.vote(voter, card.card.statement.id, choice, card.card.token);
      pressTimes.push(performance.now() - t);
      if (outcome.kind !== "saved") throw new Error(`vote not saved: ${outcome.kind}`);
      card = { kind: "card", card: outcome.card };
    }
    report("(c) vote press: checks, store, next card: median", `${percentile(pressTimes, 50).toFixed(2)} ms`);
    report("    p95", `${percentile(pressTimes, 95).toFixed(2)} ms`);
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await run();
