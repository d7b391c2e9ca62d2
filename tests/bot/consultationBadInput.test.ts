import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.js";
import { EXAMPLE_SPEC, PARK_ROSTER, committeeMember, seedResident, serveFile, specWith } from "../support/park.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ adminIds: [900n] });
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await h.close();
});
beforeEach(async () => {
  await h.reset();
  h.clock.current = new Date("2026-11-27T02:00:00Z");
  await h.services.roster.import(Buffer.from(PARK_ROSTER));
});
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

/** Everything a refused spec must leave untouched. */
const snapshot = async () => ({
  consultations: await h.db.consultation.count(),
  polls: await h.db.poll.count(),
  statements: await h.db.statement.count(),
  outbox: await h.db.outboxMessage.count(),
  states: await h.db.chatState.count(),
});
const EMPTY = { consultations: 0, polls: 0, statements: 0, outbox: 0, states: 0 };

async function send(lang: "zh" | "en", body: string, name = "spec.json") {
  const c = await committeeMember(h, lang === "zh" ? 610 : 611, lang);
  serveFile("f", body);
  await c.document(name, "f", Buffer.byteLength(body), "application/json");
  return c.last().text;
}

describe("a spec file that is wrong is refused whole, with every problem's JSON path, and changes nothing", () => {
  it("unknown fields, a title in neither language, a closing time in the past (English)", async () => {
    const text = await send("en", specWith((s) => {
      s.color = "red";
      s.polls[0].weight = 2;
      s.title = { zh: "  ", fr: "Titre" };
      s.closesAt = "2026-11-01T20:00:00+08:00";
    }));
    expect(text.split("\n")).toEqual([
      "The consultation file was not accepted; nothing was changed. Please fix these problems and send it again:",
      "• <code>title.zh</code>: must not be empty",
      "• <code>title</code>: unknown field(s): fr",
      "• <code>title</code>: give the text in at least one language: \"zh\" or \"en\"",
      "• <code>polls[0]</code>: unknown field(s): weight",
      "• unknown field(s): color",
    ]);
    const past = await send("en", specWith((s) => (s.closesAt = "2026-11-01T20:00:00+08:00")));
    expect(past.split("\n")[1]).toBe("• <code>closesAt</code>: “2026-11-01T20:00:00+08:00” has already passed; the closing time must be in the future");
    const neither = await send("en", specWith((s) => (s.title = {})));
    expect(neither.split("\n")[1]).toBe("• <code>title</code>: give the text in at least one language: \"zh\" or \"en\"");
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a poll without options, with more than 10, a rule that needs owners, a quorum where none applies (Chinese)", async () => {
    const text = await send("zh", specWith((s) => {
      delete s.polls[0].options;
      s.polls[1].options = Array.from({ length: 11 }, (_, i) => ({ zh: `选项${i + 1}` }));
      s.polls[3].options = [];
      s.polls[4].rule = "civil-code-278";
      s.polls[4].quorumPercent = 30;
    }));
    expect(text.split("\n")).toEqual([
      "征询文件未被接受，没有做任何更改。请修正以下问题后重新发送：",
      "• <code>polls[0].options</code>：single 类型的问题需要 \"options\"",
      "• <code>polls[1].options</code>：有 11 个选项；最多 10 个",
      "• <code>polls[3].options</code>：只有 0 个选项；至少需要 2 个",
      "• <code>polls[4].voters</code>：规则“civil-code-278”按业主计票：请设置 \"voters\": \"owners\"",
      "• <code>polls[4].quorumPercent</code>：规则“civil-code-278”不适用法定人数",
    ]);
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("an Art. 278 poll whose audience has owners without a floor area names the units", async () => {
    await seedResident(h, { id: 303, building: "3号楼", unit: "303", areaCenti: null });
    await seedResident(h, { id: 304, building: "3号楼", unit: "303", relation: "tenant" });
    const text = await send("en", EXAMPLE_SPEC.toString("utf8"));
    expect(text.split("\n")).toEqual([
      "The consultation file was not accepted; nothing was changed. Please fix these problems and send it again:",
      "• <code>polls[0]</code>: Art. 278 counts owners by floor area, but 1 unit(s) of the audience have owners without a floor area on record: 3号楼 303. Add the areas to the roster (CSV column area_m2) first",
    ]);
    // An owner who gave their own area at registration is enough.
    await h.db.user.update({ where: { id: 303n }, data: { areaCenti: 4550 } });
    await send("en", EXAMPLE_SPEC.toString("utf8"));
    expect(h.tg.last(611).buttons.map((b) => b.text)).toEqual(["✅ Open it now", "✖ Discard"]);
  });

  it("not JSON, not UTF-8, too large, an unknown building", async () => {
    expect(await send("en", "{ \"title\": ")).toMatch(/^The consultation file was not accepted.*\n• the file is not valid JSON \(.+\)$/s);
    const c = await committeeMember(h, 611, "en");
    await c.document("big.json", "big", 300 * 1024, "application/json");
    expect(c.last().text).toContain("• the file is larger than 256 KB");
    const unknown = await send("zh", specWith((s) => (s.audience.buildings = ["1号楼", "7号楼", "1号楼"])));
    expect(unknown.split("\n").slice(1)).toEqual(["• <code>audience.buildings[2]</code>：“1号楼”重复列出"]);
    const seven = await send("zh", specWith((s) => (s.audience.buildings = ["7号楼"])));
    expect(seven.split("\n").slice(1)).toEqual(["• <code>audience.buildings[0]</code>：名册中没有楼栋“7号楼”"]);
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a resident who sends a spec file is refused and nothing is read", async () => {
    const r = await seedResident(h, { id: 305, lang: "en", building: "1号楼", unit: "101" });
    await r.document("consultation.json", "nope", 100, "application/json");
    expect(r.last().text).toBe("Only committee members can send files to me. Nothing was changed.");
    const zh = await seedResident(h, { id: 306, lang: "zh", building: "1号楼", unit: "102" });
    await zh.document("consultation.json", "nope", 100, "application/json");
    expect(zh.last().text).toBe("只有自治委员会成员可以向我发送文件。没有做任何更改。");
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a preview discarded, or confirmed twice, creates nothing more than once", async () => {
    const c = await committeeMember(h, 611, "en");
    serveFile("a", EXAMPLE_SPEC);
    await c.document("consultation.json", "a", EXAMPLE_SPEC.length, "application/json");
    const open = c.findButton("✅ Open it now").button.callback_data!;
    await c.press("✖ Discard");
    expect(c.last().text).toBe("Cancelled. Nothing was changed.");
    await c.pressData(open);
    expect(c.lastToast()).toBe("This preview was discarded or replaced by a newer file. To create the consultation, send the file again.");
    expect(await snapshot()).toEqual(EMPTY);

    serveFile("b", EXAMPLE_SPEC);
    await c.document("consultation.json", "b", EXAMPLE_SPEC.length, "application/json");
    const again = c.findButton("✅ Open it now").button.callback_data!;
    await Promise.all([c.pressData(again), c.pressData(again)]);
    expect(await h.db.consultation.count()).toBe(1);
  });
});
