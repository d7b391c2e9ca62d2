// The privacy wall: everything an official can get from the bot is rendered
// for a fixture park, and none of its residents' identifiers may appear in it.
import { beforeEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { plainTranslator } from "../../src/i18n.js";
import { reportCharts } from "../../src/presenters/report/charts.js";
import { chartSvg } from "../../src/render/charts/index.js";
import { silentLogger } from "../../src/logger.js";
import { type Harness, type Person } from "../support/harness.js";
import { virtualSleep, useHarness } from "../support/park.js";
import { pdfText } from "../support/pdfText.js";
import { buildReportPark, type ReportPark } from "../support/reportPark.js";
import { asOfficial } from "../support/actors.js";

const h = useHarness({ roster: false });

/** Every text an official saw: messages, captions, buttons and their callback data. */
export function officialOutput(h: Harness, p: Person): string[] {
  return h.tg.chat(p.id).flatMap((m) => [m.text, ...m.buttons.flatMap((b) => [b.text, b.callback_data ?? ""]), m.document?.caption ?? ""]);
}

export function expectNoIdentifiers(texts: readonly string[], identifiers: readonly string[]) {
  const all = texts.join("\n");
  for (const id of identifiers) expect(all.includes(id), `"${id}" reached an official`).toBe(false);
}

describe("the privacy wall", () => {
  let park: ReportPark;
  beforeEach(async () => {
    park = await buildReportPark(h);
  });

  it("no message or button an official gets names a resident, a unit, an invite code or a contact detail", { timeout: 180_000 }, async () => {
    await park.committee.send(`/submit ${park.consultationId}`);
    await h.services.reports.jobs.idle();
    await park.committee.press("Submit version 1 to the officials");
    await h.services.reports.jobs.idle();
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: virtualSleep(h).sleep }).drain();
    for (const p of [park.officialZh, park.officialEn]) {
      await p.press(p === park.officialZh ? "打开报告" : "Open the report");
      await p.send("/reports");
      await p.send("/report 1");
      for (const data of ["pa", "po", "gr", "co", "gi", "dv", "un", "th", "st", "mo"]) {
        for (let page = 0; page < 6; page++) await p.pressData(`rp:1:1:${data}:${page}`, p.last());
      }
      const seen = officialOutput(h, p);
      expect(seen.join("\n")).toContain("●●●"); // the contact details were there, masked
      expectNoIdentifiers(seen, park.identifiers);
    }
    const row = await h.db.reportSnapshot.findFirstOrThrow();
    expectNoIdentifiers([row.content], park.identifiers);

    // Files through /export: every cell of every sheet, every CSV, the Markdown.
    await park.officialEn.send("/export 1");
    await h.services.reports.jobs.idle();
    const docs = h.tg.chat(park.officialEn.id).filter((m) => m.document).map((m) => m.document!);
    expect(docs.length).toBe(5);
    const texts: string[] = [];
    for (const d of docs) {
      if (d.filename.endsWith(".xlsx")) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(d.content as any);
        wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((cell) => void texts.push(String(cell.value)))));
        texts.push(JSON.stringify(wb.creator), wb.title ?? "", wb.description ?? "");
      } else if (d.filename.endsWith(".pdf")) {
        const pdf = await pdfText(d.content);
        texts.push(...pdf.pages, JSON.stringify(pdf.info));
      } else if (d.filename.endsWith(".zip")) {
        for (const [name, data] of Object.entries(unzipSync(new Uint8Array(d.content)))) texts.push(name, strFromU8(data));
      } else texts.push(d.content.toString("utf8"));
      texts.push(d.filename, d.caption ?? "");
    }
    expect(texts.join("\n")).toContain("●●●");
    expectNoIdentifiers(texts, park.identifiers);

    // Charts: the SVG text of every chart /chart sends, and the captions.
    const opened = await h.services.reports.viewing.open(asOfficial(BigInt(park.officialZh.id)), 1);
    if (opened.kind !== "report") throw new Error(opened.kind);
    for (const lang of ["zh", "en"] as const) {
      const reader = { t: plainTranslator().forLanguage(lang), lang, time: (d: Date) => d.toISOString() };
      const charts = reportCharts(reader, opened.report, opened.content);
      expect(charts.map((c) => c.key)).toContain("map");
      for (const c of charts) expectNoIdentifiers([await chartSvg(c.spec), c.caption], park.identifiers);
    }
    // The committee's own copy is the same report.
    expectNoIdentifiers(officialOutput(h, park.committee).filter((t) => !t.includes("Submit version")), park.identifiers);
  });
});
