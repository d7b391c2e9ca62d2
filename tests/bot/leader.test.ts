// Two instances on one PostgreSQL database, in one process (tests/support/twins.ts), on the real clock:
// one of them runs the schedule (the other stands by and takes over when the first dies), an analysis runs
// once however many instances ask for it, and a change made in one is seen by the other's caches within a
// second or so — far sooner than the caches' own lifetime.
import { afterEach, describe, expect, it } from "vitest";
import type { Change } from "../../src/app/peers.js";
import { LOCK_CLASS, SCHEDULER_LOCK } from "../../src/db/schedulerLock.js";
import { testProvider } from "../support/database.js";
import { PARK_ROSTER, specWith } from "../support/park.js";
import { createTwins, eventually, type Instance } from "../support/twins.js";
import { OPERATOR, asAdmin, asCommittee } from "../support/actors.js";

type Twins = Awaited<ReturnType<typeof createTwins>>;
let twins: Twins | undefined;
afterEach(async () => {
  await twins?.close();
  twins = undefined;
});

/** Residents of the example's audience (1–3号楼), in English; the committee member lives in 9号楼, outside it. */
const RESIDENTS = [
  { id: 201, building: "1号楼", unit: "101" },
  { id: 202, building: "1号楼", unit: "102" },
  { id: 203, building: "1号楼", unit: "103" },
  { id: 204, building: "2号楼", unit: "201" },
  { id: 205, building: "3号楼", unit: "301" },
];
const COMMITTEE = 600;
const ADMIN = 900;

async function setUp(): Promise<Twins> {
  const t = await createTwins({ adminIds: [BigInt(ADMIN)] });
  const { a } = t;
  await a.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
  const now = new Date();
  for (const r of [...RESIDENTS, { id: COMMITTEE, building: "9号楼", unit: "901" }]) {
    const unit = await a.db.unit.findUniqueOrThrow({ where: { building_number: { building: r.building, number: r.unit } } });
    await a.db.user.create({ data: { id: BigInt(r.id), language: "en", consentAt: now, status: "verified", unitId: unit.id, relation: r.id === COMMITTEE ? "other" : "owner", verifiedAt: now } });
  }
  await a.services.roles.grant(BigInt(COMMITTEE), "committee", asAdmin(BigInt(ADMIN)));
  return t;
}

/** The example consultation, open now, closing at `closesAt`; created through instance `on`. */
async function create(on: Instance, closesAt: Date): Promise<number> {
  const parsed = await on.services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = closesAt.toISOString()))));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const created = await on.services.consultations.lifecycle.create(parsed.value, asCommittee(BigInt(COMMITTEE)));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value.id;
}

