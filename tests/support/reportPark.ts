// A park with everything a report shows: a roster of distinctive unit numbers,
// residents who voted in the example consultation's five polls, statements
// (some with phone numbers, e-mails and unit numbers typed in) rated by two
// planted opinion groups, a committee member and two officials (zh, en).
// `identifiers` lists every detail that must never reach an official.
import { profileOf } from "../../src/app/consultations/broadcasts.js";
import { normalizeStatement } from "../../src/domain/statements/text.js";
import type { Harness, Person } from "./harness.js";
import { specWith } from "./park.js";
import { OPERATOR, asCommittee } from "./actors.js";

export interface ReportParkOptions {
  /** Residents (one per unit, in buildings 1–3); default 30. */
  residents?: number;
  /** Whether residents rate statements (default true). */
  statementVotes?: boolean;
  /** How many audience members vote in the polls (default all; 0: nobody). */
  voters?: number;
  /** Whether residents write statements at all (default true; the spec's seeds stay unless `seeds` is false). */
  statements?: boolean;
  seeds?: boolean;
  /** Close the consultation at the end (default true). */
  close?: boolean;
  /** First Telegram id of the residents (default 8_100_000_101). */
  firstId?: number;
}

export interface ReportPark {
  consultationId: number;
  committee: Person;
  officialZh: Person;
  officialEn: Person;
  residents: Person[];
  /** Names, Telegram ids, unit numbers, invite codes and contact details typed into statements. */
  identifiers: string[];
}

export const COMMITTEE_ID = 8_200_000_600;
export const OFFICIAL_ZH_ID = 8_200_000_700;
export const OFFICIAL_EN_ID = 8_200_000_701;

/** Unit numbers no count, percentage or hash can produce by accident. */
const unitNumber = (building: number, i: number) => `K${building}7${String(i).padStart(2, "0")}`;

