import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftToSpec, parseSpecFile, validateSpec } from "../../../src/domain/consultations/spec.js";

const EXAMPLE = JSON.parse(readFileSync(new URL("../../../examples/consultation.json", import.meta.url), "utf8"));
const ctx = { now: new Date("2026-11-27T02:00:00Z"), timeZone: "Asia/Shanghai" };
const withChange = (change: (s: any) => void) => {
  const s = structuredClone(EXAMPLE);
  change(s);
  return s;
};
const problems = (spec: unknown) => {
  const r = validateSpec(spec, ctx);
  return r.ok ? [] : r.error.map((p) => `${p.path}|${p.code}|${JSON.stringify(p.params)}`);
};

describe("the consultation spec", () => {
  it("names one building twice when it is written in another case or width, and keeps the spelling as written", () => {
    expect(problems(withChange((s) => (s.audience = { buildings: ["West Tower", "west  tower", "１号楼", "1号楼"] })))).toEqual([
      'audience.buildings[1]|duplicate-building|{"building":"west  tower"}',
      'audience.buildings[3]|duplicate-building|{"building":"1号楼"}',
    ]);
    const r = validateSpec(withChange((s) => (s.audience = { buildings: ["West Tower"] })), ctx);
    expect(r.ok && r.value.audience).toEqual(["West Tower"]);
  });

  it("accepts the example and fills in the defaults", () => {
    const r = validateSpec(EXAMPLE, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const d = r.value;
    expect(d.closesAt).toEqual(new Date("2027-01-15T12:00:00Z"));
    expect(d.opensAt).toBeNull();
    expect(d.audience).toEqual(["1号楼", "2号楼", "3号楼"]);
    expect(d.polls.map((p) => [p.kind, p.voters, p.rule, p.results])).toEqual([
      ["single", "owners", "civil-code-278-major", "hidden"],
      ["multiple", "residents", "plurality", "hidden"],
      ["scale", "residents", "none", "live"],
      ["ranked", "unit", "plurality", "hidden"],
      ["single", "residents", "majority", "live"],
    ]);
    expect(d.polls[1]!.maxChoices).toBe(2);
    expect(d.statements).toHaveLength(3);
  });

  it("reads times with an offset exactly and without one in the park's time zone", () => {
    const local = validateSpec(withChange((s) => ((s.closesAt = "2026-12-01 20:00"), (s.opensAt = "2026-11-28T09:00"))), ctx);
    expect(local.ok && [local.value.opensAt, local.value.closesAt]).toEqual([new Date("2026-11-28T01:00:00Z"), new Date("2026-12-01T12:00:00Z")]);
    // An opening time already passed means "open now".
    const past = validateSpec(withChange((s) => (s.opensAt = "2026-11-01 09:00")), ctx);
    expect(past.ok && past.value.opensAt).toBeNull();
    expect(problems(withChange((s) => (s.closesAt = "2026-11-27T10:00:00+08:00")))).toEqual(['closesAt|in-past|{"value":"2026-11-27T10:00:00+08:00"}']);
    expect(problems(withChange((s) => (s.closesAt = "2026-02-30 20:00")))).toEqual(['closesAt|bad-time|{"value":"2026-02-30 20:00"}']);
    expect(problems(withChange((s) => (s.closesAt = "2028-01-01 20:00")))).toEqual(['closesAt|too-far|{"days":366}']);
    expect(problems(withChange((s) => (s.opensAt = "2027-02-01 20:00")))).toEqual(["opensAt|opens-after-closes|{}"]);
  });

  it("names the JSON path of every shape problem", () => {
    expect(problems([])).toEqual(['|wrong-type|{"expected":"object"}']);
    expect(problems(withChange((s) => ((s.polls = []), delete s.closesAt, (s.moderated = "yes"))))).toEqual([
      "closesAt|required|{}",
      'moderated|wrong-type|{"expected":"boolean"}',
      'polls|too-few|{"min":1}',
    ]);
    expect(problems(withChange((s) => ((s.polls[0].kind = "yesno"), (s.polls[0].quorumPercent = 12.5), (s.statements[1] = { en: "x".repeat(281) }))))).toEqual([
      'statements[1].en|too-long|{"max":280}',
      "polls[0].kind|not-one-of|{\"values\":\"single, multiple, scale, ranked\"}",
      "polls[0].quorumPercent|not-integer|{}",
    ]);
  });

  it("checks what zod cannot: kind × rule × voters, quorum, duplicates, register totals", () => {
    expect(problems(withChange((s) => (s.polls[2].rule = "majority")))).toEqual(['polls[2].rule|rule-not-for-kind|{"rule":"majority","kind":"scale","allowed":"none"}']);
    expect(problems(withChange((s) => (s.polls[1].maxChoices = 6)))).toEqual(['polls[1].maxChoices|max-choices-range|{"max":5}']);
    expect(problems(withChange((s) => (s.polls[0].maxChoices = 1)))).toEqual(['polls[0].maxChoices|not-for-kind|{"field":"maxChoices","kind":"single"}']);
    expect(problems(withChange((s) => (s.polls[2].labels = undefined)))).toEqual(["polls[2].labels|labels-required|{}"]);
    expect(problems(withChange((s) => (s.polls[1].options[3] = { en: "NIGHT-TIME   noise" })))).toEqual(['polls[1].options[3].en|duplicate-option|{"first":"polls[1].options[0]"}']);
    expect(problems(withChange((s) => (s.statements[2] = { zh: "夜间商户噪音 影响了楼上住户的休息 " })))).toEqual(['statements[2]|duplicate-statement|{"first":"statements[0]"}']);
    expect(problems(withChange((s) => (s.statements[2] = { en: "Should e-bikes be charged outside?" })))).toEqual(["statements[2].en|statement-question|{}"]);
    expect(problems(withChange((s) => (s.polls[4].ownerTotals = { owners: 10, areaM2: 5 })))).toEqual(['polls[4].ownerTotals|owner-totals-not-applicable|{"rule":"majority"}']);
    const totals = validateSpec(withChange((s) => (s.polls[0].ownerTotals = { owners: 180, areaM2: 9850.25 })), ctx);
    expect(totals.ok && totals.value.polls[0]!.ownerTotals).toEqual({ owners: 180, areaCenti: 985025 });
    expect(problems(withChange((s) => (s.polls[0].ownerTotals = { owners: 180, areaM2: 9850.255 })))).toEqual(["polls[0].ownerTotals.areaM2|area-too-precise|{}"]);
  });

  it("reads files: a byte-order mark is fine, broken JSON and non-UTF-8 are named", () => {
    const bom = new TextEncoder().encode("\uFEFF" + JSON.stringify(EXAMPLE));
    expect(parseSpecFile(bom, ctx).ok).toBe(true);
    const broken = parseSpecFile(new TextEncoder().encode('{"title": '), ctx);
    expect(!broken.ok && broken.error[0]!.code).toBe("not-json");
    const gbk = parseSpecFile(new Uint8Array([0x7b, 0xc8, 0xfd, 0x7d]), ctx);
    expect(!gbk.ok && gbk.error[0]).toMatchObject({ code: "not-json", params: { detail: "not UTF-8 text" } });
  });

  it("the example printed in docs/spec-example.md is a valid spec, the same as examples/consultation.json but for the shortened descriptions", () => {
    const doc = readFileSync(new URL("../../../docs/spec-example.md", import.meta.url), "utf8");
    const printed = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
    expect(validateSpec(printed, ctx).ok).toBe(true);
    expect({ ...printed, description: null }).toEqual({ ...EXAMPLE, description: null });
  });

  it("a draft written back as a spec validates to the same draft", () => {
    const r = validateSpec(EXAMPLE, ctx);
    if (!r.ok) throw new Error("example invalid");
    const again = validateSpec(draftToSpec(r.value), ctx);
    expect(again.ok && again.value).toEqual(r.value);
  });
});
