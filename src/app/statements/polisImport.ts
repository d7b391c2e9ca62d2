// `frontstage import polis <dir>`: a Pol.is export becomes a closed consultation
// (see domain/polis/importPlan.ts for what is stored and what stays out). The
// export's identity is the SHA-256 of its files, so the same export is refused
// the second time.

import { createHash, randomBytes } from "node:crypto";
import { basename } from "node:path";
import { polisImportPlan } from "../../domain/polis/importPlan.js";
import { summaryValue } from "../../domain/polis/summary.js";
import type { PolisNote } from "../../domain/polis/types.js";
import type { PolisImportStore } from "./ports.js";
import { readPolisExportData } from "../analysis/polisDirectory.js";
import type { Clock } from "../ports.js";

export interface PolisImportOptions {
  readonly titleZh?: string;
  readonly titleEn?: string;
}

export type PolisImportResult =
  | {
      readonly kind: "imported";
      readonly consultationId: number;
      readonly statements: number;
      readonly moderatedOut: number;
      readonly participants: number;
      readonly votes: number;
      readonly notes: PolisNote[];
    }
  | { readonly kind: "duplicate"; readonly consultationId: number; readonly importedAt: Date; readonly notes: PolisNote[] };

/** Reads the export in `dir` (PolisExportFileError, PolisNoVotesFileError, PolisFormatError) and stores it. */
export async function importPolisDirectory(
  store: PolisImportStore,
  clock: Clock,
  dir: string,
  options: PolisImportOptions = {},
  randomKey: () => string = () => randomBytes(6).toString("hex"),
): Promise<PolisImportResult> {
  const hash = createHash("sha256");
  const data = await readPolisExportData(dir, {}, (file, chunk) => {
    if (chunk === null) hash.update(`\n--end ${file}--\n`);
    else hash.update(chunk);
  });
  const sha = hash.digest("hex");
  const existing = await store.findByExport(sha);
  if (existing !== null) return { kind: "duplicate", consultationId: existing.consultationId, importedAt: existing.importedAt, notes: data.notes };
  const now = clock.now();
  const plan = polisImportPlan(data, { ...options, now });
  // One random prefix per import, then the participant's place in the export's order:
  // nothing that leads back to a person, and the analysis orders them as analyze does.
  const prefix = `a${randomKey()}`;
  const width = String(Math.max(plan.participantCount - 1, 0)).length;
  const keys = Array.from({ length: plan.participantCount }, (_, i) => `${prefix}-${String(i).padStart(width, "0")}`);
  const topic = summaryValue(data.summary, "topic")?.trim();
  const outcome = await store.create({ plan, participantKeys: keys, exportSha256: sha, source: `${basename(dir)}${topic ? ` — ${topic}` : ""}`.slice(0, 500), at: now });
  if (outcome.kind === "duplicate") return { kind: "duplicate", consultationId: outcome.existing.consultationId, importedAt: outcome.existing.importedAt, notes: data.notes };
  return {
    kind: "imported",
    consultationId: outcome.consultationId,
    statements: plan.statements.length - plan.moderatedOut,
    moderatedOut: plan.moderatedOut,
    participants: plan.participantCount,
    votes: plan.votes.length,
    notes: data.notes,
  };
}
