import { describe, expect, it } from "vitest";
import { languageFromTelegram } from "../../../src/domain/language.js";
import { areaText, formatArea, parseArea } from "../../../src/domain/residents/area.js";
import { generateInviteCode, INVITE_ALPHABET, normalizeInviteCode } from "../../../src/domain/residents/inviteCode.js";
import { COMMANDS, commandsFor } from "../../../src/domain/commands.js";
import { parseRoleCommand, Roles } from "../../../src/domain/roles.js";
import { foldFullWidth, escapeHtml } from "../../../src/domain/text/normalize.js";

describe("language", () => {
  it.each([
    ["zh", "zh"], ["zh-hans", "zh"], ["zh-hant", "zh"], ["ZH-CN", "zh"], ["zh_TW", "zh"],
    ["en", "en"], ["en-us", "en"], ["ru", "en"], [undefined, "en"], ["", "en"], ["zhx", "en"],
  ])("%s → %s", (code, lang) => expect(languageFromTelegram(code)).toBe(lang));
});

describe("floor area", () => {
  it.each([
    ["85", 8500], ["85.5", 8550], ["85,50", 8550], ["85.5 m²", 8550], ["85.5㎡", 8550], ["８５．５平方米", 8550], ["1", 100], ["10000", 1_000_000], ["120.00", 12000],
  ])("reads %s", (text, centi) => expect(parseArea(text)).toEqual({ ok: true, centi }));
  it.each([
    ["abc", "not-a-number"], ["", "not-a-number"], ["-5", "not-a-number"], ["1e3", "not-a-number"],
    ["0.99", "out-of-range"], ["10000.01", "out-of-range"], ["0", "out-of-range"], ["85.555", "too-precise"],
  ])("refuses %s (%s)", (text, reason) => expect(parseArea(text)).toEqual({ ok: false, reason }));
  it("formats without trailing zeros", () => {
    expect([8550, 8500, 8525, 100].map(formatArea)).toEqual(["85.5", "85", "85.25", "1"]);
  });
  it("groups thousands in totals", () => {
    expect([101_555, 150_000, 99_999, 123_456_789, 0].map(areaText)).toEqual(["1,015.55", "1,500", "999.99", "1,234,567.89", "0"]);
  });
});

describe("invite codes", () => {
  it("uses an alphabet without look-alikes", () => {
    for (const ch of "0O1IL5S2Z8B") expect(INVITE_ALPHABET).not.toContain(ch);
  });
  it("generates 8 characters from the alphabet", () => {
    let i = 0;
    const code = generateInviteCode((n) => i++ % n);
    expect(code).toHaveLength(8);
    expect([...code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true);
  });
  it("normalizes what people type", () => {
    expect(normalizeInviteCode(" acde fghj ")).toBe("ACDEFGHJ");
    expect(normalizeInviteCode("ACDE-FGHJ")).toBe("ACDEFGHJ");
    expect(normalizeInviteCode("ＡＣＤＥＦＧＨＪ")).toBe("ACDEFGHJ");
    expect(normalizeInviteCode("ACDEFGH")).toBeNull();
    expect(normalizeInviteCode("ACDEFGH0")).toBeNull();
  });
});

describe("roles and commands", () => {
  it("admins may do what staff may do", () => {
    const admin = new Roles([], true);
    expect(admin.has("committee")).toBe(true);
    expect(admin.has("official")).toBe(true);
    expect(admin.list()).toEqual(["admin"]);
    const committee = new Roles(["committee"]);
    expect(committee.has("admin")).toBe(false);
    expect(new Roles([]).isStaff).toBe(false);
  });
  it("lists exactly each role's commands", () => {
    expect(commandsFor(new Roles([])).map((c) => c.name)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups"]);
    expect(commandsFor(new Roles(["committee"])).map((c) => c.name)).toEqual(["start", "help", "me", "lang", "forget", "vote", "mute", "unmute", "opinion", "rate", "mystance", "followups", "pending", "codes", "new", "consultations", "close", "publish", "announce", "cancel", "moderate", "themes", "submit", "actions"]);
    expect(commandsFor(new Roles(["admin"])).map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
  });
  it("command names follow Telegram's rule", () => {
    for (const c of COMMANDS) expect(c.name).toMatch(/^[a-z0-9_]{1,32}$/);
  });
  it("parses role command arguments", () => {
    expect(parseRoleCommand(["42", "Committee"])).toEqual({ ok: true, userId: 42n, role: "committee" });
    expect(parseRoleCommand(["42"])).toEqual({ ok: false, problem: "usage" });
    expect(parseRoleCommand(["x", "admin"])).toEqual({ ok: false, problem: "bad-id", value: "x" });
    expect(parseRoleCommand(["-3", "admin"])).toEqual({ ok: false, problem: "bad-id", value: "-3" });
    expect(parseRoleCommand(["42", "resident"])).toEqual({ ok: false, problem: "bad-role", value: "resident" });
  });
});

describe("text", () => {
  it("folds full-width characters and escapes HTML", () => {
    expect(foldFullWidth("Ａ座　１２０１")).toBe("A座 1201");
    expect(escapeHtml("<b>&</b>")).toBe("&lt;b&gt;&amp;&lt;/b&gt;");
  });
});
