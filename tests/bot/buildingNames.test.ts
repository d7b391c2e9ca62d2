// Building and unit names are kept as the roster writes them, and matched
// whatever their case or width ("West Tower" = "WEST TOWER", "１号楼" = "1号楼"):
// roster re-imports, spec audiences, the /new and /announce pickers, registration.
import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { committeeMember, seedResident, serveFile, specWith, useHarness, sendSpec } from "../support/park.js";
import { OPERATOR } from "../support/actors.js";

const ROSTER = ["building,unit,area_m2", "West Tower,A1201,80", "West Tower,A1202,60", "1号楼,101,50"].join("\n");

const h = useHarness({ adminIds: [900n], nock: true, roster: false });

const units = () => h.db.unit.findMany({ orderBy: { id: "asc" }, select: { id: true, building: true, number: true, areaCenti: true, inviteCode: true } });

async function importFile(c: Person, body: string, id: string) {
  serveFile(id, body);
  await c.document(`${id}.csv`, id);
  return c.last().text;
}

describe("the roster", () => {
  it("keeps names as written (stored, in the codes file and on the buttons); a re-import in another case or width updates the same units", async () => {
    const c = await committeeMember(h, 600, "en");
    expect(await importFile(c, ROSTER, "r1")).toBe("Roster imported: 3 new unit(s), 0 updated, 3 in total. Send /codes for the invite codes.");
    const first = await units();
    expect(first.map((u) => [u.building, u.number])).toEqual([
      ["West Tower", "A1201"],
      ["West Tower", "A1202"],
      ["1号楼", "101"],
    ]);
    await c.send("/codes");
    const csv = c.last().document!.content.toString("utf8").replace(/^\uFEFF/, "");
    expect(csv).toContain("\r\nWest Tower,A1201,80,");
    expect(csv).not.toContain("WEST TOWER");

    const resident = h.person({ id: 7001, language_code: "en" });
    await resident.send("/start");
    await resident.press(/I agree/);
    await resident.press("English");
    expect(resident.buttons()).toEqual(["1号楼", "West Tower"]);

    // The same units written another way: updated in place (codes kept), the new spelling shown from now on.
    expect(await importFile(c, "building,unit,area_m2\nWEST  TOWER,a1201,85\n１号楼,１０１,55\n", "r2")).toBe(
      "Roster imported: 0 new unit(s), 2 updated, 3 in total. Send /codes for the invite codes.",
    );
    const second = await units();
    expect(second.map((u) => [u.id, u.building, u.number, u.areaCenti, u.inviteCode])).toEqual([
      [first[0]!.id, "WEST TOWER", "a1201", 8500, first[0]!.inviteCode],
      // Not in the file, but in the same building: it follows the building's new spelling.
      [first[1]!.id, "WEST TOWER", "A1202", 6000, first[1]!.inviteCode],
      [first[2]!.id, "１号楼", "１０１", 5500, first[2]!.inviteCode],
    ]);
  });

  it("a building written two ways in one file is one building, named as first written; the same unit twice is refused", async () => {
    const c = await committeeMember(h, 600, "en");
    await importFile(c, "building,unit\nWest Tower,1\nwest tower,2\n", "r1");
    expect((await units()).map((u) => u.building)).toEqual(["West Tower", "West Tower"]);
    const refused = await importFile(c, "building,unit\nWest Tower,1\nWEST TOWER,1\n", "r2");
    expect(refused).toContain("line 3");
    expect(await h.db.unit.count()).toBe(2);
  });

  it("upper-cased names stored before this change are restored to the written form by importing the roster again", async () => {
    // What the bot stored before: every name upper-cased.
    await h.db.unit.create({ data: { building: "WEST TOWER", number: "A1201", areaCenti: 8000, inviteCode: "OLDCODE1" } });
    await h.db.unit.create({ data: { building: "WEST TOWER", number: "A1202", areaCenti: 6000, inviteCode: "OLDCODE2" } });
    await h.db.consultation.create({
      data: { titleEn: "Lifts", status: "open", audienceBuildings: JSON.stringify(["WEST TOWER"]), closesAt: new Date("2026-12-27T02:00:00Z"), openedAt: h.clock.now() },
    });
    await seedResident(h, { id: 7101, lang: "en", building: "WEST TOWER", unit: "A1201" });
    const c = await committeeMember(h, 600, "en");
    expect(await importFile(c, ROSTER, "r1")).toBe("Roster imported: 1 new unit(s), 2 updated, 3 in total. Send /codes for the invite codes.");
    expect((await units()).map((u) => [u.building, u.number, u.inviteCode])).toEqual([
      ["West Tower", "A1201", "OLDCODE1"],
      ["West Tower", "A1202", "OLDCODE2"],
      ["1号楼", "101", expect.any(String)],
    ]);
    // The consultation stored with the old spelling still reaches the building's residents.
    expect((await h.stores.consultations.audience.members(["WEST TOWER"])).map((m) => [m.userId, m.building])).toEqual([[7101n, "West Tower"]]);
  });
});

