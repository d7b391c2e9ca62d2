// Role × command: every staff command and every staff button (forged callback data)
// from every lower role — unregistered, pending, verified resident, official, and
// (for admin commands) committee — is refused in the person's language, and nothing
// in the database changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/i18n.js";
import { createHarness, type Harness, type Person } from "../support/harness.js";
import { PARK_ROSTER, committeeMember, seedResident, specWith } from "../support/park.js";
import { OPERATOR, asAdmin, asCommittee } from "../support/actors.js";

let h: Harness;
let statementId: number;

async function snapshot(): Promise<string[]> {
  const postgres = h.database.db.provider === "postgresql";
  const tables = await h.db.$queryRawUnsafe<{ name: string }[]>(
    postgres ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()" : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const out: string[] = [];
  for (const { name } of tables) {
    if (name === "_prisma_migrations" || name === "ProcessedUpdate") continue;
    for (const row of await h.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`)) {
      const { updatedAt: _stamp, ...values } = row;
      out.push(`${name} ${JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
    }
  }
  return out.sort();
}

beforeAll(async () => {
  h = await createHarness({ adminIds: [900n] });
  await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
  await seedResident(h, { id: 201, lang: "en", building: "1号楼", unit: "101" });
  await seedResident(h, { id: 202, lang: "zh", building: "1号楼", unit: "102" });
  await seedResident(h, { id: 203, lang: "en", building: "2号楼", unit: "201", status: "pending" });
  await seedResident(h, { id: 204, lang: "zh", building: "2号楼", unit: "202", status: "pending" });
  await h.services.roles.grant(700n, "official", asAdmin(900n));
  await h.services.roles.grant(701n, "official", asAdmin(900n));
  await committeeMember(h, 600, "en");
  await committeeMember(h, 601, "zh");
  const parsed = await h.services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = "2026-11-29T20:00:00+08:00"))));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  if (!(await h.services.consultations.lifecycle.create(parsed.value, asCommittee(600n))).ok) throw new Error("not created");
  const pending = await h.db.statement.create({
    data: { consultationId: 1, textEn: "A pending statement to moderate", originalLanguage: "en", normalized: "a pending statement to moderate", status: "pending", authorId: 201n, createdAt: h.clock.now() },
  });
  statementId = pending.id;
});
afterAll(() => h.close());

const COMMITTEE_COMMANDS = ["/pending", "/codes", "/new", "/consultations", "/close 1", "/publish 1", "/announce", "/moderate", "/themes 1"];
const ADMIN_COMMANDS = ["/grant 201 committee", "/revoke 600 committee", "/grant 201 admin"];
const STAFF_BUTTONS = () => [
  "reg:verify:203:0",
  "reg:reject:204:0",
  `mod:ok:${statementId}`,
  `mod:no:${statementId}`,
  `mod:tr:${statementId}`,
  `mrj:${statementId}:offensive`,
  `mrj:${statementId}:typed`,
  "mtq:0",
  "th:1",
  "cl:1:yes",
  "pb:1:yes",
  "nw:0:kind-single",
  "an:0:all",
];

type Who = { label: string; person: () => Person; lang: "zh" | "en"; lower: "committee" | "admin" };
const everyone = (): Who[] => [
  { label: "an unregistered stranger (en)", person: () => h.person({ id: 5001, language_code: "en" }), lang: "en", lower: "committee" },
  { label: "an unregistered stranger (zh)", person: () => h.person({ id: 5002, language_code: "zh-hans" }), lang: "zh", lower: "committee" },
  { label: "a pending resident (en)", person: () => h.person({ id: 203, language_code: "en" }), lang: "en", lower: "committee" },
  { label: "a pending resident (zh)", person: () => h.person({ id: 204, language_code: "zh" }), lang: "zh", lower: "committee" },
  { label: "a verified resident (en)", person: () => h.person({ id: 201, language_code: "en" }), lang: "en", lower: "committee" },
  { label: "a verified resident (zh)", person: () => h.person({ id: 202, language_code: "zh" }), lang: "zh", lower: "committee" },
  { label: "an official (en)", person: () => h.person({ id: 700, language_code: "en" }), lang: "en", lower: "committee" },
  { label: "an official (zh)", person: () => h.person({ id: 701, language_code: "zh-hans" }), lang: "zh", lower: "committee" },
  { label: "a committee member (en)", person: () => h.person({ id: 600, language_code: "en" }), lang: "en", lower: "admin" },
  { label: "a committee member (zh)", person: () => h.person({ id: 601, language_code: "zh" }), lang: "zh", lower: "admin" },
];

const CJK = /[\u4e00-\u9fff]/;

describe.each(everyone())("$label", (who) => {
  it("is refused every staff command above their role, in their language, and nothing changes", async () => {
    const t = translator().forLanguage(who.lang);
    const p = who.person();
    // First contact records a staff member's Telegram language (what they are answered in); that is not the commands' doing.
    await p.send("/help");
    const before = await snapshot();
    const commands = who.lower === "admin" ? ADMIN_COMMANDS : [...COMMITTEE_COMMANDS, ...ADMIN_COMMANDS];
    for (const command of commands) {
      await p.send(command);
      const name = command.slice(1).split(" ")[0]!;
      const role = ADMIN_COMMANDS.includes(command) ? "admin" : "committee";
      expect(p.last().text, command).toBe(t("common.notAllowed", { role: t(`roles.${role}`), command: name }));
    }
    expect(await snapshot()).toEqual(before);
  });

  it.skipIf(who.lower === "admin")("is refused every staff button, forged, with an answer in their language, and nothing changes", async () => {
    const p = who.person();
    const before = await snapshot();
    for (const data of STAFF_BUTTONS()) {
      const calls = h.tg.calls.length;
      await p.pressData(data);
      const answers = h.tg.calls.slice(calls).filter((c) => c.method === "answerCallbackQuery");
      expect(answers, data).toHaveLength(1);
      const toast = String(answers[0]!.payload.text ?? "");
      expect(toast, data).not.toBe("");
      if (who.lang === "zh") expect(toast, data).toMatch(CJK);
      else expect(toast, data).not.toMatch(CJK);
      // A refused button sends no message and edits nothing.
      expect(h.tg.calls.slice(calls).map((c) => c.method), data).toEqual(["answerCallbackQuery"]);
    }
    expect(await snapshot()).toEqual(before);
  });
});
