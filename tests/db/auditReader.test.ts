// The driver reader of `frontstage audit verify`: on SQLite a screen inside the
// database checks each page first. Whatever it does, verify must give exactly
// the answer of the domain's verifyChain over the same rows: the same row
// named, for the same reason, with the same count of intact rows before it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "../../src/app/audit/log.js";
import { openAuditPages } from "../../src/db/auditReader.js";
import { PrismaAuditStore } from "../../src/db/repositories/audit.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { OPERATOR } from "../support/actors.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());
beforeEach(() => db.reset());

async function seed(targets: string[]): Promise<AuditLog> {
  let t = new Date("2026-11-27T02:00:00.123Z").getTime();
  const log = new AuditLog({ store: new PrismaAuditStore(db.db.prisma), clock: { now: () => new Date((t += 1_001)) } });
  for (const [i, target] of targets.entries()) await log.record({ actor: i % 2 ? 8_100_000_001n : null, role: i % 2 ? "committee" : "operator", action: "statement.approve", target, input: { i } });
  return log;
}

/** verify through the driver reader (screened on SQLite) and through the domain alone; both answers. */
async function both(log: AuditLog) {
  const reader = await openAuditPages(db.db.provider, db.url);
  try {
    return { driver: await log.verify(OPERATOR, reader), domain: await log.verify(OPERATOR, { page: reader.page }) };
  } finally {
    await reader.close();
  }
}

const targets = ["statement:1", "report:1:v1", "多行\n目标 «quoted» \"x\"", "emoji 🌳 \u200f", "", "statement:6", "statement:7"];

describe("audit verify through the driver reader", () => {
  it("passes an intact chain, a target with a line break included, with every row counted", async () => {
    const log = await seed(targets);
    expect(await both(log)).toEqual({ driver: { ok: true, rows: 7 }, domain: { ok: true, rows: 7 } });
  });

  it.each([
    ["a target edited", `UPDATE "AuditEntry" SET "target" = 'statement:9' WHERE "id" = 5`, { id: 5, reason: "hash" }, 4],
    ["an actor edited", `UPDATE "AuditEntry" SET "actor" = 42 WHERE "id" = 2`, { id: 2, reason: "hash" }, 1],
    ["a prevHash edited", `UPDATE "AuditEntry" SET "prevHash" = '${"e".repeat(64)}' WHERE "id" = 6`, { id: 6, reason: "link" }, 5],
    ["a row deleted", `DELETE FROM "AuditEntry" WHERE "id" = 4`, { id: 5, reason: "link" }, 3],
    ["the first row's link", `UPDATE "AuditEntry" SET "prevHash" = '${"1".repeat(64)}' WHERE "id" = 1`, { id: 1, reason: "link" }, 0],
    ["the row with a line break edited", `UPDATE "AuditEntry" SET "inputSha256" = '${"c".repeat(64)}' WHERE "id" = 3`, { id: 3, reason: "hash" }, 2],
    ["the last row's hash", `UPDATE "AuditEntry" SET "hash" = '${"f".repeat(64)}' WHERE "id" = 7`, { id: 7, reason: "hash" }, 6],
  ])("names the first broken row: %s", async (_name, sql, broken, rows) => {
    const log = await seed(targets);
    await db.db.prisma.$executeRawUnsafe(sql);
    const expected = { ok: false, broken, rows };
    expect(await both(log)).toEqual({ driver: expected, domain: expected });
  });

  it.runIf(process.env.TEST_DB !== "postgres")("on SQLite the screen alone passes a plain chain and doubts every edit", async () => {
    const plain = ["statement:1", "statement:2", "statement:3", "statement:4"];
    const log = await seed(plain);
    const reader = await openAuditPages(db.db.provider, db.url);
    try {
      const last = (await reader.page(3, 1))[0]!;
      expect(await reader.screen!(0, 10)).toEqual({ rows: 4, lastId: 4, lastHash: last.hash, suspect: false });
      expect(await reader.screen!(2, 10)).toMatchObject({ rows: 2, lastId: 4, suspect: false });
      expect(await reader.screen!(4, 10)).toMatchObject({ rows: 0, suspect: false });
      expect(await log.verify(OPERATOR, reader)).toEqual({ ok: true, rows: 4 });
      for (const sql of [`UPDATE "AuditEntry" SET "target" = 'x' WHERE "id" = 3`, `UPDATE "AuditEntry" SET "at" = '2026-11-27T02:00:09.000+00:00' WHERE "id" = 3`, `UPDATE "AuditEntry" SET "prevHash" = '${"e".repeat(64)}' WHERE "id" = 3`]) {
        await db.reset();
        await seed(plain);
        await db.db.prisma.$executeRawUnsafe(sql);
        expect(await reader.screen!(0, 10), sql).toMatchObject({ rows: 4, suspect: true });
        expect(await reader.screen!(3, 10), sql).toMatchObject({ rows: 1, suspect: false });
      }
    } finally {
      await reader.close();
    }
  });

  it("an empty log verifies with no rows", async () => {
    const log = await seed([]);
    expect(await both(log)).toEqual({ driver: { ok: true, rows: 0 }, domain: { ok: true, rows: 0 } });
  });
});
