// A Pol.is open-data export as a folder of four CSV files: read it, write it,
// and analyse it with the consensus engine. The only file I/O of the Pol.is
// interop; parsing and formatting are pure (src/domain/polis).

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { analyzeConversation } from "../../domain/consensus/analyze.js";
import type { Analysis, AnalysisOptions } from "../../domain/consensus/types.js";
import { polisConversationInput } from "../../domain/polis/conversation.js";
import { formatPolisExport, parsePolisExport } from "../../domain/polis/exportFiles.js";
import { POLIS_FILES, type PolisExport, type PolisExportFiles, type PolisFileName } from "../../domain/polis/types.js";

/** A file of the export is missing or unreadable (a format problem is a PolisFormatError instead). */
export class PolisExportFileError extends Error {
  override readonly name = "PolisExportFileError";
  constructor(
    readonly file: PolisFileName,
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as { code?: unknown } | null)?.code;
    super(`${file}: cannot read ${path}${typeof code === "string" ? ` (${code})` : ""}`, { cause });
  }
}

/** Reads the four files together; when several are missing, the first in POLIS_FILES order is named, every time. */
async function readFiles(dir: string): Promise<PolisExportFiles> {
  const results = await Promise.allSettled(POLIS_FILES.map((file) => readFile(join(dir, file), "utf8")));
  const entries = results.map((r, i) => {
    const file = POLIS_FILES[i]!;
    if (r.status === "rejected") throw new PolisExportFileError(file, join(dir, file), r.reason);
    return [file, r.value] as const;
  });
  return Object.fromEntries(entries) as unknown as PolisExportFiles;
}

/** Reads and parses votes.csv, comments.csv, participants-votes.csv and summary.csv from `dir`. */
export async function readPolisExport(dir: string): Promise<PolisExport> {
  return parsePolisExport(await readFiles(dir));
}

/** Writes the four files into `dir` (created if needed), replacing any that exist. */
export async function writePolisExport(dir: string, data: PolisExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = formatPolisExport(data);
  await Promise.all(POLIS_FILES.map((file) => writeFile(join(dir, file), files[file], "utf8")));
}

/** The analysis in the export's own ids (voter-id, comment-id). */
export interface PolisAnalysisJson {
  readonly participants: number;
  readonly statements: number;
  readonly clusteredParticipants: number[];
  readonly groups: {
    readonly id: number;
    readonly participants: number[];
    readonly representative: {
      readonly statementId: number;
      readonly direction: "agree" | "disagree";
      readonly probability: number;
      readonly zScore: number;
    }[];
  }[];
  readonly consensus: { readonly agree: number[]; readonly disagree: number[] };
  readonly groupInformedConsensus: number[];
  readonly uncertainty: number[];
}

/** The JSON summary of an analysis (pure). */
export function polisAnalysisJson(analysis: Analysis<number, number>): PolisAnalysisJson {
  return {
    participants: analysis.participantCount,
    statements: analysis.statementCount,
    clusteredParticipants: [...analysis.clusteredParticipants],
    groups: analysis.groups.map((g) => ({
      id: g.id,
      participants: [...g.members],
      representative: g.representative.map((r) => ({
        statementId: r.statementId,
        direction: r.direction,
        probability: r.probability,
        zScore: r.zScore,
      })),
    })),
    consensus: {
      agree: analysis.consensus.agree.map((c) => c.statementId),
      disagree: analysis.consensus.disagree.map((c) => c.statementId),
    },
    groupInformedConsensus: analysis.groupInformedConsensus.map((c) => c.statementId),
    uncertainty: analysis.uncertainty.map((u) => u.statementId),
  };
}

/** Analyses an export folder: the full analysis and its JSON summary. */
export async function analyzePolisDirectory(
  dir: string,
  options?: AnalysisOptions,
): Promise<{ readonly data: PolisExport; readonly analysis: Analysis<number, number>; readonly json: PolisAnalysisJson }> {
  const data = await readPolisExport(dir);
  const input = polisConversationInput(data);
  const analysis = analyzeConversation(options === undefined ? input : { ...input, options });
  return { data, analysis, json: polisAnalysisJson(analysis) };
}

/** Reads the export in `dir` and returns the analysis as a JSON-ready object. */
export async function analyzePolisExport(dir: string, options?: AnalysisOptions): Promise<PolisAnalysisJson> {
  return (await analyzePolisDirectory(dir, options)).json;
}
