import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaAnalysisCacheStore } from "../../src/db/repositories/analysisCache.js";
import { PrismaReportSourceStore } from "../../src/db/repositories/reports.js";
import { PrismaStatementStore } from "../../src/db/repositories/statements.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
let store: PrismaStatementStore;
beforeAll(async () => {
  t = await createTestDatabase();
  store = new PrismaStatementStore(t.db.prisma, t.db.provider);
});
afterAll(() => t.cleanup());
beforeEach(() => t.reset());

const at = new Date("2026-11-27T02:03:04.567Z");

async function consultation(status = "open") {
  return (await t.db.prisma.consultation.create({ data: { titleEn: "C", status, closesAt: at, audienceBuildings: JSON.stringify(["A"]) } })).id;
}
const draft = (consultationId: number, text: string, status: "pending" | "approved" = "approved") =>
  store.create({ consultationId, authorId: 7n, text, language: "en", normalized: text.toLowerCase(), status, at });

describe("the statement repository", () => {
  it("creates statements and returns the existing one for a duplicate form", async () => {
    const c = await consultation();
    const first = await draft(c, "Fix the gate");
    expect(first).toMatchObject({ kind: "created", statement: { textEn: "Fix the gate", textZh: null, originalLanguage: "en", status: "approved", authorId: 7n, createdAt: at } });
    const again = await store.create({ consultationId: c, authorId: 8n, text: "FIX the gate", language: "en", normalized: "fix the gate", status: "pending", at });
    expect(again).toMatchObject({ kind: "duplicate", existing: { id: first.kind === "created" ? first.statement.id : 0 } });
    // The same words in another consultation are not a duplicate.
    expect((await draft(await consultation(), "Fix the gate")).kind).toBe("created");
    expect(await store.consultation(c)).toMatchObject({ id: c, status: "open", audience: ["A"], residentStatements: false, moderated: true });
  });

  it("moderates only pending statements, counts the queues, and stores translations", async () => {
    const c = await consultation();
    const a = await draft(c, "One", "pending");
    const b = await draft(c, "Two", "pending");
    const ids = [a, b].map((x) => (x.kind === "created" ? x.statement.id : 0));
    expect(await store.queueSizes()).toEqual({ pending: 2, untranslated: 0 });
    expect((await store.nextPending(0)).statement?.id).toBe(ids[0]);
    expect((await store.nextPending(ids[0]!)).statement?.id).toBe(ids[1]);
    expect(await store.moderate(ids[0]!, { status: "approved", reason: null, by: 9n, at })).toMatchObject({ status: "approved", moderatedBy: 9n, moderatedAt: at });
    expect(await store.moderate(ids[0]!, { status: "rejected", reason: "offensive", by: 10n, at })).toBeNull();
    expect(await store.queueSizes()).toEqual({ pending: 1, untranslated: 1 });
    expect(await store.setText(ids[0]!, "zh", "一")).toMatchObject({ textZh: "一", textEn: "One" });
    expect(await store.queueSizes()).toEqual({ pending: 1, untranslated: 0 });
    expect((await store.all(c)).map((s) => [s.id, s.textZh])).toEqual([[ids[0], "一"], [ids[1], null]]);
  });

  it("keeps one vote per participant and statement, read back exactly, in bulk and counted", async () => {
    const c = await consultation();
    const other = await consultation();
    const s1 = await draft(c, "A");
    const s2 = await draft(c, "B");
    const s3 = await draft(other, "C");
    const [i1, i2, i3] = [s1, s2, s3].map((x) => (x!.kind === "created" ? x!.statement.id : 0)) as [number, number, number];
    await store.castVote(i1, "u1", 1n, 1, at);
    await store.castVote(i1, "u1", 1n, -1, new Date(at.getTime() + 1000)); // changed
    await store.castVote(i2, "u1", 1n, 0, at);
    await store.castVote(i1, "u2", 2n, 1, at);
    await store.castVote(i3, "u1", 1n, 1, at);
    const mine = (await store.votesOf("u1", c)).sort((x, y) => x.statementId - y.statementId);
    expect(mine).toEqual([
      { statementId: i1, vote: -1, votedAt: new Date(at.getTime() + 1000) },
      { statementId: i2, vote: 0, votedAt: at },
    ]);
    expect(await store.voteCount(c)).toBe(3);
    expect(await store.voteTotals(c)).toEqual(new Map([[i1, { agree: 1, disagree: 1, pass: 0 }], [i2, { agree: 0, disagree: 0, pass: 1 }]]));
    const bulk = (await store.analysisVotes(c)).map((v) => `${v.participant}:${v.statementId}:${v.vote}`).sort();
    expect(bulk).toEqual([`u1:${i1}:-1`, `u1:${i2}:0`, `u2:${i1}:1`].sort());
    expect((await store.allVotes(c)).length).toBe(3);
    expect(await store.analysisVotes(await consultation())).toEqual([]);
  });
});

describe("a report's reading of the votes", () => {
  it("reads one consultation's votes as columns, participants in canonical order, another's statements between its own left out", async () => {
    const c = await consultation();
    const other = await consultation();
    // Ids interleave: c, other, c — the other consultation's statement lies inside c's range of ids.
    const a = await draft(c, "A");
    const o = await draft(other, "O");
    const b = await draft(c, "B");
    const [ia, io, ib] = [a, o, b].map((x) => (x!.kind === "created" ? x!.statement.id : 0)) as [number, number, number];
    expect(ia < io && io < ib).toBe(true);
    await store.castVote(ia, "u20", 20n, 1, at);
    await store.castVote(ib, "u20", 20n, -1, at);
    await store.castVote(ia, "a0f-1", null, 0, at); // after /forget
    await store.castVote(ib, "u3", 3n, 1, at);
    await store.castVote(io, "u1", 1n, -1, at); // only in the other consultation: not a participant here
    await store.castVote(io, "u3", 3n, 1, at);
    const sources = new PrismaReportSourceStore(t.db.prisma, t.db.provider);
    const cols = await sources.engineVotes(c);
    const votes = Array.from({ length: cols.length }, (_, k) => `${cols.participantId[k]}:${cols.statementId[k]}:${cols.vote[k]}`).sort();
    // Canonical order: "a0f-1" < "u20" < "u3" (by code units) → 0, 1, 2.
    expect(votes).toEqual([`0:${ia}:0`, `1:${ia}:1`, `1:${ib}:-1`, `2:${ib}:1`].sort());
    expect((await sources.engineVotes(await consultation())).length).toBe(0);
  });
});

describe("the analysis cache and statement inputs", () => {
  it("writes and rewrites one analysis per consultation", async () => {
    const cache = new PrismaAnalysisCacheStore(t.db.prisma);
    expect(await cache.read(1)).toBeNull();
    await cache.write({ consultationId: 1, computedAt: at, voteCount: 3, data: "{}" });
    await cache.write({ consultationId: 1, computedAt: new Date(at.getTime() + 5), voteCount: 4, data: "{\"a\":1}" });
    expect(await cache.read(1)).toEqual({ consultationId: 1, computedAt: new Date(at.getTime() + 5), voteCount: 4, data: "{\"a\":1}" });
    expect(await cache.status(1)).toEqual({ computedAt: new Date(at.getTime() + 5), voteCount: 4 });
  });
});
