import nock from "nock";
import { describe, expect, it } from "vitest";
import { UNITS_ROSTER as ROSTER, serveFile, useHarness } from "../support/park.js";
import { asAdmin } from "../support/actors.js";


const h = useHarness({ adminIds: [900n], nock: true, roster: false });

describe("roles", () => {
  it("an admin grants and revokes a role; menus and the person follow", async () => {
    const admin = h.person({ id: 900, language_code: "en" });
    await admin.send("/grant 501 committee");
    expect(admin.last().text).toBe("Granted: 501 now has the role “committee member”.");
    expect(await h.db.roleGrant.findMany({ where: { userId: 501n } })).toMatchObject([{ role: "committee", grantedBy: 900n }]);
    const menus = h.tg.callsOf("setMyCommands").filter((c) => c.payload.scope?.chat_id === 501);
    expect(menus.map((m) => m.payload.language_code)).toEqual([undefined, "zh", "en"]);
    expect(menus[1]!.payload.commands.map((c: { command: string }) => c.command)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups", "pending", "codes", "new", "consultations", "close", "publish", "announce", "cancel", "moderate", "themes", "submit", "actions"]);
    expect(h.tg.last(501).text).toBe("You now have the role “committee member”. Send /help to see your commands.");

    await admin.send("/grant 501 committee");
    expect(admin.last().text).toBe("501 already has the role “committee member”; nothing changed.");

    await admin.send("/revoke 501 committee");
    expect(admin.last().text).toBe("Revoked: 501 no longer has the role “committee member”.");
    expect(h.tg.last(501).text).toBe("You no longer have the role “committee member”.");
    await admin.send("/revoke 501 committee");
    expect(admin.last().text).toBe("501 does not have the role “committee member”; nothing changed.");
    expect(await h.db.roleGrant.count()).toBe(0);
    expect(h.tg.callsOf("deleteMyCommands").some((c) => c.payload.scope?.chat_id === 501)).toBe(true);
  });

  it("explains bad arguments and changes nothing", async () => {
    const admin = h.person({ id: 900, language_code: "zh" });
    await admin.send("/grant");
    expect(admin.last().plain).toContain("用法：/grant <Telegram 编号> <角色>");
    await admin.send("/grant abc committee");
    expect(admin.last().text).toContain("“abc”不是 Telegram 用户编号");
    await admin.send("/grant 5 mayor");
    expect(admin.last().text).toContain("“mayor”不是有效角色");
    await admin.send("/revoke 900 admin");
    expect(admin.last().text).toContain("ADMIN_IDS");
    expect(await h.db.roleGrant.count()).toBe(0);
  });

  it("refuses staff commands to people without the role, in their language", async () => {
    const resident = h.person({ id: 777, language_code: "zh" });
    await resident.send("/grant 777 admin");
    expect(resident.last().text).toBe("只有管理员可以使用 /grant。没有做任何更改。发送 /help 查看您的指令。");
    await resident.send("/pending");
    expect(resident.last().text).toContain("只有自治委员会成员可以使用 /pending");
    const en = h.person({ id: 778, language_code: "en" });
    await en.send("/codes");
    expect(en.last().text).toBe("Only committee members may use /codes. Nothing was changed. Send /help to see your commands.");
    expect(await h.db.roleGrant.count()).toBe(0);
  });

  it("refuses a verify button pressed by someone who is not on the committee", async () => {
    const resident = h.person({ id: 779, language_code: "en" });
    await resident.pressData("reg:verify:12345:0");
    expect(resident.lastToast()).toContain("Only committee members");
  });
});

describe("roster by file", () => {
  it("imports a CSV a committee member sends, then sends the codes as a CSV", async () => {
    await h.services.roles.grant(600n, "committee", asAdmin(900n));
    const c = h.person({ id: 600, language_code: "en" });
    serveFile("f1", ROSTER);
    await c.document("units.csv", "f1");
    expect(c.last().text).toBe("Roster imported: 3 new unit(s), 0 updated, 3 in total. Send /codes for the invite codes.");

    serveFile("f2", "\uFEFFbuilding,unit,area_m2\r\nA,101,130\r\nA,102,\r\n");
    await c.document("more.csv", "f2");
    expect(c.last().text).toBe("Roster imported: 1 new unit(s), 1 updated, 4 in total. Send /codes for the invite codes.");
    expect((await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "A", number: "101" } } })).areaCenti).toBe(13000);

    await c.send("/codes");
    const doc = c.last().document!;
    expect(doc.filename).toBe("invite-codes.csv");
    expect(doc.caption).toContain("Invite codes for 4 unit(s)");
    const lines = doc.content.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("building,unit,area_m2,invite_code,used");
    const units = await h.db.unit.findMany();
    for (const u of units) expect(lines.some((l) => l.startsWith(`${u.building},${u.number},`) && l.includes(`,${u.inviteCode},no`))).toBe(true);
  });

  it("rejects a bad file whole, listing lines and reasons, in Chinese", async () => {
    await h.services.roles.grant(600n, "committee", asAdmin(900n));
    const c = h.person({ id: 600, language_code: "zh" });
    serveFile("bad", "building,unit,area_m2\nA,1,abc\nA,1,\n");
    await c.document("units.csv", "bad");
    expect(c.last().text).toBe(
      "名册文件未导入，没有做任何更改。请修正以下问题后重新发送：\n• 第 2 行：面积“abc”不是 1 到 10000 平方米之间的数字\n• 第 3 行：与第 2 行是同一个单元",
    );
    serveFile("gbk", Buffer.from([0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x67, 0x2c, 0x75, 0x6e, 0x69, 0x74, 0x0a, 0xc8, 0xfd, 0xba, 0xc5, 0x2c, 0x31, 0x0a]));
    await c.document("units.csv", "gbk");
    expect(c.last().text).toContain("文件不是 UTF-8 文本");
    serveFile("cols", "bldg,room\nA,1\n");
    await c.document("units.csv", "cols");
    expect(c.last().text).toContain("缺少列 building, unit");
    serveFile("empty", "");
    await c.document("units.csv", "empty");
    expect(c.last().text).toContain("文件中没有单元");
    expect(await h.db.unit.count()).toBe(0);
  });

  it("refuses files from people who are not on the committee", async () => {
    const r = h.person({ id: 601, language_code: "en" });
    await r.document("units.csv", "nope");
    expect(r.last().text).toBe("Only committee members can send files to me. Nothing was changed.");
    expect(await h.db.unit.count()).toBe(0);
  });
});
