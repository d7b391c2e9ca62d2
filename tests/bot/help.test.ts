import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/domain/commands.js";
import { seedResident, useHarness } from "../support/park.js";
import { parseHtml } from "../support/telegramRules.js";
import { OPERATOR, asAdmin } from "../support/actors.js";

// /help goes out through the fake that refuses what Telegram refuses, for every
// kind of person, in both languages: it must arrive, list exactly their
// commands, and be headed by exactly their roles.
const h = useHarness({ adminIds: [900n] });

const ROLE_NAMES = {
  zh: { resident: "居民", committee: "自治委员会成员", official: "政府工作人员", admin: "管理员" },
  en: { resident: "resident", committee: "committee member", official: "official", admin: "admin" },
} as const;
type Role = keyof (typeof ROLE_NAMES)["en"];

const cases: { who: string; resident: boolean; staff: ("committee" | "official" | "admin")[]; config?: boolean }[] = [
  { who: "a resident", resident: true, staff: [] },
  { who: "a resident who is a committee member", resident: true, staff: ["committee"] },
  { who: "a committee member who is not a resident", resident: false, staff: ["committee"] },
  { who: "an official who is not a resident", resident: false, staff: ["official"] },
  { who: "an admin from ADMIN_IDS who is not a resident", resident: false, staff: ["admin"], config: true },
  { who: "a granted admin who is a resident", resident: true, staff: ["admin"] },
];

describe("/help for every role, in both languages, as Telegram accepts it", () => {
  for (const lang of ["zh", "en"] as const) {
    for (const c of cases) {
      it(`${c.who} (${lang})`, async () => {
        const id = c.config ? 900 : 7000 + cases.indexOf(c);
        const person = c.resident ? await seedResident(h, { id, lang, building: "1号楼", unit: "101" }) : h.person({ id, language_code: lang });
        for (const role of c.staff) if (!c.config) await h.services.roles.grant(BigInt(id), role, asAdmin(900n));
        await person.send("/help");

        expect(h.tg.refused).toEqual([]);
        const seen = parseHtml(person.last().text);
        if (!seen.ok) throw new Error(seen.error);
        const roles: Role[] = [...(c.resident ? (["resident"] as const) : []), ...c.staff];
        const sep = lang === "zh" ? "、" : ", ";
        const heading = seen.text.split("\n")[0]!;
        expect(heading).toBe(lang === "zh" ? `您可以使用的指令（${roles.map((r) => ROLE_NAMES.zh[r]).join(sep)}）` : `What you can do (${roles.map((r) => ROLE_NAMES.en[r]).join(sep)})`);
        const listed = [...seen.text.matchAll(/^\/(\w+) — /gm)].map((m) => m[1]);
        const staff = new Set<string>(c.staff.includes("admin") ? ["committee", "official", "admin"] : c.staff);
        expect(listed).toEqual(COMMANDS.filter((cmd) => cmd.audience === "everyone" || (typeof cmd.audience === "string" ? staff.has(cmd.audience) : cmd.audience.some((r) => staff.has(r)))).map((cmd) => cmd.name));
        if (staff.has("committee")) expect(seen.text).toContain(lang === "zh" ? "/close <编号>" : "/close <number>");
        if (c.staff.includes("admin")) expect(seen.text).toContain(lang === "zh" ? "/grant <Telegram 编号> <角色>" : "/grant <telegram id> <role>");
      });
    }
  }

  it("in a group too, a resident is called a resident", async () => {
    const p = await seedResident(h, { id: 7101, lang: "en", building: "1号楼", unit: "102" });
    await p.sendInGroup("/help");
    const seen = parseHtml(h.tg.last(-100123).text);
    if (!seen.ok) throw new Error(seen.error);
    expect(seen.text.split("\n")[0]).toBe("What you can do (resident)");
  });

  it("someone not registered and without a role is not called a resident", async () => {
    const stranger = h.person({ id: 7100, language_code: "en" });
    await stranger.send("/help");
    const seen = parseHtml(stranger.last().text);
    if (!seen.ok) throw new Error(seen.error);
    expect(seen.text.split("\n")[0]).toBe("What you can do (not registered yet: send /start)");
  });
});
