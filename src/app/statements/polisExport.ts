// `frontstage export polis <consultation> <dir>`: a consultation's approved
// statements and their votes as a Pol.is open-data export (see
// domain/statements/polisExport.ts for what is left out and why).

import { analyzeConversation } from "../../domain/consensus/analyze.js";
import type { VoteValue } from "../../domain/consensus/types.js";
import { buildPolisExport } from "../../domain/statements/polisExport.js";
import { originalText } from "../../domain/statements/statement.js";
import type { PolisExport } from "../../domain/polis/types.js";
import { writePolisExport } from "../analysis/polisDirectory.js";
import type { StatementStore } from "./ports.js";

const VALUE: Record<number, VoteValue> = { 1: "agree", [-1]: "disagree", 0: "pass" };

export interface PolisExportSummary {
  readonly statements: number;
  readonly votes: number;
  readonly participants: number;
  readonly groups: number;
}

/** The export as a value; null when the consultation does not exist. */
export async function consultationPolisExport(statements: StatementStore, consultationId: number): Promise<PolisExport | null> {
  const consultation = await statements.consultation(consultationId);
  if (!consultation) return null;
  const [approved, votes] = await Promise.all([statements.withStatus(consultationId, "approved"), statements.allVotes(consultationId)]);
  const ids = new Set(approved.map((s) => s.id));
  const counted = votes.filter((v) => ids.has(v.statementId));
  const analysis = analyzeConversation({
    statements: approved.map((s) => ({ id: s.id, seed: s.seed })),
    votes: counted.map((v) => ({ participantId: v.participant, statementId: v.statementId, vote: VALUE[v.vote]! })),
  });
  const groupOf = new Map<string, number>();
  for (const g of analysis.groups) for (const m of g.members) groupOf.set(m, g.id);
  const title = [consultation.titleZh, consultation.titleEn].filter(Boolean).join(" / ") || `#${consultation.id}`;
  const description = [consultation.descriptionZh, consultation.descriptionEn].filter(Boolean).join("\n\n");
  return buildPolisExport({
    topic: title,
    ...(description ? { description } : {}),
    statements: approved.map((s) => ({ id: s.id, text: originalText(s), createdAt: s.createdAt })),
    votes: counted,
    groupOf,
  });
}

export async function exportConsultationToPolis(statements: StatementStore, consultationId: number, dir: string): Promise<PolisExportSummary | null> {
  const data = await consultationPolisExport(statements, consultationId);
  if (!data) return null;
  await writePolisExport(dir, data);
  return {
    statements: data.comments.length,
    votes: data.votes.length,
    participants: data.participantsVotes.rows.length,
    groups: new Set(data.participantsVotes.rows.flatMap((r) => (r.groupId === null ? [] : [r.groupId]))).size,
  };
}
