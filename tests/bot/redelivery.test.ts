// Telegram delivers every update at least once. Here every update of a few
// whole flows is delivered twice, with a restart of the bot in between — once a
// clean restart, once a crash that lost the "done" marks — and after every
// second delivery the database and what people were sent must be unchanged.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import { Person } from "../support/harness.js";
import { committeeMember, seedResident, virtualSleep, createExample, useHarness } from "../support/park.js";
import type { PersonOptions } from "../support/telegram.js";
import { OPERATOR, asCommittee } from "../support/actors.js";

const h = useHarness({ adminIds: [900n] });

/** Every table but the record of processed updates, as sorted JSON lines (what a second delivery must not change). */
async function snapshot(): Promise<string[]> {
  const postgres = h.database.db.provider === "postgresql";
  const tables = await h.db.$queryRawUnsafe<{ name: string }[]>(
    postgres
      ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const out: string[] = [];
  for (const { name } of tables) {
    if (name === "_prisma_migrations" || name === "ProcessedUpdate") continue;
    for (const row of await h.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`)) {
      // updatedAt is Prisma's wall-clock stamp, not the test clock: a write of the same values moves it.
      const { updatedAt: _stamp, ...values } = row;
      out.push(`${name} ${JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
    }
  }
  return out.sort();
}

type Restart = "clean" | "crash";

/**
 * Delivers each update, restarts the bot, delivers it again, and checks what the second
 * delivery did:
 * - clean (SIGTERM: the "done" marks were written): nothing changed, nothing was sent;
 * - crash (kill -9 right after the update, before its "done" mark was written, so the new
 *   process cannot tell it from one that died halfway and handles it again): nothing in the
 *   database changed — the handlers are idempotent — though a reply may come twice.
 */
function twice(restart: Restart) {
  const deliveries = { count: 0 };
  const handle = async (u: Update) => {
    await h.handle(u);
    const calls = h.tg.calls.length;
    const before = await snapshot();
    if (restart === "clean") await h.services.updates.flush();
    h.restart();
    await h.handle(structuredClone(u));
    deliveries.count++;
    if (restart === "clean") expect(h.tg.calls.slice(calls).map((c) => c.method), `update ${u.update_id}`).toEqual([]);
    expect(await snapshot(), `update ${u.update_id}`).toEqual(before);
  };
  const chat = { tg: h.tg, get db() { return h.db; }, handle };
  return { person: (o: PersonOptions) => new Person(chat, o), deliveries };
}

describe.each(["clean", "crash"] as const)("every update delivered twice, with a %s restart in between", (restart) => {
  it("registration with an invite code", async () => {
    const { person, deliveries } = twice(restart);
    const alice = person({ id: 1201, language_code: "en" });
    await alice.send("/start");
    await alice.press("✅ I agree");
    await alice.press("English");
    const unit = await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "1号楼", number: "101" } } });
    await alice.send(unit.inviteCode);
    await alice.press("Owner");
    await alice.send("85.5");
    expect(deliveries.count).toBe(6);
    expect(await alice.stored()).toMatchObject({ status: "verified", unitId: unit.id, relation: "owner", areaCenti: 8550 });
    // Each step answered once: the person saw one consent text, one language question, …
    if (restart === "clean") expect(h.tg.chat(1201).filter((m) => m.text.includes("Before you register"))).toHaveLength(1);
  });

  it("voting, changing the vote, and the committee's /close and /publish", async () => {
    const { person } = twice(restart);
    const staff = await committeeMember(h, 610, "en");
    await seedResident(h, { id: 1301, lang: "en", building: "1号楼", unit: "101" });
    await createExample(h.services, 610n);
    const voter = person({ id: 1301, language_code: "en" });
    await voter.send("/vote");
    await voter.press(/#1/);
    const q = h.tg.chat(1301).filter((m) => /Question 1\/5/.test(m.text)).at(-1)!;
    await voter.pressData(q.buttons[0]!.callback_data!, q);
    expect(await h.db.ballot.count()).toBe(1);
    // Change the vote on the edited message (its buttons carry the new ballot's time).
    const edited = h.tg.chat(1301).find((m) => m.messageId === q.messageId)!;
    await voter.pressData(edited.buttons[1]!.callback_data!, edited);
    expect((await h.db.ballot.findFirstOrThrow()).choice).toBe("[1]");

    const committee = person({ id: staff.id, language_code: "en" });
    await committee.send("/close 1");
    await committee.press("🔒 Close now");
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("closed");
    const queuedBefore = await h.db.outboxMessage.count();
    await committee.send("/publish 1");
    await committee.press(/📤 Send to 1 resident/);
    expect(await h.db.outboxMessage.count({ where: { batch: { startsWith: "publish:" } } })).toBe(1);
    expect(await h.db.outboxMessage.count()).toBe(queuedBefore + 1);
    // What /publish queued is sent once.
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: virtualSleep(h).sleep }).drain();
    expect(h.tg.chat(1301).filter((m) => m.text.includes("📊 <b>Result of consultation #1</b>"))).toHaveLength(1);
  });

  it("an /opinion with its text, then a plain reply: the reply is never published as a statement", async () => {
    const { person } = twice(restart);
    const c = await h.db.consultation.create({
      data: { titleEn: "Parking plan", status: "open", residentStatements: true, moderated: false, closesAt: new Date("2026-12-10T00:00:00Z"), openedAt: h.clock.now() },
    });
    await seedResident(h, { id: 1401, lang: "en", building: "2号楼", unit: "201" });
    const bob = person({ id: 1401, language_code: "en" });
    await bob.send("/opinion More bicycle racks near the east gate");
    expect(await h.db.statement.findMany({ where: { consultationId: c.id } })).toHaveLength(1);
    expect(await h.db.chatState.findUnique({ where: { userId: 1401n } })).toBeNull();
    await bob.send("OK, thanks");
    expect((await h.db.statement.findMany({ where: { consultationId: c.id } })).map((s) => s.textEn)).toEqual(["More bicycle racks near the east gate"]);
  });

  it("a whole guided /announce, sent once", async () => {
    const { person } = twice(restart);
    await seedResident(h, { id: 1501, lang: "en", building: "1号楼", unit: "101" });
    await committeeMember(h, 611, "en");
    const c = person({ id: 611, language_code: "en" });
    await c.send("/announce");
    await c.press("Everyone");
    await c.press("English");
    await c.send("Water is off on Monday 9:00–12:00.");
    await c.press(/Send to 1 resident/);
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: virtualSleep(h).sleep }).drain();
    expect(h.tg.chat(1501).filter((m) => m.text.includes("Water is off on Monday"))).toHaveLength(1);
    expect(await h.db.outboxMessage.count({ where: { batch: { startsWith: "announce:" } } })).toBe(1);
  });
});

describe("a redelivered /opinion after a crash mid-update", () => {
  it("is answered as the author's own statement, and statement input is not reopened", async () => {
    await h.db.consultation.create({
      data: { titleEn: "Parking plan", status: "open", residentStatements: true, moderated: false, closesAt: new Date("2026-12-10T00:00:00Z"), openedAt: h.clock.now() },
    });
    const bob = await seedResident(h, { id: 1402, lang: "en", building: "2号楼", unit: "201" });
    const update = (await import("../support/telegram.js")).updates.text({ id: 1402, language_code: "en" }, "/opinion More bicycle racks near the east gate");
    await h.handle(update);
    expect(bob.last().text).toContain("Thank you");
    // The process died before recording the update as done: the next one handles it again.
    h.restart();
    await h.handle(structuredClone(update));
    expect(bob.last().text).toBe("You sent this statement before, and it is published:\n\n<blockquote>More bicycle racks near the east gate</blockquote>\n\nNothing more to do. Other residents can rate it with /rate.");
    expect(bob.last().buttons).toEqual([]);
    expect(await h.db.chatState.findUnique({ where: { userId: 1402n } })).toBeNull();
    await bob.send("OK, thanks");
    expect(await h.db.statement.count()).toBe(1);
  });
});
