// Departments, kept by admins at the command line, listed in the bot in the reader's language; every change audited.
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/park.js";
import { cliRunner } from "../support/cli.js";
import { asAdmin } from "../support/actors.js";

const h = useHarness({ adminIds: [900n], roster: false });

const cli = cliRunner(() => h.database.url, { env: { TIME_ZONE: "Asia/Shanghai", ADMIN_IDS: "900" } });

describe("departments", () => {
  it("add, rename, remove at the command line; bad input changes nothing; /departments lists them for staff only", async () => {
    expect((await cli(["department", "list"])).out).toContain("No departments yet");
    expect(await cli(["department", "add", "--zh", "住建", "--en", "Housing and Construction"])).toMatchObject({ code: 0, out: "Department #1 added: 住建 / Housing and Construction." });
    expect((await cli(["department", "add", "--zh", "消防救援", "--en", "Fire and Rescue"])).code).toBe(0);
    // Bad input: a missing name, an over-long one, an unknown number, no number.
    expect(await cli(["department", "add", "--zh", "城管"])).toMatchObject({ code: 2, err: "The English name is missing. Nothing was changed." });
    expect((await cli(["department", "add", "--zh", "城".repeat(41), "--en", "x"])).err).toContain("at most 40 characters");
    expect((await cli(["department", "rename", "9", "--zh", "a", "--en", "b"])).err).toBe("There is no department #9. Nothing was changed.");
    expect((await cli(["department", "remove"])).code).toBe(2);
    expect(await h.db.department.count()).toBe(2);

    expect((await cli(["department", "rename", "2", "--zh", "消防", "--en", "Fire Brigade"])).out).toBe("Department #2 is now 消防 / Fire Brigade.");
    expect((await cli(["department", "remove", "1"])).out).toContain("Department #1 (住建 / Housing and Construction) removed");
    expect((await cli(["department", "remove", "1"])).err).toBe("There is no department #1. Nothing was changed.");
    expect((await cli(["department", "list"])).out).toBe("#2 消防 / Fire Brigade");
    expect((await h.db.auditEntry.findMany({ orderBy: { id: "asc" } })).map((r) => `${r.action} ${r.target} ${r.role}`)).toEqual([
      "department.add department:1 operator",
      "department.add department:2 operator",
      "department.rename department:2 operator",
      "department.remove department:1 operator",
    ]);

    await h.services.roles.grant(4100n, "official", asAdmin(900n));
    const official = h.person({ id: 4100, language_code: "zh-hans" });
    await official.send("/departments");
    expect(official.last().plain).toContain("#2 消防（Fire Brigade）");
    expect(official.last().plain).not.toContain("住建");
    const admin = h.person({ id: 900, language_code: "en" });
    await admin.send("/departments");
    expect(admin.last().plain).toContain("#2 Fire Brigade (消防)");
    expect(admin.last().plain).toContain("frontstage department add|rename|remove");
    const stranger = h.person({ id: 4101, language_code: "en" });
    await stranger.send("/departments");
    expect(stranger.last().plain).toContain("Only officials may use /departments");
  });
});
