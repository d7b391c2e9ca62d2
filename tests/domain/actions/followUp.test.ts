import { describe, expect, it } from "vitest";
import { advanceAssign, splitItems, startAssign, type AssignContext } from "../../../src/domain/actions/assign.js";
import { digestDay, isOverdue, localDay, medianDays, nextDigestAt, nextStatuses, onTimeShare, parseDueDate, parseProgress, transition } from "../../../src/domain/actions/followUp.js";

const TZ = "Asia/Shanghai";
// 2026-11-27 10:00 in Shanghai.
const now = new Date("2026-11-27T02:00:00Z");

describe("status transitions", () => {
  it("planned → in progress → done; dropped needs a reason; done and dropped are final", () => {
    expect(nextStatuses("planned")).toEqual(["in_progress", "done", "dropped"]);
    expect(transition({ status: "planned", progress: 0 }, "in_progress")).toEqual({ ok: true, status: "in_progress", progress: 0, dropReason: null });
    expect(transition({ status: "in_progress", progress: 40 }, "done")).toEqual({ ok: true, status: "done", progress: 100, dropReason: null });
    expect(transition({ status: "in_progress", progress: 40 }, "planned")).toEqual({ ok: false, problem: { code: "not-allowed", from: "in_progress", to: "planned" } });
    expect(transition({ status: "in_progress", progress: 40 }, "dropped")).toEqual({ ok: false, problem: { code: "reason-needed" } });
    expect(transition({ status: "in_progress", progress: 40 }, "dropped", "  ")).toMatchObject({ ok: false, problem: { code: "reason", problem: "empty" } });
    expect(transition({ status: "in_progress", progress: 40 }, "dropped", " no budget ")).toEqual({ ok: true, status: "dropped", progress: 40, dropReason: "no budget" });
    expect(transition({ status: "done", progress: 100 }, "dropped", "x")).toEqual({ ok: false, problem: { code: "final", status: "done" } });
    expect(transition({ status: "dropped", progress: 0 }, "in_progress")).toMatchObject({ ok: false, problem: { code: "final" } });
  });
});

describe("progress", () => {
  it("accepts whole numbers 0–100 with or without %, full-width too; progress starts a planned action", () => {
    expect(parseProgress({ status: "planned" }, "40")).toEqual({ ok: true, progress: 40, status: "in_progress" });
    expect(parseProgress({ status: "planned" }, "0")).toEqual({ ok: true, progress: 0, status: "planned" });
    expect(parseProgress({ status: "in_progress" }, "１００ ％")).toEqual({ ok: true, progress: 100, status: "in_progress" });
    expect(parseProgress({ status: "in_progress" }, "101")).toEqual({ ok: false, problem: { code: "out-of-range", min: 0, max: 100 } });
    expect(parseProgress({ status: "in_progress" }, "-1")).toEqual({ ok: false, problem: { code: "out-of-range", min: 0, max: 100 } });
    expect(parseProgress({ status: "in_progress" }, "4.5")).toEqual({ ok: false, problem: { code: "not-a-number" } });
    expect(parseProgress({ status: "in_progress" }, "half")).toEqual({ ok: false, problem: { code: "not-a-number" } });
    expect(parseProgress({ status: "done" }, "50")).toEqual({ ok: false, problem: { code: "final", status: "done" } });
  });
});

describe("due dates", () => {
  it("parses typed dates, refuses days that do not exist and days already past (today is fine)", () => {
    expect(parseDueDate("2027-03-31", now, TZ)).toEqual({ ok: true, due: "2027-03-31" });
    expect(parseDueDate("2027/3/1", now, TZ)).toEqual({ ok: true, due: "2027-03-01" });
    expect(parseDueDate("２０２７年３月１日", now, TZ)).toEqual({ ok: true, due: "2027-03-01" });
    expect(parseDueDate("2026-11-27", now, TZ)).toEqual({ ok: true, due: "2026-11-27" });
    expect(parseDueDate("2026-11-26", now, TZ)).toEqual({ ok: false, problem: { code: "past", today: "2026-11-27" } });
    expect(parseDueDate("2027-02-29", now, TZ)).toEqual({ ok: false, problem: { code: "unparseable" } });
    expect(parseDueDate("next march", now, TZ)).toEqual({ ok: false, problem: { code: "unparseable" } });
    expect(parseDueDate("", now, TZ)).toEqual({ ok: false, problem: { code: "unparseable" } });
  });

  it("judges the day in the park's time zone", () => {
    // 2026-11-26 17:00 UTC is already the 27th in Shanghai.
    expect(localDay(new Date("2026-11-26T17:00:00Z"), TZ)).toBe("2026-11-27");
    expect(localDay(new Date("2026-11-26T15:59:00Z"), TZ)).toBe("2026-11-26");
  });
});

