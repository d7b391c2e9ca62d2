import { describe, expect, it } from "vitest";
import { AnalysisRefresher } from "../../src/app/statements/analysisRefresher.js";
import type { AnalysisCacheStore, CachedAnalysis } from "../../src/app/statements/ports.js";
import { RoutingTables } from "../../src/app/statements/routingTables.js";
import { SEED_PRIORITY, statementPriority } from "../../src/domain/consensus/routing.js";
import { parseSnapshot } from "../../src/domain/statements/snapshot.js";
import { PrismaAnalysisCacheStore } from "../../src/db/repositories/analysisCache.js";
import { PrismaStatementStore } from "../../src/db/repositories/statements.js";
import { useHarness } from "../support/park.js";
import { consultation, resident, statements, votes } from "../support/statements.js";

const h = useHarness({ roster: false });

const many = (ids: number[], from: number, count: number, vote = 1) =>
  Array.from({ length: count }, (_, i) => ({ participant: `u${from + i}`, statementId: ids[i % ids.length]!, vote }));

/** The real stores, with the cache writes counted. */
function refresher(options: ConstructorParameters<typeof AnalysisRefresher>[1] = {}) {
  const statementStore = new PrismaStatementStore(h.db, h.database.db.provider);
  const inner = new PrismaAnalysisCacheStore(h.db);
  const writes: CachedAnalysis[] = [];
  const cache: AnalysisCacheStore = {
    read: (id) => inner.read(id),
    status: (id) => inner.status(id),
    write: async (entry) => {
      writes.push(entry);
      await inner.write(entry);
    },
  };
  const routing = new RoutingTables({ statements: statementStore, cache });
  return { refresher: new AnalysisRefresher({ statements: statementStore, cache, routing, clock: h.clock }, options), writes, routing };
}

describe("routing before the first analysis", () => {
  it("draws from live counts with extremity 0, seeds first, and no press computes an analysis", async () => {
    const cid = await consultation(h);
    const [seed, fresh, passed, agreed] = await statements(h, cid, [{ zh: "委员会的观点", seed: true }, "Fresh statement", "Often passed", "Often agreed"]);
    await votes(h, [...many([passed!], 100, 6, 0), ...many([agreed!], 200, 6, 1)]);
    const { table, snapshot } = await h.services.statements.routing.get(cid);
    expect(snapshot).toBeNull();
    expect(table.statementIds).toEqual([seed, fresh, passed, agreed]);
    expect(Array.from(table.priorities)).toEqual([SEED_PRIORITY, statementPriority(0, 0, 0, 0), statementPriority(6, 0, 6, 0), statementPriority(6, 6, 0, 0)]);

    const p = await resident(h, 300, "en");
    await p.send("/rate");
    await p.press("Agree");
    await p.press("Agree");
    expect(await h.db.analysisCache.count()).toBe(0);
  });
});

