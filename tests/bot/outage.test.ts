import { describe, expect, it } from "vitest";
import { takeDatabaseDown } from "../support/outage.js";
import { seedResident, createExample, useHarness } from "../support/park.js";

// When the database is down nothing the person did was saved: the apology says
// so and asks them to try again shortly, instead of "nothing was lost".
const h = useHarness({ adminIds: [900n] });

const NOT_SAVED = {
  en: "Sorry, our database cannot be reached right now, so this was not saved. Please try again in a few minutes.",
  zh: "抱歉，数据库暂时无法访问，刚才的操作没有保存。请过几分钟再试。",
};

const openConsultation = () => createExample(h.services, 900n);

describe("a database outage", () => {
  it("a vote pressed while the database is down is said to be not saved, and counts when pressed again", async () => {
    const p = await seedResident(h, { id: 301, lang: "en", building: "1号楼", unit: "101" });
    await openConsultation();
    await p.pressData("vo:1");
    const poll = h.tg.chat(p.id).filter((m) => /Question 1\/5/.test(m.text)).at(-1)!;
    const option = poll.buttons[0]!;

    const outage = await takeDatabaseDown(h.database.url);
    try {
      await p.pressData(option.callback_data!, poll);
    } finally {
      await outage.end();
    }
    expect(p.lastToast()).toBe(NOT_SAVED.en);
    expect(await h.db.ballot.count()).toBe(0);

    await p.pressData(option.callback_data!, poll);
    expect(p.lastToast()).toBe("✓ Your vote is recorded.");
    expect(await h.db.ballot.count()).toBe(1);
  });

  it("a command sent while the database is down is answered in the person's language: not saved, try again", async () => {
    const p = await seedResident(h, { id: 302, lang: "zh", building: "1号楼", unit: "102" });
    const outage = await takeDatabaseDown(h.database.url);
    try {
      await p.send("/mute");
    } finally {
      await outage.end();
    }
    expect(p.last().text).toBe(NOT_SAVED.zh);
    expect((await p.stored())?.remindersMuted).toBe(false);
  });

  it("any other failure keeps the general apology, which promises nothing it cannot know", async () => {
    const p = await seedResident(h, { id: 303, lang: "en", building: "1号楼", unit: "103" });
    let first = true;
    h.tg.script = (method) => {
      if (method !== "sendMessage" || !first) return undefined;
      first = false;
      return { error_code: 500, description: "Internal Server Error" };
    };
    try {
      await p.send("/me");
    } finally {
      h.tg.script = undefined;
    }
    expect(p.last().text).toBe("Sorry, something went wrong on our side, so this may not have gone through. Please check and try again in a moment.");
  });
});
