// Gathers what a report is built from — the consultation, each poll's result
// (closing's stored one, or closing's own count while still open), the
// audience's participation, statements and votes — and builds its content.
import type { Consultation, StoredPollResult } from "../../domain/consultations/consultation.js";
import { buildReportContent, parseReportContent, type ReportContent } from "../../domain/reports/index.js";
import type { Clock } from "../ports.js";
import type { ClosingService } from "../consultations/closing.js";
import type { AudienceStore } from "../consultations/ports.js";
import type { StatementStore } from "../statements/ports.js";
import { reportPrivacy } from "./privacy.js";
import type { ReportSourceStore, StoredReport } from "./ports.js";

export interface ReportBuilderDeps {
  closing: Pick<ClosingService, "count">;
  audience: Pick<AudienceStore, "members">;
  statements: Pick<StatementStore, "all">;
  sources: ReportSourceStore;
  clock: Clock;
}

export class ReportBuilder {
  constructor(private readonly deps: ReportBuilderDeps) {}

  async build(c: Consultation, previous: StoredReport | null, at: Date = this.deps.clock.now()): Promise<ReportContent> {
    const { deps } = this;
    const open = c.polls.filter((p) => p.result === null);
    const [members, audience, statements, votes, units] = await Promise.all([
      deps.sources.participation(c.id, c.audience),
      open.length > 0 ? deps.audience.members(c.audience) : Promise.resolve([]),
      deps.statements.all(c.id),
      deps.sources.engineVotes(c.id),
      deps.sources.unitNumbers(),
    ]);
    const results = new Map<number, { stored: StoredPollResult; source: "closing" | "interim" }>();
    for (const p of c.polls) {
      // The very function closing uses: an interim report counts exactly as the closing will.
      results.set(p.id, p.result ? { stored: p.result, source: "closing" } : { stored: await deps.closing.count(p, audience, at), source: "interim" });
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