describe("the analysis refresher", () => {
  it("recomputes an open consultation after max(10, 5%) new votes, a closed one after any change, never a draft", async () => {
    const { refresher: r, writes } = refresher();
    const cid = await consultation(h);
    const draft = await consultation(h, { status: "draft" });
    const ids = await statements(h, cid, ["One", "Two", "Three"]);
    await statements(h, draft, ["Draft statement"]);
    await r.check();
    expect(writes).toEqual([]); // nothing to analyse yet

    await votes(h, many(ids, 1000, 5));
    await r.check();
    expect(writes.map((w) => [w.consultationId, w.voteCount])).toEqual([[cid, 5]]);
    await votes(h, many(ids, 2000, 9));
    await r.check();
    expect(writes).toHaveLength(1); // 9 < 10
    await votes(h, many(ids, 3000, 1));
    await r.check();
    expect(writes.map((w) => w.voteCount)).toEqual([5, 15]);

    // With 400 analysed votes the bar is 5 % = 20.
    await votes(h, many(ids, 10_000, 385));
    await r.check();
    expect(writes.at(-1)!.voteCount).toBe(400);
    await votes(h, many(ids, 20_000, 19));
    await r.check();
    expect(writes.at(-1)!.voteCount).toBe(400);
    expect(r.threshold(400)).toBe(20);

    // Closing: the final picture must hold every vote.
    await h.db.consultation.update({ where: { id: cid }, data: { status: "closed" } });
    await r.check();
    expect(writes.at(-1)!.voteCount).toBe(419);
    await r.check();
    expect(writes).toHaveLength(4);
    expect(writes.some((w) => w.consultationId === draft)).toBe(false);

    const snapshot = parseSnapshot(writes.at(-1)!.data)!;
    expect(snapshot.participantCount).toBe(419);
    expect(snapshot.statementIds).toEqual(ids);
  });

  it("debounces requests once started, counts in-process votes, and stops cleanly", async () => {
    const { refresher: r, writes } = refresher({ debounceMs: 30, intervalMs: 3_600_000, minNewVotes: 3 });
    const cid = await consultation(h);
    const ids = await statements(h, cid, ["One", "Two"]);
    r.request(cid);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toHaveLength(0); // not started: requests are only remembered

    r.start();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(writes).toHaveLength(1); // the remembered request, once
    await votes(h, many(ids, 1, 3));
    r.noteVote(cid);
    r.noteVote(cid);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toHaveLength(1);
    r.noteVote(cid); // the third vote crosses max(3, 5 %)
    r.request(cid); // and a moderation right after: still one analysis
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(writes.map((w) => w.voteCount)).toEqual([0, 3]);
    await r.stop();
    r.request(cid);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toHaveLength(2);
    await r.stop(); // twice is fine
  });

  it("hands the new analysis to routing at once: priorities and new statements", async () => {
    const { refresher: r, routing } = refresher();
    const cid = await consultation(h);
    const ids = await statements(h, cid, ["One", "Two", "Three"]);
    await votes(h, many(ids, 1, 30, 1));
    const before = await routing.get(cid);
    expect(before.snapshot).toBeNull();
    const snapshot = await r.refreshNow(cid);
    const after = await routing.get(cid);
    expect(after.snapshot).toEqual(snapshot);
    expect(Array.from(after.table.priorities)).toEqual(snapshot!.priorities);
    // A statement approved after the analysis joins with a new statement's boost.
    const [late] = await statements(h, cid, ["Four"]);
    routing.invalidate(cid);
    const joined = await routing.get(cid);
    expect(joined.table.statementIds).toEqual([...ids, late]);
    expect(joined.table.priorities[3]).toBe(statementPriority(0, 0, 0, 0));
  });
});

describe("privacy", () => {
  it("after /forget the resident's votes still count but can never be linked to them again", async () => {
    const cid = await consultation(h);
    const ids = await statements(h, cid, ["One", "Two", "Three", "Four"]);
    const p = await resident(h, 424242, "en");
    await p.send("/rate");
    for (let i = 0; i < 4; i++) await p.press(i % 2 ? "Disagree" : "Agree");
    await p.send("/opinion Five is a new idea");
    const before = await h.db.statementVote.findMany({ orderBy: { statementId: "asc" } });
    expect(before.map((v) => [v.participant, v.voterId])).toEqual(ids.map(() => ["u424242", 424242n]));

    await p.send("/forget");
    await p.press("🗑 Delete my data");
    expect(p.last().text).toBe("Your personal data has been deleted. Send /start if you ever want to register again.");

    const after = await h.db.statementVote.findMany({ orderBy: { statementId: "asc" } });
    expect(after.map((v) => [v.statementId, v.vote])).toEqual(before.map((v) => [v.statementId, v.vote]));
    const keys = new Set(after.map((v) => v.participant));
    expect(keys.size).toBe(1); // still one participant in the analysis…
    expect([...keys][0]).toMatch(/^a[0-9a-f]{32}$/); // …that is nobody
    expect(after.every((v) => v.voterId === null)).toBe(true);
    expect(await h.db.statement.findFirst({ where: { status: "pending" } })).toMatchObject({ authorId: null });

    const snapshot = await h.services.statements.analysis.refreshNow(cid);
    expect(snapshot!.participantCount).toBe(1);
    expect(snapshot!.voteCount).toBe(4);
    const exported = await h.services.statements.polisExport(cid);
    const everything = JSON.stringify([snapshot, exported, await h.db.analysisCache.findMany()], (_, v) => (v instanceof Map ? [...v] : typeof v === "bigint" ? String(v) : v));
    expect(everything).not.toContain("424242");
    expect(everything).not.toContain([...keys][0]);
  });
});
