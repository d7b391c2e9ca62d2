// A stored conversation that does not match its kind's schema (an older shape, a hand edit, a bug)
// is no conversation: the row is deleted, the person is told in their language to start again,
// and nothing else happens.
import { describe, expect, it } from "vitest";
import { committeeMember, useHarness } from "../support/park.js";

const h = useHarness({ adminIds: [900n] });

const corrupt = (userId: number, data: string) => h.db.chatState.update({ where: { userId: BigInt(userId) }, data: { data } });

describe("a corrupted conversation row", () => {
  it("/new: a button press on a row that is not JSON ends it, says so, and creates nothing", async () => {
    const c = await committeeMember(h, 7101, "en");
    await c.send("/new");
    await corrupt(7101, "{not json");
    await c.press("English");
    expect(c.last().text).toBe("What you were doing could not be continued, so it was ended and nothing was saved. Please start again.");
    expect(c.last().buttons).toEqual([]);
    expect(await h.db.chatState.count({ where: { userId: 7101n } })).toBe(0);
    expect(await h.db.consultation.count()).toBe(0);
    // Starting again works.
    await c.send("/new");
    expect(c.buttons()).toEqual(["中文", "English", "中文 + English"]);
  });

  it("/new: a typed answer on a row of the wrong shape is not taken as a title, in the person's language", async () => {
    const c = await committeeMember(h, 7102, "zh");
    await c.send("/new");
    await c.press("中文");
    await corrupt(7102, JSON.stringify({ v: 1, rev: "one", step: "title" }));
    await c.send("电动车充电点设置");
    expect(c.last().text).toBe("刚才进行中的操作无法继续，已经结束，没有保存任何内容。请重新开始。");
    expect(await h.db.chatState.count({ where: { userId: 7102n } })).toBe(0);
    // The next text is not a wizard answer either: the conversation is gone.
    await c.send("Where to put e-bike chargers");
    expect(c.last().text).not.toContain("刚才进行中的操作无法继续");
  });

  it("/announce: a step the wizard does not know ends it; nothing is queued", async () => {
    const c = await committeeMember(h, 7103, "en");
    await c.send("/announce");
    await c.press("Everyone");
    const row = await h.db.chatState.findUniqueOrThrow({ where: { userId: 7103n } });
    await corrupt(7103, row.data.replace('"step":"langs"', '"step":"sent"'));
    await c.press("English");
    expect(c.last().text).toBe("What you were doing could not be continued, so it was ended and nothing was saved. Please start again.");
    expect(await h.db.chatState.count({ where: { userId: 7103n } })).toBe(0);
    expect(await h.db.outboxMessage.count()).toBe(0);
  });

  it("a spec file's preview with a row of the wrong shape: the press opens nothing", async () => {
    const c = await committeeMember(h, 7104, "en");
    await h.db.chatState.create({ data: { userId: 7104n, kind: "consultation-spec", data: JSON.stringify({ v: 2, rev: 5, spec: {} }) } });
    await c.pressData("nw:5:file-open");
    expect(c.last().text).toBe("What you were doing could not be continued, so it was ended and nothing was saved. Please start again.");
    expect(await h.db.chatState.count({ where: { userId: 7104n } })).toBe(0);
    expect(await h.db.consultation.count()).toBe(0);
  });
});
