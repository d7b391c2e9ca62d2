import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { useHarness } from "../support/park.js";
import { cliRunner } from "../support/cli.js";
import { buildReportPark, COMMITTEE_ID, type ReportPark } from "../support/reportPark.js";

const h = useHarness({ roster: false });
let park: ReportPark;
beforeEach(async () => {
  park = await buildReportPark(h, { residents: 15 });
});

const cli = cliRunner(() => h.database.url, { env: { TIME_ZONE: "Asia/Shanghai", ADMIN_IDS: "" } });
const dir = cli.dir;

describe("frontstage report", () => {
  it("submits as a committee member and writes every format from the snapshot", async () => {
    expect((await cli(["report", "submit", "1"])).err).toContain("Who submits?");
    const submitted = await cli(["report", "submit", "1", "--by", String(COMMITTEE_ID)]);
    expect(submitted).toMatchObject({ code: 0, err: "" });
    expect(submitted.out).toContain("Report #1 version 1 (final) is frozen and handed over; 2 official(s) will be told.");
    const row = await h.db.reportSnapshot.findFirstOrThrow();
    expect(submitted.out).toContain(row.sha256);

    const json = await cli(["report", "1", "--format", "json", "--out", "r.json"]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    expect(parsed.snapshot).toMatchObject({ consultation: 1, version: 1, kind: "final", sha256: row.sha256, engineVersion: "frontstage-polis-method/2", engineParameters: { seed: 24301, maxGroups: 5, minVotesToCluster: 7, smallestDescribedGroup: 5 } });
    expect(JSON.stringify(parsed.content)).toBe(row.content);

    expect((await cli(["report", "1", "--version", "1", "--format", "md", "--out", "r.md"], "zh_CN.UTF-8")).code).toBe(0);
    const md = readFileSync(join(dir, "r.md"), "utf8");
    expect(md).toContain("## 参与情况");
    expect(md).toContain("## 审核");
    expect(md).toContain(`SHA-256 ${row.sha256}`);
    expect(md).not.toMatch(/<\/?b>/);

    expect((await cli(["report", "1", "--format", "csv", "--out", "r.zip"])).code).toBe(0);
    const files = unzipSync(readFileSync(join(dir, "r.zip")));
    expect(Object.keys(files)).toEqual(["1-Summary.csv", "2-Participation.csv", "3-Polls.csv", "4-Statements.csv", "5-Groups.csv"]);
    expect([...files["2-Participation.csv"]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(files["2-Participation.csv"]!)).toContain("By building,1号楼");

    expect((await cli(["report", "1", "--format", "xlsx", "--out", "r.xlsx"])).code).toBe(0);
    expect(readFileSync(join(dir, "r.xlsx")).subarray(0, 2).toString()).toBe("PK");
    const all = [readFileSync(join(dir, "r.json"), "utf8"), md, ...Object.values(files).map((f) => strFromU8(f))].join("\n");
    for (const id of park.identifiers) expect(all.includes(id), id).toBe(false);
  });

  it("refuses bad input with the reason and exit code 2, writing nothing", async () => {
    expect((await cli(["report", "1", "--format", "json", "--out", "x.json"])).err).toContain("Consultation #1 has no submitted report.");
    await cli(["report", "submit", "1", "--by", String(COMMITTEE_ID)]);
    const cases: [string[], string][] = [
      [["report", "1", "--format", "doc", "--out", "x"], "Unknown format doc."],
      [["report", "1", "--version", "7", "--format", "json", "--out", "x"], "Report #1 has no version 7. Versions: 1."],
      [["report", "abc", "--format", "json", "--out", "x"], "frontstage report <number>"],
      [["report", "1", "--format", "json"], "frontstage report <number>"],
      [["report", "submit", "1", "--by", String(park.residents[0]!.id)], "Only committee members may use /submit"],
      [["report", "submit", "99", "--by", String(COMMITTEE_ID)], "#99"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toContain(message);
    }
    expect(await h.db.reportSnapshot.count()).toBe(1);
  });
});
