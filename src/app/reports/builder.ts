// Gathers what a report is built from — the consultation, each poll's result
// (closing's stored one, or closing's own count while still open), the
// audience's participation, statements and votes — and builds its content.
import type { Consultation, StoredPollResult } from "../../domain/consultations/consultation.js";
import { buildReportContent, parseReportContent, type ReportContent } from "../../domain/reports/index.js";
import type { Clock } from "../ports.js";
import type { ClosingService } from "../consultations/closing.js";
import type { StatementStore } from "../statements/ports.js";
import { reportPrivacy } from "./privacy.js";
import type { ReportSourceStore, StoredReport } from "./ports.js";

export interface ReportBuilderDeps {
  closing: Pick<ClosingService, "preview">;
  statements: Pick<StatementStore, "all">;
  sources: ReportSourceStore;
  clock: Clock;
}

export class ReportBuilder {
  constructor(private readonly deps: ReportBuilderDeps) {}

  async build(c: Consultation, previous: StoredReport | null, at: Date = this.deps.clock.now()): Promise<ReportContent> {
    const { deps } = this;
    const open = c.polls.filter((p) => p.result === null);
    const [members, interim, statements, votes, units] = await Promise.all([
      deps.sources.participation(c.id, c.audience),
      // What closing would store now, counted by closing itself: an interim report counts exactly as the closing will.
      open.length > 0 ? deps.closing.preview(c) : Promise.resolve(new Map<number, StoredPollResult>()),
      deps.statements.all(c.id),
      deps.sources.engineVotes(c.id),
      deps.sources.unitNumbers(),
    ]);
    const results = new Map<number, { stored: StoredPollResult; source: "closing" | "interim" }>();
    for (const p of c.polls) {
      const stored = p.result ?? interim.get(p.id);
      if (!stored) throw new Error(`poll ${p.id} of consultation ${c.id} has no result and no interim count`);
      results.set(p.id, { stored, source: p.result ? "closing" : "interim" });
    }
    const prev = previous ? parseReportContent(previous.content) : null;
    return buildReportContent({
      consultation: c,
      computedAt: at,
      results,
      members,
      statements,
      votes,
      privacy: reportPrivacy(units),
      previous: previous && prev ? { version: previous.version, content: prev } : null,
    });
  }
}
