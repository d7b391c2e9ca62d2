import { beforeEach, describe, expect, it } from "vitest";
import { specWith, useHarness } from "../support/park.js";
import { buildReportPark, COMMITTEE_ID, type ReportPark } from "../support/reportPark.js";
import { OPERATOR, asCommittee } from "../support/actors.js";

const h = useHarness({ roster: false });

const settle = () => h.services.reports.jobs.idle();
const stored = async () => ({ snapshots: await h.db.reportSnapshot.count(), reads: await h.db.reportRead.count(), outbox: await h.db.outboxMessage.count() });

async function submit(park: ReportPark) {
  const o = await h.services.reports.submission.submit(asCommittee(BigInt(COMMITTEE_ID)), park.consultationId);
  if (o.kind !== "submitted") throw new Error(o.kind);
  return o;
}

describe("back-stage bad input", () => {
  let park: ReportPark;
  beforeEach(async () => {
    park = await buildReportPark(h, { residents: 12 });
  });

  it("/report of a consultation never submitted lists what exists; an unknown version lists the versions; junk gets the usage", async () => {
    const en = park.officialEn;
    await en.send("/report 1");
    expect(en.last().text).toBe("Consultation #1 has no submitted report, and no report has been submitted yet.");
    await submit(park);
    await en.send("/report 5");
    expect(en.last().text).toContain("Consultation #5 has no submitted report. Reports that exist:\n• #1 v1 Quasi-residential units");
    await en.send("/report 1 7");
    expect(en.last().text).toBe("Report #1 has no version 7. Versions: 1.");
    for (const junk of ["/report", "/report abc", "/report 1 2 3", "/report -1", "/report 1.5", "/report 99999999999"]) {
      await en.send(junk);
      expect(en.last().text, junk).toContain("Send /report and a consultation's number");
    }
    for (const [cmd, usage] of [["/chart x", "Send /chart and a report's number"], ["/export 1 2 3", "Send /export and a report's number"], ["/dashboard now", "Send /dashboard alone."]]) {
      await en.send(cmd!);
      expect(en.last().text, cmd).toContain(usage!);
    }
    await en.send("/chart 3");
    expect(en.last().text).toContain("Consultation #3 has no submitted report.");
    await en.send("/reports 2");
    expect(en.last().text).toContain("Send /reports alone");
    await park.committee.send("/submit one");
    expect(park.committee.last().text).toBe("Send /submit and a consultation's number, e.g. /submit 12.");
    await park.officialZh.send("/report 1 9");
    expect(park.officialZh.last().text).toBe("报告 #1 没有第 9 版。现有版本：1。");
    expect((await stored()).reads).toBe(0);
  });

  it("residents and strangers are refused every back-stage command and button, and nothing changes", async () => {
    await submit(park);
    const before = await stored();
    const resident = park.residents[0]!; // an English-speaking resident (every fourth is)
    const stranger = h.person({ id: 8_300_000_001, language_code: "zh-hans" });
    for (const cmd of ["/reports", "/report 1", "/report 1 1", "/chart 1", "/export 1", "/dashboard"]) {
      const name = cmd.split(" ")[0]!;
      await resident.send(cmd);
      expect(resident.last().text, cmd).toContain(`Only officials and committee members may use ${name}. Nothing was changed.`);
      await stranger.send(cmd);
      expect(stranger.last().text, cmd).toContain(`只有政府工作人员和委员会成员可以使用 ${name}。没有任何更改。`);
    }
    await h.services.reports.jobs.idle();
    expect(h.tg.callsOf("sendPhoto").length + h.tg.callsOf("sendDocument").length).toBe(0);
    await resident.send("/submit 1");
    expect(resident.last().text).toContain("Only committee members may use /submit");
    for (const data of ["rp:1:1:pa:0", "ro:1:1", "rl:0", "sb:1:2:yes"]) {
      await resident.pressData(data);
      expect(resident.lastToast(), data).toMatch(/^Only (officials and committee members|committee members) may use/);
    }
    // An official may read but not submit.
    await park.officialEn.pressData("sb:1:2:yes");
    expect(park.officialEn.lastToast()).toContain("Only committee members may use /submit");
    expect(await stored()).toEqual(before);
  });

  it("forged and outdated report buttons are refused", async () => {
    await submit(park);
    const en = park.officialEn;
    await en.pressData("rp:1:9:pa:0");
    expect(en.lastToast()).toBe("Report #1 has no version 9. Versions: 1.");
    await en.pressData("rp:7:1:pa:0");
    expect(en.lastToast()).toBe("Consultation #7 has no submitted report. Reports that exist:");
    for (const data of ["rp:1:1:zz:0", "rp:1:1:pa", "rp:x:1:pa:0", "ro:1", "rl:-1", "sb:1:1:maybe"]) {
      await en.pressData(data);
      expect(en.lastToast(), data).toBe("This button is not valid any more. Nothing was changed.");
    }
    // A page past the end shows the last page.
    await en.send("/report 1");
    await en.pressData("rp:1:1:st:40", en.last());
    expect(en.last().text).toContain("Statements (2/2)");
    // The role was revoked since the message was sent.
    await h.services.roles.revoke(BigInt(en.id), "official", OPERATOR);
    await en.pressData("rp:1:1:pa:0");
    expect(en.lastToast()).toMatch(/^Only officials and committee members may use \/report/);
  });

  it("a preview confirmed after someone else submitted stores nothing", async () => {
    await park.committee.send("/submit 1");
    await settle();
    await submit(park); // another committee member was quicker
    await park.committee.press("Submit version 1 to the officials");
    await settle();
    expect(park.committee.last().text).toBe("Version 1 was submitted meanwhile, so nothing was stored. Send /submit again to see the current figures.");
    expect(await h.db.reportSnapshot.count()).toBe(1);
    await park.committee.send("/submit 1");
    await settle();
    await park.committee.press("Cancel");
    expect(park.committee.last().text).toBe("Nothing was submitted for #1.");
    expect(await h.db.reportSnapshot.count()).toBe(1);
  });

  it("/submit of a draft or an unknown consultation is refused", async () => {
    const parsed = await h.services.consultations.lifecycle.parse(Buffer.from(specWith((s) => {
      s.opensAt = "2026-12-20T09:00:00+08:00";
      s.closesAt = "2026-12-30T20:00:00+08:00";
    })));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const draft = await h.services.consultations.lifecycle.create(parsed.value, asCommittee(BigInt(COMMITTEE_ID)));
    if (!draft.ok) throw new Error("draft");
    await park.committee.send(`/submit ${draft.value.id}`);
    await settle();
    expect(park.committee.last().text).toBe(`Consultation #${draft.value.id} has not opened yet, so there is nothing to report. Nothing was submitted.`);
    await park.committee.send("/submit 42");
    await settle();
    expect(park.committee.last().text).toContain("#42");
    expect(await stored()).toMatchObject({ snapshots: 0 });
  });
});

