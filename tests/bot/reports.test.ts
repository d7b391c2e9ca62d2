import { beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import type { Person } from "../support/harness.js";
import { virtualSleep, useHarness } from "../support/park.js";
import { strFromU8, unzipSync } from "fflate";
import { parsePolisExport } from "../../src/domain/polis/exportFiles.js";
import { POLIS_FILES } from "../../src/domain/polis/types.js";
import { pdfText } from "../support/pdfText.js";
import { buildReportPark, castBallots, type ReportPark } from "../support/reportPark.js";
import { OPERATOR } from "../support/actors.js";

const h = useHarness({ adminIds: [900n], roster: false });

const settle = () => h.services.reports.jobs.idle();

async function drainOutbox() {
  const v = virtualSleep(h);
  await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: v.sleep }).drain();
}

/** /submit <id>, wait for the preview, confirm, wait for the snapshot. */
async function submit(p: Person, id: number) {
  await p.send(`/submit ${id}`);
  await settle();
  await p.press(/^Submit version \d+ to the officials$/);
  await settle();
}

/** Every section of the report message the official has open, in order, as the texts they saw. */
async function readEverySection(p: Person, names: readonly string[]): Promise<string[]> {
  const seen: string[] = [];
  for (const name of names) {
    await p.press(name);
    seen.push(p.last().text);
    // Paged sections: every page.
    while (p.last().buttons.some((b) => b.text === "▶")) {
      await p.press("▶");
      seen.push(p.last().text);
    }
  }
  return seen;
}

const EN_SECTIONS = ["Participation", "Polls", "Opinion groups", "Consensus", "Group-informed consensus", "Divisive", "Uncertainty", "Themes", "Statements", "Moderation"];
const ZH_SECTIONS = ["参与情况", "投票", "意见群体", "共识", "各群体共识", "分歧", "不确定", "主题", "观点", "审核"];

