// A Pol.is open-data export as a folder of CSV files: read it (streamed, so a
// 2-million-vote export never sits in memory as text), write it, and analyse it
// with the consensus engine. The only file I/O of the Pol.is interop; parsing and
// formatting are pure (src/domain/polis).

import { createReadStream } from "node:fs";
import { access, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { analyzeVoteColumns } from "../../domain/consensus/analyze.js";
import type { Analysis, AnalysisOptions } from "../../domain/consensus/types.js";
import { polisVoteColumnsInput } from "../../domain/polis/conversation.js";
import { PolisFormatError } from "../../domain/polis/errors.js";
import { formatPolisExport, PolisExportAssembly, polisExportObjects } from "../../domain/polis/exportFiles.js";
import { polisComparison, type PolisComparison } from "../../domain/polis/comparison.js";
import { POLIS_FILES, type PolisExport, type PolisExportData, type PolisFileName, type PolisReadOptions } from "../../domain/polis/types.js";

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

/** The folder has neither votes.csv nor participants-votes.csv. */
export class PolisNoVotesFileError extends Error {
  override readonly name = "PolisNoVotesFileError";
  constructor(readonly dir: string) {
    super(`neither votes.csv nor participants-votes.csv in ${dir}`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Streams one file into `push`, in 1 MiB chunks. */
async function streamFile(file: PolisFileName, path: string, push: (chunk: Uint8Array) => void): Promise<void> {
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream) push(chunk as Buffer);
  } catch (error) {
    stream?.destroy();
    if (error instanceof PolisFormatError) throw error;
    if (typeof (error as { code?: unknown } | null)?.code === "string") throw new PolisExportFileError(file, path, error);
    throw error;
  }
}

/**
 * Reads the export in `dir`: comments.csv and summary.csv must be there, and
 * votes.csv or participants-votes.csv (or both). Throws PolisExportFileError,
 * PolisNoVotesFileError or PolisFormatError (file and line).
 */
export async function readPolisExportData(
  dir: string,
  options: PolisReadOptions = {},
  /** Sees every file's bytes as they are read (e.g. to hash the export), files in read order. */
  observe?: (file: PolisFileName, chunk: Uint8Array | null) => void,
): Promise<PolisExportData> {
  const [votes, participantsVotes] = await Promise.all([exists(join(dir, "votes.csv")), exists(join(dir, "participants-votes.csv"))]);
  if (!votes && !participantsVotes) {
    // A folder that is not there at all: name the first file, as for any missing file.
    if (!(await exists(dir))) throw new PolisExportFileError("comments.csv", join(dir, "comments.csv"), { code: "ENOENT" });
    throw new PolisNoVotesFileError(dir);
  }
  const assembly = new PolisExportAssembly({ votes, participantsVotes }, options);
  for (const file of assembly.files()) {
    const input = assembly.input(file);
    await streamFile(file, join(dir, file), (chunk) => {
      observe?.(file, chunk);
      input.push(chunk);
    });
    observe?.(file, null);
    input.finish();
  }
  return assembly.result();
}

/** Reads the export in `dir` as plain objects (small exports; see readPolisExportData for big ones). */
export async function readPolisExport(dir: string): Promise<PolisExport> {
  return polisExportObjects(await readPolisExportData(dir, { keepDatetime: true, keepMatrix: true }));
}

/** Writes the four files into `dir` (created if needed), replacing any that exist. */
export async function writePolisExport(dir: string, data: PolisExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = formatPolisExport(data);
  await Promise.all(POLIS_FILES.map((file) => writeFile(join(dir, file), files[file], "utf8")));
}

/** One statement's figures, ours beside Pol.is's own where the export carries them. */
export interface PolisStatementJson {
  readonly id: number;
  readonly agree: number;
  readonly disagree: number;
  readonly pass: number;
  readonly seen: number;
  readonly groupInformedConsensus: number;
  readonly extremity: number;
  /** The export's own group-informed-consensus (current exports); null when absent. */
  readonly polisGroupInformedConsensus: number | null;
  /** Per opinion group (by id): agrees, disagrees and votes seen. */
  readonly groups: { readonly agree: number; readonly disagree: number; readonly seen: number }[];
}

/** The analysis in the export's own ids (voter-id, comment-id). */
export interface PolisAnalysisJson {
  readonly participants: number;
  readonly statementCount: number;
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
  /** Every statement not moderated out, in comments.csv order. */
  readonly statements: PolisStatementJson[];
  /** Pol.is's own figures from the export, beside ours. */
  readonly polis: PolisComparison;
}

/** The JSON summary of an analysis (pure). */
export function polisAnalysisJson(analysis: Analysis<number, number>, data: PolisExportData): PolisAnalysisJson {
  const theirGic = new Map(data.comments.map((c) => [c.commentId, c.groupInformedConsensus ?? null]));
  return {
    participants: analysis.participantCount,
    statementCount: analysis.statementCount,
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
    statements: analysis.statements.map((st, i) => ({
      id: st.statementId,
      agree: st.agree,
      disagree: st.disagree,
      pass: st.pass,
      seen: st.seen,
      groupInformedConsensus: st.groupInformedConsensus,
      extremity: st.extremity,
      polisGroupInformedConsensus: theirGic.get(st.statementId) ?? null,
      groups: analysis.groups.map((g) => ({ agree: g.votes.agree[i]!, disagree: g.votes.disagree[i]!, seen: g.votes.seen[i]! })),
    })),
    polis: polisComparison(data, analysis),
  };
}

export interface PolisDirectoryAnalysis {
  readonly data: PolisExportData;
  readonly analysis: Analysis<number, number>;
  readonly json: PolisAnalysisJson;
}

/** Analyses an export folder: the data read, the full analysis and its JSON summary. */
export async function analyzePolisDirectory(dir: string, options?: AnalysisOptions): Promise<PolisDirectoryAnalysis> {
  const data = await readPolisExportData(dir);
  const input = polisVoteColumnsInput(data);
  const analysis = analyzeVoteColumns(options === undefined ? input : { ...input, options });
  return { data, analysis, json: polisAnalysisJson(analysis, data) };
}

/** Reads the export in `dir` and returns the analysis as a JSON-ready object. */
export async function analyzePolisExport(dir: string, options?: AnalysisOptions): Promise<PolisAnalysisJson> {
  return (await analyzePolisDirectory(dir, options)).json;
}
