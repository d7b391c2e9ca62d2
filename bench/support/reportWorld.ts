// Run in a child process by bench/reports.bench.ts, so its peak RSS is the
// report's alone: 10,000 residents, 5 polls, 1,000 statements and 2 million
// statement votes → the snapshot's content (domain, analysis included), its
// JSON and SHA-256; then the /report summary from the stored JSON (cold: parse
// + render; warm: parsed content cached, as the bot keeps it). Prints one JSON line.
import { createHash } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { reportPrivacy } from "../../src/app/reports/privacy.js";
import type { Consultation, Poll, PollSpec, StoredPollResult } from "../../src/domain/consultations/consultation.js";
import { toPollDefinition } from "../../src/domain/consultations/consultation.js";
import { computePollResult, type BallotEvent, type Voter } from "../../src/domain/polls/index.js";
import { canonicalRanks, type VoteColumns } from "../../src/domain/consensus/voteColumns.js";
import { buildReportContent, parseReportContent, type ParticipationMember } from "../../src/domain/reports/index.js";
import type { Statement } from "../../src/domain/statements/statement.js";
import { translator } from "../../src/i18n.js";
import { reportSummary } from "../../src/presenters/report/summary.js";
import { plantedVoteColumns } from "./plantedConversation.js";

const RESIDENTS = 10_000;
const STATEMENTS = 1_000;
const now = new Date("2026-11-27T02:00:00Z");
const t = (zh: string, en: string) => ({ zh, en });

// The votes as the product holds them: the database reads a consultation's votes straight into
// typed-array columns (PrismaReportSourceStore.engineVotes), never one object per vote. The bench
// used to build 2 M vote objects and convert them, and its peak RSS was mostly those objects (~390 MB
// of a 450 MB peak), which the product never has; the columns are generated directly now, the same
// votes in the same order (same snapshot, same hash).
const planted = plantedVoteColumns({ participants: RESIDENTS, statements: STATEMENTS, density: 0.2, groupShares: [0.5, 0.3, 0.2], loyalty: 0.6, divisive: 0.3, seed: 11 });
// As the builder hands them over: participant keys as stored ("u<telegram id>"), statement ids from 1,
// participants numbered by their keys' canonical rank among those who voted (as voteColumnsOf and the database reader do).
const keys = Array.from({ length: RESIDENTS }, (_, i) => `u${9_000_000_000 + i}`);
const voted = new Uint8Array(RESIDENTS);
for (const p of planted.participant) voted[p] = 1;
const rank = canonicalRanks(keys.filter((_, i) => voted[i] === 1));
const rankOf = Int32Array.from(keys, (k) => rank.get(k) ?? -1);
const votes: VoteColumns = { length: planted.vote.length, participantId: planted.participant.map((p) => rankOf[p]!), statementId: planted.statement.map((s) => s + 1), vote: planted.vote };