describe("a consultation with no votes and no statements", () => {
  it("the report says so instead of showing empty sections", async () => {
    const park = await buildReportPark(h, { residents: 9, voters: 0, statements: false, seeds: false, statementVotes: false });
    await submit(park);
    const en = park.officialEn;
    await en.send("/report 1");
    expect(en.last().text).toContain("Took part: <b>0</b> of 9 eligible residents (0%).");
    expect(en.last().text).toContain("Outcome: no votes were cast.");
    expect(en.last().text).toContain("This consultation had no statements, so there are no opinion groups, consensus or themes to report.");
    for (const section of ["Opinion groups", "Consensus", "Group-informed consensus", "Divisive", "Uncertainty", "Themes", "Statements"]) {
      await en.press(section);
      expect(en.last().text, section).toContain("This consultation had no statements");
    }
    await en.press("Moderation");
    expect(en.last().text).toContain("Statements written by residents: 0.");
  });

  it("statements nobody rated: the report says nobody rated them", async () => {
    const park = await buildReportPark(h, { residents: 9, statementVotes: false });
    await submit(park);
    await park.officialZh.send("/report 1");
    expect(park.officialZh.last().text).toContain("尚无人评价");
    await park.officialZh.press("意见群体");
    expect(park.officialZh.last().text).toContain("尚无人评价观点，因此没有意见群体或共识可报告。");
  });
});

describe("/reports", () => {
  it("lists every report newest first with new/read, pages with buttons edited in place, and committee members may read too", async () => {
    const park = await buildReportPark(h, { residents: 9, statementVotes: false, close: false });
    for (let v = 1; v <= 10; v++) {
      h.clock.advance(60_000);
      await submit(park);
    }
    const en = park.officialEn;
    await en.send("/report 1 3");
    await en.send("/reports");
    const first = en.last();
    expect(first.text).toContain("📚 <b>Reports</b> (10) · page 1/2");
    const lines = first.text.split("\n").filter((l) => l.includes("<b>#1</b>"));
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^🆕 <b>#1<\/b> Quasi-residential .* · v10 · interim · 2026-11-27 10:10 · new$/);
    expect(lines[7]).toMatch(/^<b>#1<\/b> Quasi-residential .* · v3 · interim · 2026-11-27 10:03 · read$/);
    expect(first.buttons.map((b) => b.text)).toEqual(["#1 v10", "#1 v9", "#1 v8", "#1 v7", "#1 v6", "#1 v5", "#1 v4", "#1 v3", "1/2", "▶"]);
    await en.press("▶");
    const second = en.last();
    expect(second.messageId).toBe(first.messageId);
    expect(second.text).toContain("page 2/2");
    expect(second.text).toContain("<b>#1</b> Quasi-residential units of Chuangzhi Business Park: living safety and management · v2 · interim");
    expect(second.buttons.map((b) => b.text)).toEqual(["#1 v2", "#1 v1", "◀", "2/2"]);
    await en.press("#1 v1");
    expect(en.last().text).toContain("Report #1</b> · version 1 · interim");

    // The committee member who submitted reads the same report; the Chinese official sees the list in Chinese.
    await park.committee.send("/report 1");
    expect(park.committee.last().text).toContain("Report #1</b> · version 10 · interim");
    await park.officialZh.send("/reports");
    expect(park.officialZh.last().text).toContain("📚 <b>报告</b>（10）· 第 1/2 页");
    expect(park.officialZh.last().text).toContain("第 10 版 · 中期");
  });
});