export async function buildReportPark(h: Harness, o: ReportParkOptions = {}): Promise<ReportPark> {
  const n = o.residents ?? 30;
  const firstId = o.firstId ?? 8_100_000_101;
  const perBuilding = Math.ceil(n / 3);
  const rows = ["building,unit,area_m2"];
  for (let b = 1; b <= 3; b++) for (let i = 1; i <= perBuilding; i++) rows.push(`${b}号楼,${unitNumber(b, i)},${60 + ((b * 7 + i * 13) % 50)}`);
  rows.push("9号楼,K99901,40");
  const imported = await h.services.roster.import(Buffer.from(rows.join("\n")), OPERATOR);
  if (!imported.ok) throw new Error(JSON.stringify(imported));

  const now = h.clock.now();
  const units = await h.db.unit.findMany({ orderBy: { id: "asc" } });
  const identifiers = units.flatMap((u) => [u.number, u.inviteCode]);
  const residents: Person[] = [];
  const parkUnits = units.filter((u) => u.building !== "9号楼");
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    const unit = parkUnits[(i % 3) * perBuilding + Math.floor(i / 3)]!;
    // A few tenants and operators, so the breakdown by relation has small cells to hide.
    const relation = i % 10 === 9 ? "tenant" : i === 4 ? "operator" : "owner";
    const lang = i % 4 === 0 ? "en" : "zh";
    await h.db.user.create({ data: { id: BigInt(id), language: lang, consentAt: now, status: "verified", unitId: unit.id, relation, verifiedAt: now } });
    const firstName = `Resident${String.fromCharCode(65 + (i % 26))}${i}Surname`;
    residents.push(h.person({ id, language_code: lang === "zh" ? "zh-hans" : "en", first_name: firstName }));
    identifiers.push(String(id), firstName);
  }
  const staffUnit = units.find((u) => u.building === "9号楼")!;
  for (const [id, lang] of [[COMMITTEE_ID, "en"], [OFFICIAL_ZH_ID, "zh"], [OFFICIAL_EN_ID, "en"]] as const) {
    await h.db.user.create({ data: { id: BigInt(id), language: lang, consentAt: now, status: "verified", unitId: staffUnit.id, relation: "other", verifiedAt: now } });
    identifiers.push(String(id));
  }
  await h.services.roles.grant(BigInt(COMMITTEE_ID), "committee", OPERATOR);
  await h.services.roles.grant(BigInt(OFFICIAL_ZH_ID), "official", OPERATOR);
  await h.services.roles.grant(BigInt(OFFICIAL_EN_ID), "official", OPERATOR);

  const { lifecycle, closing } = h.services.consultations;
  const parsed = await lifecycle.parse(
    Buffer.from(
      specWith((s) => {
        s.closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
        if (o.seeds === false) s.statements = [];
      }),
    ),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const created = await lifecycle.create(parsed.value, asCommittee(BigInt(COMMITTEE_ID)));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const c = created.value;

  await castBallots(h, c.id, 0, o.voters ?? Infinity);

  if (o.statements !== false) {
    const texts = [
      { zh: "晚上十点后商铺应当停止营业噪音，联系我 13912345678。" },
      { en: "The parcel lockers should move next to the gate; write to li.na.k1701@example.com." },
      { zh: `我家 ${unitNumber(1, 2)} 的消防通道经常被电动车堵住。` },
      { en: "Refuse should be collected every evening at eight." },
      { zh: "物业费应当公开每一笔支出。" },
      { en: "Owners should elect an owners' committee this year." },
      { zh: "公共区域需要更多的照明。" },
      { en: "Call 021-62345678 or ID 110101199003071234 for the night market permit." },
    ];
    const authors = residents.slice(0, texts.length);
    for (const [i, t] of texts.entries()) {
      const lang = t.zh ? "zh" : "en";
      await h.db.statement.create({
        data: { consultationId: c.id, authorId: BigInt(authors[i]!.id), textZh: t.zh ?? null, textEn: t.en ?? null, originalLanguage: lang, normalized: normalizeStatement(t.zh ?? t.en!), status: "approved", createdAt: now },
      });
    }
    await h.db.statement.create({ data: { consultationId: c.id, authorId: BigInt(residents[0]!.id), textZh: "这条被拒绝了。", originalLanguage: "zh", normalized: "rejected-1", status: "rejected", rejectReason: "off-topic", createdAt: now } });
    await h.db.statement.create({ data: { consultationId: c.id, authorId: BigInt(residents[1]!.id), textEn: "Still waiting for moderation.", originalLanguage: "en", normalized: "pending-1", status: "pending", createdAt: now } });
    identifiers.push("13912345678", "li.na.k1701@example.com", "021-62345678", "110101199003071234");
  }

  if (o.statementVotes !== false) {
    const approved = await h.db.statement.findMany({ where: { consultationId: c.id, status: "approved" }, orderBy: { id: "asc" } });
    const rows: { statementId: number; participant: string; voterId: bigint; vote: number; votedAt: Date }[] = [];
    residents.forEach((p, i) => {
      const side = i % 3 === 2 ? -1 : 1; // two planted groups of two thirds and one third
      approved.forEach((s, j) => {
        const vote = j === 0 ? 1 : j === approved.length - 1 && i % 2 === 0 ? 0 : (j % 2 === 0 ? 1 : -1) * side;
        rows.push({ statementId: s.id, participant: `u${p.id}`, voterId: BigInt(p.id), vote, votedAt: now });
      });
    });
    await h.db.statementVote.createMany({ data: rows });
  }

  if (o.close !== false) {
    const closed = await closing.close(c.id, asCommittee(BigInt(COMMITTEE_ID)));
    if (closed.kind !== "closed") throw new Error(`could not close: ${closed.kind}`);
  }
  return {
    consultationId: c.id,
    committee: h.person({ id: COMMITTEE_ID, language_code: "en", first_name: "CommitteeChair" }),
    officialZh: h.person({ id: OFFICIAL_ZH_ID, language_code: "zh-hans", first_name: "OfficialWang" }),
    officialEn: h.person({ id: OFFICIAL_EN_ID, language_code: "en", first_name: "OfficialSmith" }),
    residents,
    identifiers,
  };
}

/** Audience members number `from` … `to` − 1 (in id order) vote in every poll they may vote in. */
export async function castBallots(h: Harness, consultationId: number, from: number, to: number): Promise<void> {
  const { voting } = h.services.consultations;
  const stores = h.stores.consultations;
  const c = (await stores.consultations.find(consultationId))!;
  const members = (await stores.audience.members(c.audience)).slice(from, to);
  for (const [k, m] of members.entries()) {
    const i = from + k;
    const profile = profileOf(m);
    const choices: number[][] = [[i % 4 === 3 ? 1 : 0], [i % 5, (i + 2) % 5].sort(), [1 + (i % 5)], [i % 3, (i + 1) % 3, (i + 2) % 3], [i % 3 === 0 ? 1 : 0]];
    for (const [p, poll] of c.polls.entries()) {
      if (p === 0 && m.relation !== "owner") continue;
      const out = await voting.cast(profile, poll.id, choices[p]!, null);
      if (out.kind !== "recorded") throw new Error(`ballot of ${m.userId} in poll ${p + 1}: ${out.kind}`);
    }
  }
}
