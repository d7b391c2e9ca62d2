// Per-person flood control (src/bot/runtime.ts, installed by src/main.ts): 30 updates in a
// second from one person are mostly skipped with one polite notice; their button presses are
// still answered; someone else at the same time is not affected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floodControl } from "../../src/bot/runtime.js";
import { translator } from "../../src/i18n.js";
import { silentLogger } from "../../src/logger.js";
import { createHarness, type Harness } from "../support/harness.js";

let h: Harness;
let now = 0;
beforeAll(async () => {
  h = await createHarness({ before: [floodControl({ translator: translator(), logger: silentLogger, now: () => now })] as never });
});
afterAll(() => h.close());

describe("flood control", () => {
  it("slows down one person with one notice in their language, answers their presses, and leaves others alone", async () => {
    const flooder = h.person({ id: 8801, language_code: "en" });
    const other = h.person({ id: 8802, language_code: "zh-hans" });
    // 30 messages within one second, and the other person writing meanwhile.
    for (let i = 0; i < 30; i++) {
      now += 33;
      await flooder.send("/help");
      if (i % 10 === 0) await other.send("/help");
    }
    const notice = "You are sending messages faster than I can read them, so I am skipping some. Please wait a few seconds, then send your message again.";
    const got = h.tg.chat(8801).map((m) => m.text);
    expect(got.filter((t) => t === notice)).toHaveLength(1);
    const answered = got.filter((t) => t !== notice).length;
    // The first 15 at once, then 5 a second.
    expect(answered).toBeGreaterThanOrEqual(15);
    expect(answered).toBeLessThanOrEqual(20);
    expect(h.tg.chat(8802)).toHaveLength(3);

    // Presses while still flooding: each is answered, with a short "too fast".
    const before = h.tg.callsOf("answerCallbackQuery").length;
    for (let i = 0; i < 5; i++) {
      now += 10;
      await flooder.pressData("vo:1");
    }
    const toasts = h.tg.callsOf("answerCallbackQuery").slice(before).map((c) => c.payload.text);
    expect(toasts).toHaveLength(5);
    // (The bucket may have refilled by one in the meantime: that press is handled as usual.)
    expect(toasts.filter((t) => t === "Too fast: please wait a moment and press again.").length).toBeGreaterThanOrEqual(4);

    // After a few quiet seconds they are served again, without another notice.
    now += 4_000;
    await flooder.send("/help");
    expect(h.tg.last(8801).text).not.toBe(notice);
    expect(h.tg.chat(8801).filter((m) => m.text === notice)).toHaveLength(1);
  });
});
