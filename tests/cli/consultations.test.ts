import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { cliRunner } from "../support/cli.js";
import { PARK_ROSTER, specWith } from "../support/park.js";

const t = useTestDatabase();
const cli = cliRunner(() => t.url, { env: { TIME_ZONE: "Asia/Shanghai" } });
const dir = cli.dir;
beforeEach(async () => {
  writeFileSync(join(dir, "units.csv"), PARK_ROSTER);
  expect((await cli(["roster", "import", "units.csv"])).code).toBe(0);
});


/** The example, closing a month from the real now (the CLI reads the system clock). */
const closesAt = new Date(Date.now() + 30 * 86_400_000);
const parkTime = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d).replace(",", "");
function writeSpec(name: string, change: (spec: any) => void = () => {}) {
  writeFileSync(join(dir, name), specWith((s) => {
    s.closesAt = closesAt.toISOString();
    change(s);
  }));
}

describe("frontstage consultation", () => {
  it("creates from a spec file, lists, closes and prints the result", async () => {
    writeSpec("spec.json");
    const created = await cli(["consultation", "create", "spec.json"]);
    expect(created).toMatchObject({ code: 0, err: "" });
    expect(created.out).toBe(`Consultation #1 created and open until ${parkTime(closesAt)}: Quasi-residential units of Chuangzhi Business Park: living safety and management (5 question(s), 3 seed statement(s)). Residents of the audience are told through the bot.`);
    expect(await t.db.prisma.consultation.count({ where: { status: "open" } })).toBe(1);

    const list = await cli(["consultation", "list"], "zh_CN.UTF-8");
    expect(list.out).toContain(`#1  🟢 进行中  ${parkTime(closesAt)} 截止  创智产业园类住宅单元：居住安全与管理征询`);
    expect(list.out).toContain("  1. 是否同意筹集专项维修资金，为 1–3 号楼公共部分加装自动喷淋灭火系统？ — 0/8 已投票（0%）");

    const closed = await cli(["consultation", "close", "1"]);
    expect(closed.code).toBe(0);
    expect(closed.out).toContain("📊 Result of consultation #1");
    expect(closed.out).toContain("Outcome: no votes were cast.");
    expect(closed.out).not.toContain("<b>");
    expect((await cli(["consultation", "result", "1"])).out).toContain("Question 4/5: When should household refuse be collected? Rank the options.");

    const again = await cli(["consultation", "close", "1"]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^Consultation #1 is already closed \(since .+\)\. Nothing was changed\.$/);
    expect(await cli(["consultation", "close", "7"])).toMatchObject({ code: 2, err: "There is no consultation #7." });
    expect(await cli(["consultation", "close"])).toMatchObject({ code: 2, err: "frontstage consultation close <number>" });
  });

  it("rejects a bad spec whole, naming each problem's JSON path, in the terminal's language", async () => {
    writeSpec("bad.json", (s) => {
      s.colour = "red";
      s.title = { fr: "Titre" };
      s.polls[1].options.push(...["a", "b", "c", "d", "e", "f"].map((x) => ({ en: x })));
      s.polls[2].options = [{ en: "x" }];
      s.polls[4].options = [];
    });
    const r = await cli(["consultation", "create", "bad.json"], "zh_CN.UTF-8");
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toEqual([
      "bad.json 未导入，没有做任何更改。请修正以下问题后重新运行：",
      "• title：未知字段：fr",
      "• title：至少用一种语言填写：\"zh\" 或 \"en\"",
      "• 未知字段：colour",
    ]);
    writeSpec("bad2.json", (s) => {
      s.polls[1].options.push(...["a", "b", "c", "d", "e", "f"].map((x) => ({ en: x })));
      s.polls[2].options = [{ en: "x" }];
      s.polls[4].options = [];
    });
    const r2 = await cli(["consultation", "create", "bad2.json"]);
    expect(r2.err.split("\n")).toEqual([
      "bad2.json was not imported; nothing was changed. Fix these problems and run the command again:",
      "• polls[1].options: 11 options; at most 10 are allowed",
      "• polls[2].options: \"options\" does not apply to a scale question",
      "• polls[4].options: 0 option(s); at least 2 are needed",
    ]);
    expect(await t.db.prisma.consultation.count()).toBe(0);
    expect(await cli(["consultation", "create", "missing.json"])).toMatchObject({ code: 2, err: "Cannot read the file missing.json." });
  });
});