describe("overdue and on-time share", () => {
  it("an open action is overdue the day after its due day; done and dropped never", () => {
    expect(isOverdue({ status: "planned", due: "2026-11-27" }, now, TZ)).toBe(false);
    expect(isOverdue({ status: "in_progress", due: "2026-11-26" }, now, TZ)).toBe(true);
    expect(isOverdue({ status: "done", due: "2026-11-01" }, now, TZ)).toBe(false);
    expect(isOverdue({ status: "dropped", due: "2026-11-01" }, now, TZ)).toBe(false);
  });

  it("counts done-by-the-day against done late and still-open overdue ones; dropped and not-yet-due do not count", () => {
    const r = onTimeShare(
      [
        { status: "done", due: "2026-11-20", doneAt: new Date("2026-11-20T15:00:00Z") }, // 23:00 local on the day: on time
        { status: "done", due: "2026-11-20", doneAt: new Date("2026-11-20T16:30:00Z") }, // the 21st local: late
        { status: "in_progress", due: "2026-11-25", doneAt: null }, // overdue
        { status: "planned", due: "2026-12-25", doneAt: null }, // not yet known
        { status: "dropped", due: "2026-11-01", doneAt: null },
      ],
      now,
      TZ,
    );
    expect(r).toEqual({ share: 1 / 3, onTime: 1, counted: 3 });
    expect(onTimeShare([], now, TZ).share).toBeNull();
  });
});

describe("median days from submission to answer", () => {
  it("takes the middle, or the mean of the two middle ones, to a tenth of a day", () => {
    const d = (days: number) => ({ submittedAt: new Date(0), answeredAt: new Date(days * 86_400_000) });
    expect(medianDays([])).toBeNull();
    expect(medianDays([d(3), d(1), d(10)])).toBe(3);
    expect(medianDays([d(1), d(2.25), d(4), d(100)])).toBe(3.1);
  });
});

describe("daily digest times", () => {
  it("is due from 09:00 local, once per local day", () => {
    expect(digestDay(new Date("2026-11-27T00:59:00Z"), TZ)).toBeNull();
    expect(digestDay(new Date("2026-11-27T01:00:00Z"), TZ)).toBe("2026-11-27");
    expect(digestDay(new Date("2026-11-27T15:59:00Z"), TZ)).toBe("2026-11-27");
    expect(nextDigestAt(new Date("2026-11-27T00:00:00Z"), TZ)).toEqual(new Date("2026-11-27T01:00:00Z"));
    expect(nextDigestAt(new Date("2026-11-27T01:00:00Z"), TZ)).toEqual(new Date("2026-11-28T01:00:00Z"));
  });
});

describe("the /assign conversation", () => {
  const ctx: AssignContext = { now, timeZone: TZ, departments: [1, 2], items: ["p1", "p2", "s7"] };
  it("walks department → zh → en → due → items → confirm, refusing bad input without moving", () => {
    let s = startAssign(5);
    expect(advanceAssign(s, { department: 9 }, ctx)).toEqual({ ok: false, problem: { code: "unknown-department" } });
    expect(advanceAssign(s, { text: "住建" }, ctx)).toEqual({ ok: false, problem: { code: "buttons-expected" } });
    s = (advanceAssign(s, { department: 2 }, ctx) as { state: typeof s }).state;
    expect(s).toMatchObject({ step: "zh", departmentId: 2, rev: 2 });
    s = (advanceAssign(s, { button: "skip" }, ctx) as { state: typeof s }).state;
    expect(advanceAssign(s, { button: "skip" }, ctx)).toEqual({ ok: false, problem: { code: "need-one" } });
    expect(advanceAssign(s, { text: "x".repeat(301) }, ctx)).toEqual({ ok: false, problem: { code: "too-long", max: 300 } });
    s = (advanceAssign(s, { text: " Install chargers " }, ctx) as { state: typeof s }).state;
    expect(s).toMatchObject({ step: "due", en: "Install chargers" });
    expect(advanceAssign(s, { text: "2020-01-01" }, ctx)).toEqual({ ok: false, problem: { code: "past", today: "2026-11-27" } });
    expect(advanceAssign(s, { text: "soon" }, ctx)).toEqual({ ok: false, problem: { code: "unparseable" } });
    s = (advanceAssign(s, { text: "2027-03-31" }, ctx) as { state: typeof s }).state;
    expect(advanceAssign(s, { item: "p99" }, ctx)).toEqual({ ok: false, problem: { code: "unknown-item" } });
    s = (advanceAssign(s, { item: "p1" }, ctx) as { state: typeof s }).state;
    s = (advanceAssign(s, { item: "s7" }, ctx) as { state: typeof s }).state;
    s = (advanceAssign(s, { item: "p1" }, ctx) as { state: typeof s }).state;
    expect(s.items).toEqual(["s7"]);
    s = (advanceAssign(s, { button: "done" }, ctx) as { state: typeof s }).state;
    expect(s.step).toBe("confirm");
    expect(splitItems(["p1", "s7", "p3"])).toEqual({ pollIds: [1, 3], statementIds: [7] });
  });
});
