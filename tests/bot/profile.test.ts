import { describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { UNITS_ROSTER as ROSTER, useHarness } from "../support/park.js";
import { asAdmin } from "../support/actors.js";


const h = useHarness({ adminIds: [900n], roster: ROSTER });

async function registered(id: number, lang: "zh" | "en"): Promise<Person> {
  const p = h.person({ id, language_code: lang });
  const code = (await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "3号楼", number: "1201" } } })).inviteCode;
  await p.send(`/start ${code}`);
  await p.press(/I agree|我同意/);
  await p.press(lang === "zh" ? "中文" : "English");
  await p.press(lang === "zh" ? "业主" : "Owner");
  await p.send("85.5");
  return p;
}

describe("/me", () => {
  it("shows everything stored, in English", async () => {
    const p = await registered(4001, "en");
    await p.send("/me");
    const text = p.last().text;
    for (const line of [
      "Telegram id: <code>4001</code>",
      "Language: English",
      "Consent given: 2026-11-27 10:00",
      "Registration: verified",
      "Building and unit: 3号楼, 1201",
      "Relation to the unit: Owner",
      "Floor area: 85.5 m²",
      "Verified: 2026-11-27 10:00 (invite code)",
      "Reminders: on",
      "Send /forget to delete all of this.",
    ])
      expect(text).toContain(line);
  });
  it("says nothing is held about a stranger", async () => {
    const p = h.person({ id: 4002, language_code: "zh" });
    await p.send("/me");
    expect(p.last().text).toBe("我们没有保存任何关于您的信息。发送 /start 开始登记。");
  });
});

describe("/lang", () => {
  it("switches language at any time", async () => {
    const p = await registered(4003, "zh");
    await p.send("/lang");
    expect(p.buttons()).toEqual(["中文", "English"]);
    await p.press("English");
    expect(p.last().text).toBe("I will speak English with you from now on.");
    await p.send("/help");
    expect(p.last().text).toContain("<b>What you can do</b>");
    expect((await p.stored())?.language).toBe("en");
  });
});

describe("/forget", () => {
  it("deletes every personal detail after confirmation and frees the invite code", async () => {
    const p = await registered(4004, "en");
    await h.services.roles.grant(4004n, "official", asAdmin(900n));
    await p.send("/forget");
    expect(p.last().text).toContain("This deletes everything we hold about you");
    expect(p.buttons()).toEqual(["🗑 Delete my data", "Keep my data"]);
    await p.press("🗑 Delete my data");
    expect(p.last().text).toBe("Your personal data has been deleted. Send /start if you ever want to register again.");
    expect(await h.db.user.count({ where: { id: 4004n } })).toBe(0);
    expect(await h.db.roleGrant.count({ where: { userId: 4004n } })).toBe(0);
    expect(await h.db.unit.count({ where: { codeClaimedById: 4004n } })).toBe(0);
    // Nothing left anywhere that names the person.
    for (const table of ["User", "RoleGrant", "Unit"]) {
      const rows = (await h.db.$queryRawUnsafe(`SELECT * FROM "${table}"`)) as Record<string, unknown>[];
      for (const row of rows) for (const v of Object.values(row)) expect(String(v)).not.toBe("4004");
    }
    await p.send("/me");
    expect(p.last().text).toContain("We hold nothing about you");
  });
  it("keeps everything when the person changes their mind", async () => {
    const p = await registered(4005, "zh");
    await p.send("/forget");
    await p.press("保留我的信息");
    expect(p.last().text).toBe("没有删除任何内容。");
    expect(await p.stored()).not.toBeNull();
  });
});

describe("/help", () => {
  const commandsIn = (text: string) => [...text.matchAll(/^\/(\w+) —/gm)].map((m) => m[1]);
  it("lists exactly the commands of the user's role", async () => {
    const resident = await registered(4006, "en");
    await resident.send("/help");
    expect(commandsIn(resident.last().text)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups"]);

    await h.services.roles.grant(4007n, "committee", asAdmin(900n));
    const committee = h.person({ id: 4007, language_code: "zh" });
    await committee.send("/help");
    expect(commandsIn(committee.last().text)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups", "pending", "codes", "new", "consultations", "close", "publish", "announce", "cancel", "moderate", "themes", "submit", "actions"]);
    expect(committee.last().text).toContain("自治委员会成员");

    const admin = h.person({ id: 900, language_code: "en" });
    await admin.send("/help");
    expect(commandsIn(admin.last().text)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups", "pending", "codes", "new", "consultations", "close", "publish", "announce", "cancel", "moderate", "themes", "submit", "reports", "report", "chart", "export", "dashboard", "respond", "departments", "assign", "actions", "grant", "revoke", "audit"]);

    await h.services.roles.grant(4008n, "official", asAdmin(900n));
    const official = h.person({ id: 4008, language_code: "en" });
    await official.send("/help");
    expect(commandsIn(official.last().text)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups", "reports", "report", "chart", "export", "dashboard", "respond", "departments", "assign", "actions"]);
    expect(official.last().text).toContain("/report — Read a report: /report number [version]");
  });
});
