// The demo's park, seeded through the use cases on both database providers:
// what `npm run demo` shows must exist exactly as a person would then find it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEATURED, STATEMENTS } from "../../src/demo/park.js";
import { seedPark, seedStaff, type SeededPark } from "../../src/demo/seed.js";
import { createHarness, type Harness } from "../support/harness.js";

describe("the demo's seeded business park", () => {
  let h: Harness;
  let park: SeededPark;
  beforeAll(async () => {
    h = await createHarness();
    await seedStaff(h.services);
    park = await seedPark(h.services);
  }, 60_000);
  afterAll(() => h.close());

  it("has three buildings of units with floor areas, 40 verified residents of every relation in both languages, two waiting", async () => {
    const units = await h.db.unit.findMany();
    expect(new Set(units.map((u) => u.building))).toEqual(new Set(["1号楼", "2号楼", "3号楼"]));
    expect(units).toHaveLength(48);
    expect(units.every((u) => u.areaCenti !== null && u.areaCenti > 0)).toBe(true);
    const verified = await h.db.user.findMany({ where: { status: "verified" } });
    expect(verified).toHaveLength(40);
    expect(new Set(verified.map((u) => u.relation))).toEqual(new Set(["owner", "tenant", "operator"]));
    expect(new Set(verified.map((u) => u.language))).toEqual(new Set(["zh", "en"]));
    expect(await h.db.user.count({ where: { status: "pending" } })).toBe(2);
    expect(park.freeCodes).toHaveLength(8);
    expect((await h.services.roles.rolesOf(BigInt(FEATURED.committee.id))).has("committee")).toBe(true);
    expect((await h.services.roles.rolesOf(BigInt(FEATURED.official.id))).has("official")).toBe(true);
    expect(await h.db.user.findUnique({ where: { id: BigInt(FEATURED.owner.id) } })).toMatchObject({ language: "zh", relation: "owner", status: "verified" });
    expect(await h.db.user.findUnique({ where: { id: BigInt(FEATURED.tenant.id) } })).toMatchObject({ language: "en", relation: "tenant", status: "verified" });
  });

  it("has an open consultation with every poll kind and ballots, and a closed one whose result is published", async () => {
    const open = (await h.services.consultations.lifecycle.find(park.openConsultationId))!;
    expect(open.status).toBe("open");
    expect(open.polls.map((p) => p.spec.kind)).toEqual(["single", "multiple", "scale", "ranked", "single"]);
    const closed = (await h.services.consultations.lifecycle.find(park.closedConsultationId))!;
    expect(closed.status).toBe("submitted"); // closed, then handed to the back-stage (below)
    expect(closed.publishedAt).not.toBeNull();
    expect(closed.polls[0]!.result?.result.ballots).toBeGreaterThan(20);
    // The published result waits in the outbox for every verified resident of the audience.
    expect(await h.db.outboxMessage.count({ where: { batch: { startsWith: `publish:${closed.id}` } } })).toBe(40);
    expect(await h.db.ballot.count({ where: { pollId: { in: open.polls.map((p) => p.id) } } })).toBeGreaterThan(100);
  });

  it("has both consultations' reports with the back-stage: the closed one final, the open one interim, the official told", async () => {
    const reports = await h.db.reportSnapshot.findMany({ orderBy: { consultationId: "asc" } });
    expect(reports.map((r) => [r.consultationId, r.version, r.kind])).toEqual(
      [
        [park.closedConsultationId, 1, "final"],
        [park.openConsultationId, 1, "interim"],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(reports.every((r) => r.submittedBy === BigInt(FEATURED.committee.id))).toBe(true);
    expect(await h.db.outboxMessage.count({ where: { chatId: BigInt(FEATURED.official.id) } })).toBe(2);
  });

  it("has a dozen rated statements (one more waiting for moderation) that make two opinion groups and common ground", async () => {
    const statements = await h.stores.statements.statements.all(park.openConsultationId);
    expect(statements.filter((s) => s.status === "approved")).toHaveLength(STATEMENTS.length);
    expect(statements.filter((s) => s.status === "pending")).toHaveLength(1);
    const snapshot = (await h.services.statements.analysis.refreshNow(park.openConsultationId))!;
    expect(snapshot.participantCount).toBe(37);
    expect(snapshot.groups.filter((g) => !g.suppressed)).toHaveLength(2);
    expect(snapshot.commonGround.length).toBeGreaterThan(0);
  });
});
