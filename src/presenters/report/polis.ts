// The report's statements in Pol.is's open-data format, as a zip — from the
// snapshot only, so aggregates only: comments.csv carries every approved
// statement (masked, no author) with its agree and disagree counts, and
// summary.csv the conversation's figures. The per-participant files
// (votes.csv, participants-votes.csv) keep their header and no rows:
// individual voting records stay with the committee (`frontstage export polis`).
import type { ReportHeader } from "../../domain/reports/header.js";
import { shownValue, type ReportContent } from "../../domain/reports/index.js";
import { formatPolisExport } from "../../domain/polis/exportFiles.js";
import { buildParticipantsVotes } from "../../domain/polis/participantsVotes.js";
import { buildSummary } from "../../domain/polis/summary.js";
import type { PolisComment } from "../../domain/polis/types.js";
import { polisDatetime } from "../../domain/statements/polisExport.js";
import { zip } from "../../render/tables/zip.js";
import type { Reader } from "../consultation.js";
import { fileStem } from "./files.js";

export async function reportPolisZip(r: Reader, h: ReportHeader, c: ReportContent): Promise<{ name: string; data: Buffer }> {
  const at = Math.floor(new Date(c.computedAt).getTime() / 60_000) * 60_000;
  const comments: PolisComment[] = c.statements.map((s) => ({
    timestamp: at,
    datetime: polisDatetime(at),
    commentId: s.number,
    authorId: -1,
    agrees: s.overall.agree,
    disagrees: s.overall.disagree,
    moderated: 1,
    body: (s.original === "zh" ? s.text.zh ?? s.text.en : s.text.en ?? s.text.zh) ?? "",
  }));
  const title = [c.consultation.title.zh, c.consultation.title.en].filter(Boolean).join(" / ");
  const files = formatPolisExport({
    votes: [],
    comments,
    participantsVotes: buildParticipantsVotes([], comments),
    summary: buildSummary({ topic: title, voters: shownValue(c.opinions.participants) ?? 0, commenters: 0, comments: comments.length, groups: c.opinions.groups.filter((g) => g.described).length }),
  });
  const readme = r.t("report.polisReadme", { id: h.consultationId, version: h.version, hash: h.sha256 });
  return { name: `${fileStem(h)}-polis.zip`, data: await zip([...Object.entries(files).map(([name, data]) => ({ name, data })), { name: "README.txt", data: readme + "\n" }], { modified: h.createdAt }) };
}