describe("registration by building", () => {
  it("finds the unit typed in another case or width, also after the building was re-spelled", async () => {
    await h.services.roster.import(Buffer.from(ROSTER), OPERATOR);
    const p = h.person({ id: 7201, language_code: "en" });
    await p.send("/start");
    await p.press(/I agree/);
    await p.press("English");
    await p.press("West Tower");
    await h.services.roster.import(Buffer.from("building,unit\nWEST TOWER,A1201\n"), OPERATOR);
    await p.send("ａ１２０２");
    expect(p.last().text).toContain("Building <b>WEST TOWER</b>, unit <b>A1202</b>");
    const unit = await h.db.unit.findFirstOrThrow({ where: { number: "A1202" } });
    expect(await p.stored()).toMatchObject({ unitId: unit.id });
  });
});

describe("a spec's audience", () => {
  it("accepts the buildings as the roster writes them, or in another case or width, and stores the roster's spelling", async () => {
    await h.services.roster.import(Buffer.from(ROSTER), OPERATOR);
    await seedResident(h, { id: 7301, lang: "en", building: "West Tower", unit: "A1201" });
    await seedResident(h, { id: 7302, lang: "zh", building: "1号楼", unit: "101" });
    const c = await committeeMember(h, 600, "en");
    const body = specWith((s) => {
      s.audience = { buildings: ["west tower", "１号楼"] };
      s.polls = [s.polls[1]];
    });
    await sendSpec(c, body);
    expect(h.tg.chat(600).map((m) => m.text).join("\n")).toContain("Who: verified residents of West Tower, 1号楼");
    await c.press("✅ Open it now");
    expect(await h.db.consultation.findFirstOrThrow()).toMatchObject({ status: "open", audienceBuildings: JSON.stringify(["West Tower", "1号楼"]) });
    const notices = await h.db.outboxMessage.findMany({ where: { batch: "open:1" }, orderBy: { chatId: "asc" } });
    expect(notices.map((n) => n.chatId)).toEqual([7301n, 7302n]);

    // The same building twice, written two ways, is one building named twice.
    const twice = specWith((s) => (s.audience = { buildings: ["West Tower", "WEST TOWER"] }));
    await sendSpec(c, twice);
    expect(c.last().text).toContain("<code>audience.buildings[1]</code>");
  });

  it("the building exactly as the roster writes it is not refused (it was: the roster had been upper-cased)", async () => {
    const c = await committeeMember(h, 600, "zh");
    await importFile(c, ROSTER, "r1");
    const body = specWith((s) => (s.audience = { buildings: ["West Tower"] }));
    await sendSpec(c, body);
    expect(c.buttons()).toEqual(["✅ 立即开始", "✖ 放弃"]);
  });
});

describe("the /announce and /new pickers", () => {
  it("show the roster's names; a building ticked before a re-spelling stays ticked and is not added twice", async () => {
    await h.services.roster.import(Buffer.from(ROSTER), OPERATOR);
    await seedResident(h, { id: 7401, lang: "en", building: "West Tower", unit: "A1201" });
    const c = await committeeMember(h, 600, "en");
    await c.send("/announce");
    expect(c.buttons()).toEqual(["Everyone", "☐ 1号楼", "☐ West Tower", "Done ✓"]);
    await c.press("☐ West Tower");
    await h.services.roster.import(Buffer.from("building,unit\nWEST TOWER,A1201\n"), OPERATOR);
    await c.press("☐ 1号楼");
    expect(c.buttons()).toEqual(["Everyone", "☑ 1号楼", "☑ WEST TOWER", "Done ✓"]);
    await c.press("☑ WEST TOWER");
    expect(c.buttons()).toEqual(["Everyone", "☑ 1号楼", "☐ WEST TOWER", "Done ✓"]);
    await c.press("☐ WEST TOWER");
    await c.press("Done ✓");
    await c.press("English");
    await c.send("The lifts are serviced on Monday.");
    expect(c.last().text).toContain("This goes to <b>1</b> resident(s)");

    await c.send("/cancel");
    await c.send("/new");
    await c.press("中文 + English");
    await c.send("电梯维修");
    await c.send("Lift repairs");
    await c.press(/Skip/);
    await c.press(/Skip/);
    // The /new wizard's audience step lists the roster's current names.
    expect(c.buttons()).toEqual(expect.arrayContaining(["☐ 1号楼", "☐ WEST TOWER"]));
  });
});
