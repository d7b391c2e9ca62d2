import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { useTestDatabase } from "../support/database.js";
import { cliRunner } from "../support/cli.js";

const t = useTestDatabase();

const cli = cliRunner(() => t.url);
const dir = cli.dir;

describe("frontstage CLI", () => {
  it("prints help, and help for each command", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const usage of ["frontstage migrate", "frontstage roster import <units.csv>", "frontstage roster codes --out <codes.csv>", "frontstage role grant", "frontstage role revoke"])
      expect(help.out).toContain(usage);
    const sub = await cli(["roster", "import", "--help"], "zh_CN.UTF-8");
    expect(sub.code).toBe(0);
    expect(sub.out).toContain("只要有一行有误，整个文件都不导入");
  });

  it("migrates (nothing pending after the test database was set up)", async () => {
    const r = await cli(["migrate"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/is up to date/);
  });

  it("imports a roster and writes the codes", async () => {
    writeFileSync(join(dir, "units.csv"), "\uFEFFbuilding,unit,area_m2\r\n3号楼,1201,85.5\r\n3号楼,1202,\r\n");
    expect(await cli(["roster", "import", "units.csv"])).toMatchObject({ code: 0, out: "Roster imported: 2 new unit(s), 0 updated, 2 in total." });
    expect(await cli(["roster", "codes", "--out", "codes.csv"])).toMatchObject({ code: 0, out: "Wrote the invite codes of 2 unit(s) to codes.csv." });
    const csv = readFileSync(join(dir, "codes.csv"), "utf8");
    expect(csv.startsWith("\uFEFFbuilding,unit,area_m2,invite_code,used\r\n3号楼,1201,85.5,")).toBe(true);
    const units = await t.db.prisma.unit.findMany();
    for (const u of units) expect(csv).toContain(u.inviteCode);
  });

  it("rejects a bad roster whole, with line numbers, exit 2", async () => {
    writeFileSync(join(dir, "bad.csv"), "building,unit,area_m2\nA,1,x\n");
    const r = await cli(["roster", "import", "bad.csv"], "zh_CN.UTF-8");
    expect(r.code).toBe(2);
    expect(r.err).toBe("bad.csv 未导入，没有做任何更改。请修正以下问题后重新运行：\n• 第 2 行：面积“x”不是 1 到 10000 平方米之间的数字");
    expect(await t.db.prisma.unit.count()).toBe(0);
    expect(await cli(["roster", "import", "missing.csv"])).toMatchObject({ code: 2, err: "Cannot read the file missing.csv." });
  });

  it("grants and revokes roles", async () => {
    expect(await cli(["role", "grant", "42", "official"])).toMatchObject({ code: 0 });
    expect((await t.db.prisma.roleGrant.findMany()).map((g) => [g.userId, g.role])).toEqual([[42n, "official"]]);
    const again = await cli(["role", "grant", "42", "official"]);
    expect(again.out).toContain("already has the role");
    expect(await cli(["role", "revoke", "42", "official"])).toMatchObject({ code: 0 });
    expect(await t.db.prisma.roleGrant.count()).toBe(0);
  });

  it("explains usage errors and exits 2", async () => {
    expect(await cli(["role", "grant", "abc", "official"])).toMatchObject({ code: 2 });
    expect((await cli(["role", "grant", "1", "king"])).err).toContain("“king” is not a role");
    expect((await cli(["roster", "codes"])).err).toBe("frontstage roster codes --out <codes.csv>");
    expect((await cli(["roster", "import", "a.csv", "--force"])).code).toBe(2);
    const unknown = await cli(["fly"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown command: frontstage fly");
    const noArgs = await cli([]);
    expect(noArgs.code).toBe(2);
  });

  it("reports a bad DATABASE_URL as a configuration problem", async () => {
    const out: string[] = [];
    const code = await main(["migrate"], { out: () => {}, err: (s) => void out.push(s), env: { DATABASE_URL: "mysql://x" }, cwd: dir });
    expect(code).toBe(2);
    expect(out.join("")).toMatch(/^DATABASE_URL: expected file:<path>/);
  });
});