/** Every message either instance sent to `chat` whose text contains `part`. */
const seen = (t: Twins, chat: number, part: string) => [...t.a.tg.messages, ...t.b.tg.messages].filter((m) => m.chatId === chat && m.text.includes(part));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(testProvider() !== "postgres")("several instances on one PostgreSQL", () => {
  it("one instance runs the schedule: a closing due while both run closes once, reminders are queued once, each person gets the result once", async () => {
    const t = (twins = await setUp());
    const { a, b } = t;
    const soon = await create(a, new Date(Date.now() + 6_000));
    // Open for two days already and closing within 24 hours: its reminders are due at once.
    const later = await create(a, new Date(Date.now() + 3 * 86_400_000));
    await a.db.consultation.update({ where: { id: later }, data: { openedAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() + 23 * 3_600_000) } });

    a.start();
    b.start();
    await eventually("one instance leads", () => a.scheduler!.isLeader || b.scheduler!.isLeader);
    await sleep(500);
    const leader = a.scheduler!.isLeader ? a : b;
    const standby = leader === a ? b : a;
    expect(standby.scheduler!.isLeader).toBe(false);
    expect(standby.said("scheduler: standing by (another instance runs the schedule)")).toHaveLength(1);

    // Reminders: one to each resident of the audience (none of them voted), queued once.
    await eventually("reminders delivered", () => RESIDENTS.every((r) => seen(t, r.id, "⏰ <b>Reminder:</b>").length > 0));
    // The closing: the committee member and the admin get its result, once.
    await eventually("the result reaches the committee", () => seen(t, COMMITTEE, `Send /publish ${soon}`).length > 0 && seen(t, ADMIN, `征询 #${soon} 的结果`).length > 0, 20_000);

    // /publish pressed in both instances at the same moment.
    const committeeA = a.person({ id: COMMITTEE, language_code: "en" });
    const committeeB = b.person({ id: COMMITTEE, language_code: "en" });
    await committeeA.send(`/publish ${soon}`);
    await committeeB.send(`/publish ${soon}`);
    await Promise.all([committeeA.press(/Send to 5 resident/), committeeB.press(/Send to 5 resident/)]);
    await eventually("the result reaches every resident", () => RESIDENTS.every((r) => seen(t, r.id, `Result of consultation #${soon}`).length > 0));
    // Time for a second copy to show, if there were one.
    await sleep(2_000);

    for (const r of RESIDENTS) {
      expect(seen(t, r.id, "⏰ <b>Reminder:</b>"), `reminders to ${r.id}`).toHaveLength(1);
      expect(seen(t, r.id, `Result of consultation #${soon}`), `results to ${r.id}`).toHaveLength(1);
    }
    // (The committee member's confirmation of /publish shows the result too: counted here is the committee's copy.)
    expect(seen(t, COMMITTEE, `Send /publish ${soon}`)).toHaveLength(1);
    expect(seen(t, ADMIN, `征询 #${soon} 的结果`)).toHaveLength(1);
    // Only the leader did the scheduled work, each piece once.
    expect(leader.said("consultation closed").map((l) => l.fields?.consultation)).toEqual([soon]);
    // (The one closing within seconds was open for less than a day: it was marked reminded with none queued.)
    expect(leader.said("reminders queued").map((l) => [l.fields?.consultation, l.fields?.queued]).sort()).toEqual([[soon, 0], [later, RESIDENTS.length]]);
    expect(standby.said("consultation closed")).toEqual([]);
    expect(standby.said("reminders queued")).toEqual([]);
    expect(await a.db.auditEntry.count({ where: { action: "consultation.close" } })).toBe(1);
    // Both presses of "send" queued; together exactly one message per resident.
    const queuedTexts = [...a.tg.messages, ...b.tg.messages].filter((m) => m.chatId === COMMITTEE && m.plain.startsWith("📤")).map((m) => m.plain);
    expect(queuedTexts).toHaveLength(2);
    expect(await a.db.outboxMessage.count({ where: { batch: `publish:${soon}` } })).toBe(RESIDENTS.length);
    expect([...a.logs, ...b.logs].filter((l) => l.level === "error" || l.level === "warn")).toEqual([]);
  }, 60_000);

  it("the leader dies: the other takes over within seconds and closes what falls due", async () => {
    const t = (twins = await setUp());
    const { a, b } = t;
    a.start({ scheduler: true });
    b.start({ scheduler: true });
    await eventually("one instance leads", () => a.scheduler!.isLeader || b.scheduler!.isLeader);
    const leader = a.scheduler!.isLeader ? a : b;
    const survivor = leader === a ? b : a;

    // The leader's process is gone: its lock connection is cut by the server (as when the process is killed),
    // and nothing of it runs any more.
    const cut = await a.db.$queryRaw<{ ok: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS ok FROM pg_locks
      WHERE locktype = 'advisory' AND classid = ${LOCK_CLASS}::oid AND objid = ${SCHEDULER_LOCK}::oid AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(cut).toEqual([{ ok: true }]);
    const diedAt = Date.now();
    await leader.scheduler!.stop();

    await eventually("the survivor leads", () => survivor.scheduler!.isLeader, 20_000);
    const takeover = Date.now() - diedAt;
    // The standby tries every 5 s; the margin is for a machine busy with other work (CI shares its cores).
    expect(takeover).toBeLessThan(12_000);

    const id = await create(survivor, new Date(Date.now() + 4_000));
    await eventually("closed by the new leader", async () => (await a.db.consultation.findUniqueOrThrow({ where: { id } })).status === "closed", 15_000);
    await eventually("its result queued", async () => (await a.db.outboxMessage.count({ where: { batch: `closed:${id}` } })) === 2);
    // On a busy machine the survivor may finish the closing in its restart pass rather than log it as a new one;
    // either way the dead leader did nothing and the result went out once (below).
    expect(leader.said("consultation closed")).toEqual([]);
    expect((await a.db.outboxMessage.findMany({ where: { batch: `closed:${id}` }, orderBy: { chatId: "asc" } })).map((m) => m.chatId)).toEqual([BigInt(COMMITTEE), BigInt(ADMIN)]);
  }, 60_000);

  it("a /close in one instance is seen by the other's vote path at once: its poll shows closed and a vote there is refused", async () => {
    const { a, b } = await bothListening();
    const id = await create(a, new Date(Date.now() + 2 * 86_400_000));
    const voterB = b.person({ id: 204, language_code: "en" });
    // The resident opens the consultation in B: B keeps it (open) in its cache.
    await voterB.pressData(`vo:${id}`);
    const shownOpen = b.tg.chat(204).filter((m) => m.buttons.some((x) => x.callback_data?.startsWith("vp:")));
    expect(shownOpen.length).toBeGreaterThan(0);
    expect(b.tg.chat(204).some((m) => m.plain.includes("🔒 Voting has closed."))).toBe(false);
    const aPoll = shownOpen.at(-1)!;
    const aButton = aPoll.buttons.find((x) => x.callback_data?.startsWith("vp:"))!;

    // The committee closes it in A.
    const committee = a.person({ id: COMMITTEE, language_code: "en" });
    await committee.send(`/close ${id}`);
    await committee.press("🔒 Close now");
    expect(committee.last().plain).toContain(`Result of consultation #${id}`);
    const closedAt = Date.now();

    // B hears of it: the same press is now answered "closed" (the cache alone would keep it open for 30 s).
    await eventually("B answers that it closed", async () => {
      await voterB.pressData(`vo:${id}`);
      return voterB.lastToast() === "Voting has closed. Nothing was recorded.";
    }, 5_000);
    expect(Date.now() - closedAt).toBeLessThan(5_000);
    // A vote from the message B showed before is refused as closed, the message shows it closed, and nothing is stored.
    await voterB.pressData(aButton.callback_data!, aPoll);
    expect(voterB.lastToast()).toBe("Voting has closed. Nothing was recorded.");
    expect(aPoll.plain).toContain("🔒 Voting has closed.");
    expect(await a.db.ballot.count()).toBe(0);
  }, 30_000);

  it("a staff member's language chosen in one instance is used by the other at once", async () => {
    const { a, b } = await bothListening();
    // An official who is not a resident, whose Telegram speaks Chinese.
    await a.services.roles.grant(700n, "official", asAdmin(BigInt(ADMIN)));
    const inA = a.person({ id: 700, language_code: "zh-hans" });
    const inB = b.person({ id: 700, language_code: "zh-hans" });
    await inB.send("/help");
    expect(b.tg.last(700).plain).toContain("您可以使用的指令");
    await inA.send("/lang");
    await inA.press("English");
    expect(a.tg.last(700).plain).toMatch(/English/);
    // B kept what it read (for ten minutes, without the announcement).
    await eventually("B answers in English", async () => {
      await inB.send("/help");
      return b.tg.last(700).plain.includes("What you can do");
    }, 3_000);
  }, 30_000);

  it("what arrives on the channel is checked: anything but an announcement is logged and ignored, and the feed goes on", async () => {
    const { a, b } = await bothListening();
    const heard: Change[] = [];
    const heardByA: Change[] = [];
    b.services.peers.subscribe({ changed: (c) => void heard.push(c), reset: () => undefined });
    a.services.peers.subscribe({ changed: (c) => void heardByA.push(c), reset: () => undefined });
    for (const junk of ["not json", "{}", JSON.stringify({ o: "x", t: "consultation", id: -1 }), JSON.stringify({ o: "x", t: "staff", u: "12a" }), JSON.stringify({ o: "x", t: "drop-table" })]) {
      await a.db.$executeRaw`SELECT pg_notify('frontstage_changes', ${junk})`;
    }
    a.services.peers.announce({ topic: "consultation", id: 7 });
    a.services.peers.announce({ topic: "staff", userId: 700n });
    // Other announcements of the instances' own start-up may arrive as well; what matters is that both were heard
    // and nothing made of the junk.
    const ours = () => heard.filter((c) => ("id" in c && c.id === 7) || ("userId" in c && c.userId === 700n));
    await eventually("heard", () => ours().length === 2);
    // Two announcements may travel on two connections: their order is not promised.
    expect(ours()).toEqual(expect.arrayContaining([{ topic: "consultation", id: 7 }, { topic: "staff", userId: 700n }]));
    expect(heard.filter((c) => ("id" in c && c.id === -1) || ("userId" in c && String(c.userId).includes("a")))).toEqual([]);
    expect(b.logs.filter((l) => l.level === "warn").map((l) => [l.msg, l.fields?.what])).toEqual(Array.from({ length: 5 }, () => ["instances: announcement failed", "listen"]));
    // An instance does not act on its own announcements (it dropped its own copies when it made the change).
    expect(heardByA).toEqual([]);
  }, 30_000);

  it("a feed cut off reconnects by itself and drops everything it kept, since it may have missed announcements", async () => {
    const { a, b } = await bothListening();
    const id = await create(a, new Date(Date.now() + 2 * 86_400_000));
    const voter = b.person({ id: 204, language_code: "en" });
    await voter.pressData(`vo:${id}`);
    let resets = 0;
    b.services.peers.subscribe({ changed: () => undefined, reset: () => void resets++ });

    // The listening connections are cut (a restart of PostgreSQL, a network blip); meanwhile the consultation is
    // closed behind every instance's back, so nobody announces it.
    await a.db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frontstage peers'`;
    await a.db.consultation.update({ where: { id }, data: { status: "closed", closedAt: new Date() } });
    await eventually("B listens again and dropped what it kept", () => listening(b) && resets === 1, 5_000);
    await voter.pressData(`vo:${id}`);
    expect(voter.lastToast()).toBe("Voting has closed. Nothing was recorded.");
    expect(b.logs.some((l) => l.level === "warn" && l.fields?.what === "listen")).toBe(true);
    // And it hears announcements again.
    const heard: Change[] = [];
    b.services.peers.subscribe({ changed: (c) => void heard.push(c), reset: () => undefined });
    await eventually("A listens again", () => listening(a), 5_000);
    a.services.peers.announce({ topic: "routing", id });
    await eventually("heard after the reconnection", () => heard.length === 1);
  }, 30_000);

  it("an analysis asked for in both instances runs once, and both use its result; a lease whose holder died runs out", async () => {
    const t = (twins = await setUp());
    const { a, b } = t;
    const id = await create(a, new Date(Date.now() + 2 * 86_400_000));
    // The example's three committee statements, rated by every resident.
    const statements = await a.db.statement.findMany({ where: { consultationId: id }, orderBy: { id: "asc" } });
    expect(statements).toHaveLength(3);
    await a.db.statementVote.createMany({
      data: RESIDENTS.flatMap((r, i) => statements.map((s, j) => ({ statementId: s.id, participant: `u${r.id}`, voterId: BigInt(r.id), vote: (i + j) % 3 === 0 ? 1 : (i + j) % 3 === 1 ? -1 : 0, votedAt: new Date() }))),
    });
    a.start({});
    b.start({});
    await eventually("both listen", () => listening(a) && listening(b));

    // Both check at start and both find the consultation never analysed.
    a.services.statements.analysis.start();
    b.services.statements.analysis.start();
    await eventually("analysed", async () => (await a.db.analysisCache.count()) === 1);
    await eventually("both settled", async () => {
      const [ea, eb] = await Promise.all([a.services.statements.routing.get(id), b.services.statements.routing.get(id)]);
      return ea.computedAt !== null && eb.computedAt !== null;
    });
    await sleep(1_000);
    expect(a.analyses + b.analyses).toBe(1);
    const stored = await a.db.analysisCache.findUniqueOrThrow({ where: { consultationId: id } });
    expect(stored.voteCount).toBe(RESIDENTS.length * statements.length);
    const [ea, eb] = await Promise.all([a.services.statements.routing.get(id), b.services.statements.routing.get(id)]);
    expect(ea.computedAt).toEqual(stored.computedAt);
    expect(eb.computedAt).toEqual(stored.computedAt);
    expect(ea.snapshot).toEqual(eb.snapshot);

    // Asked for in both at once again (after a moderation, say): one more analysis, not two.
    a.services.statements.analysis.request(id);
    b.services.statements.analysis.request(id);
    await eventually("analysed again", async () => (await a.db.analysisCache.findUniqueOrThrow({ where: { consultationId: id } })).computedAt > stored.computedAt);
    await sleep(3_000);
    expect(a.analyses + b.analyses).toBe(2);

    // A holder that died leaves its lease behind: the next analysis waits until it ran out, then runs.
    const before = a.analyses;
    await a.db.lease.create({ data: { name: `analysis:${id}`, holder: "a process that died", expiresAt: new Date(Date.now() + 1_500) } });
    const started = Date.now();
    const snapshot = await a.services.statements.analysis.refreshNow(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_300);
    expect(snapshot).not.toBeNull();
    expect(a.analyses).toBe(before + 1);
    expect(await a.db.lease.count()).toBe(0);
  }, 60_000);
});

/** Two instances on one database, started without schedulers, each listening for the other's announcements. */
async function bothListening(): Promise<Twins> {
  const t = (twins = await setUp());
  t.a.start({});
  t.b.start({});
  await eventually("both listen", () => listening(t.a) && listening(t.b));
  return t;
}

function listening(i: Instance): boolean {
  return (i.services.peers as { listening?: boolean }).listening === true;
}
