// Follow-up actions (issue 10 §2), figure printed with its goal: `/followups`
// for a resident who took part in 50 consultations with 500 actions between
// them — the one query and the rendering of every line — ≤ 20 ms (median of
// 50 runs after a warm-up). On SQLite, seeded directly (not measured).
import { createServices } from "../src/wiring/compose.js";
import { translator } from "../src/i18n.js";
import { residentLines } from "../src/presenters/followUps.js";
import { report } from "./support/report.js";
import { benchDatabase } from "./support/votingWorld.js";

const now = new Date("2026-11-27T02:00:00Z");
const clock = { now: () => now };
const CONSULTATIONS = 50;
const ACTIONS = 500;
const RESIDENT = 8_100_000_001n;

export async function run(): Promise<void> {
  const bench = await benchDatabase("sqlite");
  const { db } = bench;
  const p = db.prisma;
  await p.user.create({ data: { id: RESIDENT, language: "en", consentAt: now, status: "verified" } });
  // Someone else's votes too, so the query has rows to pass over.
  await p.user.create({ data: { id: RESIDENT + 1n, language: "zh", consentAt: now, status: "verified" } });
  const deps = await Promise.all(["住建", "消防救援", "城管", "市场监管", "街道办", "物业"].map((zh, i) => p.department.create({ data: { nameZh: zh, nameEn: `Department ${i + 1}`, createdAt: now } })));
  for (let c = 0; c < CONSULTATIONS; c++) {
    const cons = await p.consultation.create({ data: { titleZh: `意见征询 ${c + 1}`, titleEn: `Consultation ${c + 1}`, status: "submitted", closesAt: now } });
    const s = await p.statement.create({ data: { consultationId: cons.id, textEn: `Statement ${c}`, originalLanguage: "en", normalized: `s${c}`, status: "approved", createdAt: now } });
    // Half the consultations by a statement vote, half by a ballot.
    if (c % 2 === 0) {
      await p.statementVote.create({ data: { statementId: s.id, participant: `u${RESIDENT}`, voterId: RESIDENT, vote: 1, votedAt: now } });
    } else {
      const poll = await p.poll.create({ data: { consultationId: cons.id, position: 0, kind: "single", definition: "{}" } });
      await p.ballot.create({ data: { pollId: poll.id, voterKey: `u${RESIDENT}`, voterId: RESIDENT, choice: "[0]", castAt: now } });
      await p.ballot.create({ data: { pollId: poll.id, voterKey: `u${RESIDENT + 1n}`, voterId: RESIDENT + 1n, choice: "[1]", castAt: now } });
    }
    await p.followUpAction.createMany({
      data: Array.from({ length: ACTIONS / CONSULTATIONS }, (_, i) => ({
        consultationId: cons.id,
        departmentId: deps[i % deps.length]!.id,
        whatZh: `第 ${i + 1} 项整改`,
        whatEn: `Improvement ${i + 1} of consultation ${c + 1}`,
        due: "2027-03-31",
        status: i % 4 === 0 ? "done" : "in_progress",
        progress: (i * 10) % 100,
        pollIds: "[]",
        statementIds: `[${s.id}]`,
        createdBy: 2n,
        createdAt: now,
        updatedAt: now,
        lastNote: i % 3 === 0 ? "Materials ordered." : null,
      })),
    });
  }
  const services = createServices(db, { configuredAdmins: [1n], clock });
  const t = translator().forLanguage("en");
  const followups = async () => {
    const rows = await services.followUps.actions.residentFollowUps(RESIDENT);
    // What the bot's /followups does: the one query, then every line (sent in messages of ≤ 4096 characters).
    const lines = [t("followup.residentTitle"), ...residentLines(t, "en", rows, "Asia/Shanghai")];
    return { rows: rows.length, chars: lines.join("\n").length };
  };
  for (let i = 0; i < 5; i++) await followups();
  const times: number[] = [];
  let seen = { rows: 0, chars: 0 };
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    seen = await followups();
    times.push(performance.now() - t0);
  }
  const q: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await services.followUps.actions.residentFollowUps(RESIDENT);
    q.push(performance.now() - t0);
  }
  q.sort((a, b) => a - b);
  report(`  (the query alone, median)`, `${q[10]!.toFixed(1)} ms`);
  if (seen.rows !== ACTIONS) throw new Error(`expected ${ACTIONS} actions, saw ${seen.rows}`);
  times.sort((a, b) => a - b);
  report(`/followups: ${CONSULTATIONS} consultations, ${seen.rows} actions, one query (median of 50)`, `${times[25]!.toFixed(1)} ms`, "≤ 20 ms");
  report(`  (slowest of 50)`, `${times.at(-1)!.toFixed(1)} ms`);
  await services.consultations.close();
  await services.reports.close();
  await db.close();
  await bench.drop();
}
