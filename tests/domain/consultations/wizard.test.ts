import { describe, expect, it } from "vitest";
import { advanceAnnouncement, startAnnouncement } from "../../../src/domain/consultations/announcement.js";
import { advance, daysAhead, rulesFor, startWizard, type WizardInput, type WizardState } from "../../../src/domain/consultations/wizard.js";

const ctx = { now: new Date("2026-11-27T02:00:00Z"), timeZone: "Asia/Shanghai", buildings: ["1号楼", "2号楼"] };

function run(inputs: WizardInput[], s: WizardState = startWizard()): WizardState {
  for (const input of inputs) {
    const r = advance(s, input, ctx);
    if (!r.ok) throw new Error(`${s.step}: ${JSON.stringify(r.problem)}`);
    s = r.state;
  }
  return s;
}

describe("the /new state machine", () => {
  it("walks every step of a bilingual consultation with a multiple-choice question", () => {
    const s = run([
      { button: "both" },
      { text: "标题" },
      { text: "Title" },
      { button: "skip" },
      { button: "skip" },
      { button: "b1" },
      { button: "done" },
      { button: "d3" },
      { text: "问题？" },
      { text: "Question?" },
      { button: "multiple" },
      { text: "甲\n乙\n丙" },
      { text: "A\nB\nC" },
      { button: "2" },
      { button: "unit" },
      { button: "supermajority" },
      { button: "q40" },
      { button: "live" },
      { button: "done" },
      { button: "no" },
      { text: "一条观点\nA statement" },
    ]);
    expect(s.step).toBe("preview");
    expect(s.title).toEqual({ zh: "标题", en: "Title" });
    expect(s.description).toEqual({});
    expect(s.audience).toEqual(["2号楼"]);
    expect(s.closesAt).toBe("2026-11-30T12:00:00.000Z");
    expect(s.polls).toEqual([
      {
        question: { zh: "问题？", en: "Question?" },
        kind: "multiple",
        options: [{ zh: "甲", en: "A" }, { zh: "乙", en: "B" }, { zh: "丙", en: "C" }],
        maxChoices: 2,
        voters: "unit",
        rule: "supermajority",
        quorumPercent: 40,
        results: "live",
      },
    ]);
    expect(s.seeds).toEqual([{ zh: "一条观点" }, { en: "A statement" }]);
    expect(s.rev).toBe(21);
  });

  it("answers a problem and keeps the state where it was", () => {
    const atOptions = run([{ button: "en" }, { text: "T" }, { button: "skip" }, { button: "all" }, { text: "2026-12-01 20:00" }, { text: "Q" }, { button: "single" }]);
    expect(advance(atOptions, { text: "only one" }, ctx)).toEqual({ ok: false, problem: { code: "option-count", min: 2, max: 10, count: 1 } });
    expect(advance(atOptions, { text: "a\nA" }, ctx)).toEqual({ ok: false, problem: { code: "duplicate-option", line: 2 } });
    expect(advance(atOptions, { button: "single" }, ctx)).toEqual({ ok: false, problem: { code: "text-expected" } });
    const atRule = run([{ text: "a\nb" }, { button: "owners" }], atOptions);
    expect(rulesFor("single", "owners")).toContain("civil-code-278");
    expect(rulesFor("single", "residents")).not.toContain("civil-code-278");
    // Art. 278's totals need every roster unit's area in the audience, registered owner or not.
    expect(advance(atRule, { button: "civil-code-278" }, { ...ctx, unitsWithoutArea: { count: 1, names: ["1号楼 103"] } })).toEqual({ ok: false, problem: { code: "units-without-area", units: "1号楼 103", count: 1 } });
    expect(advance(atRule, { button: "civil-code-278-major" }, { ...ctx, unitsWithoutArea: { count: 30, names: ["1号楼 101", "1号楼 102"] } })).toEqual({ ok: false, problem: { code: "units-without-area", units: "1号楼 101, 1号楼 102, …", count: 30 } });
    expect(advance(atRule, { button: "civil-code-278" }, { ...ctx, unitsWithoutArea: { count: 0, names: [] } })).toMatchObject({ ok: true, state: { step: "results" } });
    expect(advance(atRule, { button: "civil-code-278-major" }, ctx)).toMatchObject({ ok: true, state: { step: "results" } });
    const atSeeds = run([{ button: "civil-code-278" }, { button: "hidden" }, { button: "done" }, { button: "moderated" }], atRule);
    expect(advance(atSeeds, { text: "Fine as it is\nIs this a question?" }, ctx)).toEqual({ ok: false, problem: { code: "statement-question", line: 2 } });
    expect(advance(atSeeds, { text: "Noise at night.\nnoise   at night" }, ctx)).toEqual({ ok: false, problem: { code: "statement-duplicate", line: 2 } });
  });

  it("closing times: quick choices end at 20:00 in the park", () => {
    expect(daysAhead(ctx, 7)).toEqual(new Date("2026-12-04T12:00:00Z"));
    expect(daysAhead({ now: new Date("2026-11-27T17:00:00Z"), timeZone: "Asia/Shanghai" }, 1)).toEqual(new Date("2026-11-29T12:00:00Z"));
  });
});

describe("the /announce state machine", () => {
  it("audience, languages, texts, preview", () => {
    let s = startAnnouncement();
    for (const input of [{ button: "b0" }, { button: "done" }, { button: "both" }, { text: "停水通知" }, { text: "Water off" }] as WizardInput[]) {
      const r = advanceAnnouncement(s, input, ctx.buildings);
      if (!r.ok) throw new Error(JSON.stringify(r.problem));
      s = r.state;
    }
    expect(s).toMatchObject({ step: "preview", audience: ["1号楼"], text: { zh: "停水通知", en: "Water off" } });
    expect(advanceAnnouncement(startAnnouncement(), { button: "done" }, ctx.buildings)).toEqual({ ok: false, problem: { code: "no-building" } });
  });
});

describe("buildings ticked in a picker", () => {
  it("are compared whatever their case or width: a re-spelled building unticks instead of being added twice", () => {
    const ticked = { ...startAnnouncement(), audience: ["WEST TOWER"] };
    const r = advanceAnnouncement(ticked, { button: "b0" }, ["West Tower", "1号楼"]);
    expect(r).toMatchObject({ ok: true, state: { audience: [] } });
    const atAudience: WizardState = { ...startWizard(), step: "audience", audience: ["１号楼"] };
    expect(advance(atAudience, { button: "b0" }, ctx)).toMatchObject({ ok: true, state: { audience: [] } });
    expect(advance(atAudience, { button: "b1" }, ctx)).toMatchObject({ ok: true, state: { audience: ["１号楼", "2号楼"] } });
  });
});
