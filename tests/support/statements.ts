// Building blocks for statement tests: residents, committee members,
// consultations and statements stored directly, so each test starts from the
// situation it is about. (Consultations are created with prisma: /new is
// another feature's.)
import { normalizeStatement, statementLanguage } from "../../src/domain/statements/text.js";
import type { Harness, Person } from "./harness.js";

let unitSeq = 0;

/** A verified resident of `building` (created with its unit), talking in `lang`. */
export async function resident(h: Harness, id: number, lang: "zh" | "en", building = "3号楼"): Promise<Person> {
  unitSeq++;
  const unit = await h.db.unit.create({ data: { building, number: String(1000 + unitSeq), inviteCode: `T${id}X${unitSeq}` } });
  await h.db.user.create({
    data: { id: BigInt(id), language: lang, consentAt: h.clock.now(), status: "verified", unitId: unit.id, relation: "owner", verifiedAt: h.clock.now() },
  });
  return h.person({ id, language_code: lang === "zh" ? "zh-hans" : "en" });
}

/** A committee member (also a verified resident, so they can rate too). */
export async function committeeMember(h: Harness, id: number, lang: "zh" | "en"): Promise<Person> {
  const p = await resident(h, id, lang);
  await h.db.roleGrant.create({ data: { userId: BigInt(id), role: "committee" } });
  return p;
}

export interface ConsultationOptions {
  titleZh?: string;
  titleEn?: string;
  status?: string;
  audience?: string[] | null;
  residentStatements?: boolean;
  moderated?: boolean;
}

export async function consultation(h: Harness, o: ConsultationOptions = {}): Promise<number> {
  const row = await h.db.consultation.create({
    data: {
      titleZh: o.titleZh ?? "停车位规划",
      titleEn: o.titleEn ?? "Parking plan",
      status: o.status ?? "open",
      audienceBuildings: o.audience ? JSON.stringify(o.audience) : null,
      residentStatements: o.residentStatements ?? true,
      moderated: o.moderated ?? true,
      closesAt: new Date(h.clock.now().getTime() + 7 * 86_400_000),
      openedAt: h.clock.now(),
    },
  });
  return row.id;
}

/** Stores statements as the committee would (approved; `seed` for committee statements). */
export async function statements(
  h: Harness,
  consultationId: number,
  texts: readonly (string | { zh?: string; en?: string; status?: string; seed?: boolean; authorId?: bigint })[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const item of texts) {
    const o = typeof item === "string" ? { [statementLanguage(item, "en")]: item } : item;
    const original = o.zh && !o.en ? "zh" : o.en && !o.zh ? "en" : "zh";
    const text = (original === "zh" ? o.zh : o.en)!;
    const row = await h.db.statement.create({
      data: {
        consultationId,
        textZh: o.zh ?? null,
        textEn: o.en ?? null,
        originalLanguage: original,
        normalized: normalizeStatement(text),
        status: typeof item === "string" ? "approved" : (item.status ?? "approved"),
        seed: typeof item === "string" ? false : (item.seed ?? false),
        authorId: typeof item === "string" ? null : (item.authorId ?? null),
        createdAt: h.clock.now(),
      },
    });
    ids.push(row.id);
  }
  h.services.statements.routing.invalidate(consultationId);
  return ids;
}

/** Votes stored directly (1 agree, −1 disagree, 0 pass), for participants that are not Persons. */
export async function votes(h: Harness, rows: readonly { participant: string; statementId: number; vote: number }[]): Promise<void> {
  await h.db.statementVote.createMany({ data: rows.map((r) => ({ ...r, voterId: r.participant.startsWith("u") ? BigInt(r.participant.slice(1)) : null, votedAt: h.clock.now() })) });
}
