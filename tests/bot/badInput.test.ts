import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { UNITS_ROSTER as ROSTER, useHarness } from "../support/park.js";
import { updates } from "../support/telegram.js";
import { OPERATOR, asAdmin } from "../support/actors.js";


const errors: unknown[] = [];
const h = useHarness({
  adminIds: [900n],
  logger: { debug() {}, info() {}, warn() {}, error: (_m, f) => void errors.push(f) },
  roster: ROSTER,
});
beforeEach(() => {
  errors.length = 0;
});

/** Everything stored, to show that bad input changed nothing. */
const snapshot = async () => ({
  users: await h.db.user.findMany({ orderBy: { id: "asc" } }),
  units: await h.db.unit.findMany({ orderBy: { id: "asc" } }),
  roles: await h.db.roleGrant.findMany(),
});

async function atUnitStep(id: number, lang: "zh" | "en") {
  const p = h.person({ id, language_code: lang });
  await p.send("/start");
  await p.press(/I agree|我同意/);
  await p.press(lang === "zh" ? "中文" : "English");
  return p;
}

describe("where text is expected", () => {
  it("a photo or a sticker gets a clear answer and the question again", async () => {
    const p = await atUnitStep(5001, "en");
    const before = await snapshot();
    await p.photo();
    expect(p.last().text).toContain("I need text here, not a photo, sticker or file.");
    expect(p.last().text).toContain("Which unit do you live or work in?");
    await p.sticker();
    expect(p.last().text).toContain("I need text here");
    expect(await snapshot()).toEqual(before);
    const zh = await atUnitStep(5002, "zh");
    await zh.sticker();
    expect(zh.last().text).toContain("这里需要文字，而不是图片、贴纸或文件。");
  });

  it("text over 4096 characters is refused with the count", async () => {
    const p = await atUnitStep(5003, "zh");
    const before = await snapshot();
    await p.send("长".repeat(5000));
    expect(p.last().text).toBe("这条消息太长了（5000 个字符，上限 4096）。没有保存任何内容。");
    expect(await snapshot()).toEqual(before);
  });

  it("an area that is not a number, or out of range, is explained", async () => {
    const p = await atUnitStep(5004, "en");
    await p.press("3号楼");
    await p.send("1201");
    await p.press("Owner");
    for (const [text, answer] of [
      ["big", "Please type the area as a number of square metres"],
      ["0.5", "The area must be between 1 and 10,000 m²."],
      ["20000", "The area must be between 1 and 10,000 m²."],
      ["85.123", "at most two decimals"],
    ] as const) {
      await p.send(text);
      expect(p.last().text).toContain(answer);
      expect(p.buttons()).toEqual(["Use 85.5 m²", "Skip"]);
    }
    expect((await p.stored())?.step).toBe("area");
    await p.press("Skip");
    expect(await p.stored()).toMatchObject({ status: "pending", areaCenti: null });
  });
});

describe("commands", () => {
  it("an unknown command is named, with a way forward", async () => {
    const p = h.person({ id: 5010, language_code: "en" });
    await p.send("/dance now");
    expect(p.last().text).toBe("I don't know the command /dance. Send /help to see what you can use.");
    const zh = await atUnitStep(5011, "zh");
    await zh.send("/foo");
    expect(zh.last().text).toBe("我不认识指令 /foo。发送 /help 查看您可以使用的指令。");
    expect((await zh.stored())?.step).toBe("unit");
  });

  it("/start and staff commands in a group point to the private chat", async () => {
    const p = h.person({ id: 5012, language_code: "en" });
    await p.sendInGroup("/start");
    expect(h.tg.last(-100123).text).toBe(
      "Registration and personal commands work only in a private chat with me. Open a chat with @frontstage_test_bot and send /start.",
    );
    await h.services.roles.grant(5013n, "committee", asAdmin(900n));
    const c = h.person({ id: 5013, language_code: "zh" });
    await c.sendInGroup("/pending");
    expect(h.tg.last(-100123).text).toContain("只能在与我的私聊中使用");
    await c.sendInGroup("/me");
    expect(h.tg.last(-100123).text).toContain("只能在与我的私聊中使用");
    expect(await h.db.user.count()).toBe(0);
  });
});

describe("buttons", () => {
  it("forged callback data of any bytes up to 64 is refused and changes nothing", async () => {
    const p = await atUnitStep(5020, "en");
    const before = await snapshot();
    const forged = ["", "x", "consent:yes", "lang:fr:1", "reg:verify:abc:1", "bld:1:99999", "rel:1:mayor", "area:1:all", "forget:yes:x", "reg:verify:1:1:extra", ":::", "a".repeat(64)];
    for (const data of forged) {
      await p.pressData(data);
      expect(p.lastToast(), data).toMatch(/not valid any more|older message|Only committee/);
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 64 }), async (bytes) => {
        await h.handle(updates.press({ id: 5020, language_code: "en" }, Buffer.from(bytes).toString("latin1")));
      }),
      { numRuns: 60 },
    );
    for (let i = 0; i < 20; i++) await h.handle(updates.press({ id: 5020, language_code: "en" }, randomBytes(48).toString("base64").slice(0, 64)));
    expect(await snapshot()).toEqual(before);
    expect(errors).toEqual([]);
  });

  it("a button of an older message is refused", async () => {
    const p = h.person({ id: 5021, language_code: "en" });
    await p.send("/start");
    await p.press("✅ I agree");
    const languageQuestion = p.findButton("English");
    await p.press("English");
    const before = await snapshot();
    await p.pressData(languageQuestion.button.callback_data!, languageQuestion.message);
    expect(p.lastToast()).toBe("This button belongs to an older message. Please use the latest one.");
    expect(await snapshot()).toEqual(before);
  });

  it("the buttons of someone else's registration do nothing for a stranger", async () => {
    const owner = await atUnitStep(5022, "en");
    const relationButton = (await (async () => {
      await owner.press("A");
      await owner.send("101");
      return owner.findButton("Owner");
    })()).button.callback_data!;
    const before = await snapshot();
    const stranger = h.person({ id: 5023, language_code: "zh" });
    await stranger.pressData(relationButton);
    expect(stranger.lastToast()).toBe("您还没有登记。发送 /start 开始登记。");
    await stranger.pressData(`forget:yes:${(await owner.stored())!.revision}`);
    expect(await snapshot()).toEqual(before);
  });

  it("two presses of 'I agree' at the same moment create one registration", async () => {
    const p = h.person({ id: 5024, language_code: "en" });
    await p.send("/start");
    const { button } = p.findButton("✅ I agree");
    await Promise.all([p.pressData(button.callback_data!), p.pressData(button.callback_data!)]);
    expect(await h.db.user.count({ where: { id: 5024n } })).toBe(1);
  });
});

describe("errors inside a handler", () => {
  it("are logged with the update id, answered with an apology, and the bot goes on", async () => {
    const p = h.person({ id: 5030, language_code: "zh" });
    const original = h.services.registration.start.bind(h.services.registration);
    h.services.registration.start = async () => {
      throw new Error("database on fire");
    };
    try {
      const update = updates.text(p.o, "/start");
      await h.handle(update);
      expect(p.last().text).toBe("抱歉，系统出了点问题，刚才的操作可能没有完成。请核对后稍后再试。");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ update_id: update.update_id });
    } finally {
      h.services.registration.start = original;
    }
    await p.send("/start");
    expect(p.last().text).toContain("登记之前");
  });
});