const members: ParticipationMember[] = Array.from({ length: RESIDENTS }, (_, i) => ({ building: `${1 + (i % 24)}号楼`, relation: ["owner", "owner", "tenant", "operator", "other"][i % 5]!, language: i % 3 === 0 ? "en" : "zh", tookPart: i % 7 !== 0 }));
const voters: Voter[] = Array.from({ length: RESIDENTS }, (_, i) => ({ userId: String(i), status: "verified", relation: i % 5 < 2 ? "owner" : "tenant", unitId: String(i), unitAreaCenti: 6_000 + (i % 50) * 100 }));
const specs: PollSpec[] = [
  { question: t("喷淋", "Sprinklers"), kind: "single", options: [t("同意", "Agree"), t("反对", "Disagree"), t("弃权", "Abstain")], voters: "owners", rule: "civil-code-278-major", results: "hidden" },
  { question: t("优先", "Priorities"), kind: "multiple", options: [1, 2, 3, 4, 5].map((n) => t(`选项${n}`, `Option ${n}`)), maxChoices: 2, voters: "residents", rule: "plurality", results: "hidden" },
  { question: t("安全", "Safety"), kind: "scale", options: [], labels: { low: t("不安全", "Unsafe"), high: t("安全", "Safe") }, voters: "residents", rule: "none", results: "hidden" },
  { question: t("垃圾", "Refuse"), kind: "ranked", options: [1, 2, 3, 4].map((n) => t(`时间${n}`, `Time ${n}`)), voters: "residents", rule: "plurality", results: "hidden" },
  { question: t("联络员", "Liaison"), kind: "single", options: [t("是", "Yes"), t("否", "No")], voters: "residents", rule: "majority", quorumPercent: 30, results: "hidden" },
];
const choiceOf = (p: number, i: number): number[] => [[i % 4 === 3 ? 1 : 0], [i % 5, (i + 2) % 5].sort(), [1 + (i % 5)], [i % 4, (i + 1) % 4, (i + 3) % 4], [i % 3 === 0 ? 1 : 0]][p]!;
// Art. 278 counts against the roster of the audience's buildings: here every voter's unit.
const roster = { units: voters.length, areaCenti: voters.reduce((a, v) => a + (v.unitAreaCenti ?? 0), 0) };
const polls: Poll[] = specs.map((spec, p) => {
  const definition = toPollDefinition(p + 1, spec);
  const ballots: BallotEvent[] = voters.filter((v, i) => i % 6 !== 0 && (p !== 0 || v.relation === "owner")).map((v, i) => ({ key: `user:${v.userId}`, choice: choiceOf(p, i), at: i }));
  const r = computePollResult({ poll: definition, voters, ballots, roster });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const stored: StoredPollResult = { result: r.value, unitsWithoutArea: [], notes: [], computedAt: now.toISOString() };
  return { id: p + 1, consultationId: 1, position: p, spec, definition, result: stored };
});
const statements: Statement[] = Array.from({ length: STATEMENTS }, (_, i) => ({
  id: i + 1, consultationId: 1, authorId: BigInt(9_000_000_000 + i), seed: i < 5, textZh: i % 2 ? `第${i}条：夜间噪音和电动车充电问题需要解决，联系 1391234${String(i).padStart(4, "0")}` : null,
  textEn: i % 2 ? null : `Statement ${i}: the parcel lockers and refuse collection need fixing near unit K${1000 + i}`, originalLanguage: i % 2 ? "zh" : "en", status: "approved", rejectReason: null, moderatedBy: null, moderatedAt: null, createdAt: now,
}));
const consultation: Consultation = { id: 1, title: t("创智产业园类住宅单元", "Quasi-residential units"), description: null, status: "closed", audience: null, opensAt: null, closesAt: now, openedAt: now, closedAt: now, residentStatements: true, moderated: true, remindersQueuedAt: null, publishedAt: null, createdBy: null, createdAt: now, polls };
const units = Array.from({ length: RESIDENTS }, (_, i) => `K${1000 + i}`);

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const inputRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
// The build is synchronous: the event loop waits for all of it. A timer due at once measures how long.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let stall = 0;
const due = performance.now();
setTimeout(() => (stall = performance.now() - due), 0);
const t0 = performance.now();
const content = buildReportContent({ consultation, computedAt: now, results: new Map(polls.map((p) => [p.id, { stored: p.result!, source: "closing" as const }])), members, statements, votes, privacy: reportPrivacy(units), previous: null });
const json = JSON.stringify(content);
const sha = createHash("sha256").update(json).digest("hex");
const snapshotMs = performance.now() - t0;
await new Promise((r) => setTimeout(r, 5));
loop.disable();

const header = { id: 1, consultationId: 1, version: 1, kind: "final" as const, createdAt: now, submittedBy: 1n, engineVersion: "x", sha256: sha, title: consultation.title, eligible: 10_000, tookPart: 8_571 };
const reader = { t: translator().forLanguage("zh"), lang: "zh" as const, time: (d: Date) => d.toISOString() };
const cold: number[] = [];
const warm: number[] = [];
let parsed = parseReportContent(json)!;
for (let i = 0; i < 15; i++) {
  const a = performance.now();
  parsed = parseReportContent(json)!;
  const text = reportSummary(reader, header, parsed);
  cold.push(performance.now() - a);
  const b = performance.now();
  const again = reportSummary(reader, header, parsed);
  warm.push(performance.now() - b);
  if (text.length > 4096 || again !== text) throw new Error("summary too long or unstable");
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
console.log(JSON.stringify({ votes: votes.length, sha256: sha, snapshotMs, jsonMb: json.length / 1e6, groups: content.opinions.groups.length, summaryColdMs: median(cold), summaryWarmMs: median(warm), peakRssMb: rssMb(), inputRssMb, loopMaxMs: Math.max(stall, loop.max / 1e6) }));