describe("the hand-off to the back-stage", () => {
  let park: ReportPark;
  beforeEach(async () => {
    park = await buildReportPark(h, { voters: 20, close: false });
  });

  it("a committee member submits; officials in Chinese and English are told through the outbox and read every section; a re-submission says what changed", { timeout: 180_000 }, async () => {
    const id = park.consultationId;
    // Interim while open: a preview first, nothing stored until confirmed.
    await park.committee.send(`/submit ${id}`);
    expect(park.committee.last().text).toContain("Preparing the preview of report #1");
    await settle();
    expect(park.committee.last().text).toMatch(/Preview.*version 1 — .*interim/s);
    expect(await h.db.reportSnapshot.count()).toBe(0);
    await park.committee.press("Submit version 1 to the officials");
    expect(h.tg.chat(park.committee.id).at(-1)!.text).toContain("Freezing version 1 of report #1");
    await settle();
    expect(park.committee.last().text).toContain("Report #1 version 1 (interim) is frozen and handed over. 2 official(s) will be told.");

    const v1 = (await h.db.reportSnapshot.findFirstOrThrow({ where: { consultationId: id, version: 1 } }))!;
    expect(v1).toMatchObject({ kind: "interim", submittedBy: BigInt(park.committee.id), sha256: createHash("sha256").update(v1.content).digest("hex") });
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("open");

    await drainOutbox();
    expect(park.officialZh.last().text).toContain("居民自治委员会提交了一份报告");
    expect(park.officialZh.buttons()).toEqual(["打开报告"]);
    expect(park.officialEn.last().text).toContain("The residents' committee handed over a report");
    expect(park.officialEn.buttons()).toEqual(["Open the report"]);

    // The rest vote, the consultation closes, the final report is version 2 and says what changed.
    await castBallots(h, id, 20, 99);
    await h.services.consultations.closing.close(id, OPERATOR);
    await submit(park.committee, id);
    expect(park.committee.last().text).toContain("Report #1 version 2 (final)");
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");
    await drainOutbox();

    // English official: the newest notice opens version 2's summary.
    await park.officialEn.press("Open the report");
    const summary = park.officialEn.last().text;
    expect(summary).toContain("Report #1</b> · version 2 · final");
    expect(summary).toContain("What changed since version 1");
    expect(summary).toContain("Q2 ballots: 20 → 30");
    expect(summary).toContain(`SHA-256 ${(await h.db.reportSnapshot.findFirstOrThrow({ where: { version: 2 } })).sha256}`);
    expect(summary.length).toBeLessThanOrEqual(4096);
    const en = await readEverySection(park.officialEn, EN_SECTIONS);
    expect(en[0]).toContain("By building");
    expect(en.join("\n")).toContain("Group A");
    expect(en.join("\n")).toContain("Statements written by residents: 10. Approved: 8 · rejected: 1 · waiting: 1.");
    for (const text of en) expect(text.length).toBeLessThanOrEqual(4096);
    if (process.env.SHOW) console.log(en.join("\n=====\n"));

    // Chinese official, through /report.
    await park.officialZh.send(`/report ${id}`);
    expect(park.officialZh.last().text).toContain("报告 #1</b> · 第 2 版 · 最终");
    const zh = await readEverySection(park.officialZh, ZH_SECTIONS);
    expect(zh[0]).toContain("按楼栋");
    expect(zh.join("\n")).toContain("居民撰写的观点：10 条");

    // Charts as photos, files as documents, in the reader's language.
    const photosBefore = h.tg.callsOf("sendPhoto").length;
    await park.officialZh.send(`/chart ${id}`);
    expect(park.officialZh.last().text).toMatch(/正在绘制报告 #1 第 2 版的 \d+ 张图表/);
    await settle();
    const photos = h.tg.callsOf("sendPhoto").slice(photosBefore);
    expect(photos.length).toBeGreaterThanOrEqual(8);
    expect(photos.map((p) => p.payload.caption as string)).toContainEqual(expect.stringContaining("意见地图".slice(0, 2)));
    if (process.env.SAVE_CHARTS) photos.forEach((p, i) => writeFileSync(join(process.env.SAVE_CHARTS!, `${i}-${p.payload.photo.filename}`), p.payload.photo.fileData));
    for (const p of photos) expect([...(p.payload.photo.fileData as Uint8Array).subarray(1, 4)].map((x) => String.fromCharCode(x)).join("")).toBe("PNG");
    await park.officialEn.send(`/export ${id}`);
    await settle();
    const docs = h.tg.chat(park.officialEn.id).filter((m) => m.document).map((m) => m.document!.filename);
    expect(docs).toEqual(["frontstage-report-1-v2-en.pdf", "frontstage-report-1-v2-en.xlsx", "frontstage-report-1-v2-en-csv.zip", "frontstage-report-1-v2-en.md", "frontstage-report-1-v2-polis.zip"]);
    const polis = unzipSync(new Uint8Array(h.tg.chat(park.officialEn.id).find((m) => m.document?.filename.endsWith("polis.zip"))!.document!.content));
    const parsedPolis = parsePolisExport(Object.fromEntries(POLIS_FILES.map((f) => [f, strFromU8(polis[f]!)])) as any);
    expect(parsedPolis.comments).toHaveLength(11);
    expect(parsedPolis.comments[0]).toMatchObject({ commentId: 1, authorId: -1, agrees: 30, disagrees: 0 });
    const v2 = await h.db.reportSnapshot.findFirstOrThrow({ where: { version: 2 } });
    const pdf = await pdfText(h.tg.chat(park.officialEn.id).find((m) => m.document?.filename.endsWith(".pdf"))!.document!.content);
    expect(pdf.pages.length).toBeGreaterThan(3);
    expect(pdf.pages[0]).toContain("Took part");
    pdf.pages.forEach((text, i) => {
      expect(text).toContain(`page ${i + 1} / ${pdf.pages.length}`);
      expect(text).toContain(v2.sha256);
    });
    expect(pdf.pages.join("\n")).toContain("Opinion groups");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.tg.chat(park.officialEn.id).find((m) => m.document?.filename.endsWith(".xlsx"))!.document!.content as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Participation", "Polls", "Statements", "Groups", "Actions"]);
    expect(wb.getWorksheet("Participation")!.getRow(2).getCell(2).value).toBe("1号楼");

    // The dashboard: states, reports waiting to be read, turnout over time (and its picture).
    await park.officialEn.send("/dashboard");
    expect(park.officialEn.last().text).toContain("Consultations: 📤 report submitted 1");
    expect(park.officialEn.last().text).toContain("Reports submitted: 2 · waiting for you to read: <b>1</b>");
    expect(park.officialEn.last().text).toMatch(/#1 Quasi-residential.* · v2 · .* · 100%/);
    await settle();
    expect(h.tg.callsOf("sendPhoto").at(-1)!.payload.caption).toBe("Turnout of each consultation's latest report, by the time it was submitted.");

    // Version 1 is still there, unchanged.
    await park.officialZh.send(`/report ${id} 1`);
    expect(park.officialZh.last().text).toContain("第 1 版 · 中期");
  });
});
