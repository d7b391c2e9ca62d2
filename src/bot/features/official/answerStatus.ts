// What the report and /reports say about the government's answer: when it
// was given and when (and to how many) the committee relayed it.
import type { ReportHeader } from "../../../app/reports/index.js";
import type { ReportContent } from "../../../domain/reports/index.js";
import { reportSummary } from "../../../presenters/report/summary.js";
import type { BotContext } from "../../context.js";
import { readerOf } from "../../pollMessages.js";

/** One line on the newest answer to this report's consultation, or null when there is none. */
export async function answerStatus(ctx: BotContext, consultationId: number): Promise<string | null> {
  const answers = await ctx.fs.services.answers.forConsultation(consultationId);
  const a = answers.find((x) => x.status === "relayed") ?? answers.find((x) => x.status === "awaiting");
  if (!a) return null;
  const { t, time } = ctx.fs;
  if (a.status === "relayed") return t("answer.reportLine", { answered: time(a.answeredAt), relayed: time(a.relayedAt!), count: a.relayedTo ?? 0 });
  return t("answer.reportAwaiting", { answered: time(a.answeredAt) });
}

/** The report's summary, headed by the answer's line when there is one (kept within one message). */
export async function summaryWithAnswer(ctx: BotContext, report: ReportHeader, content: ReportContent): Promise<string> {
  const line = await answerStatus(ctx, report.consultationId);
  if (!line) return reportSummary(readerOf(ctx), report, content);
  return line + "\n\n" + reportSummary(readerOf(ctx), report, content, { limit: 3800 });
}
