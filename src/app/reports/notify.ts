// Tells every official that a report arrived, through the outbox (paced,
// resumable, never twice), in each official's language, with a button that
// opens the report.
import { pickText } from "../../domain/consultations/texts.js";
import type { Translator } from "../../i18n.js";
import { formatTime } from "../../presenters/time.js";
import type { Clock } from "../ports.js";
import type { OutboxDraft, OutboxStore } from "../consultations/ports.js";
import type { Signal } from "../consultations/signal.js";
import type { ReportHeader, ReportSourceStore } from "./ports.js";

export interface NotifierDeps {
  sources: Pick<ReportSourceStore, "officials">;
  outbox: OutboxStore;
  translator: Translator;
  timeZone: string;
  clock: Clock;
  queued: Signal;
}

export class ReportNotifier {
  constructor(private readonly deps: NotifierDeps) {}

  async notify(report: ReportHeader): Promise<number> {
    const { translator } = this.deps;
    const officials = await this.deps.sources.officials();
    const drafts: OutboxDraft[] = officials.map((o) => {
      const lang = o.language ?? "zh";
      const t = translator.forLanguage(lang);
      const text = t("report.notice", {
        id: report.consultationId,
        title: pickText(report.title, lang).text,
        version: report.version,
        kind: t(`report.kind.${report.kind}`),
        time: formatTime(report.createdAt, this.deps.timeZone),
      });
      return { batch: `report:${report.id}`, chatId: o.id, text, buttons: [{ text: t("report.openButton"), action: "ro", args: [report.consultationId, report.version] }] };
    });
    const added = await this.deps.outbox.enqueue(drafts, this.deps.clock.now());
    if (added > 0) this.deps.queued.emit();
    return added;
  }
}
