// A property over random parks: whatever the park, the report's content holds
// no participant id, no unit number and no contact detail; no breakdown shows
// a count of 1–4; a withheld count cannot be worked out from its column's
// total; groups under 5 are not described.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportPrivacy } from "../../../src/app/reports/privacy.js";
import type { Consultation } from "../../../src/domain/consultations/consultation.js";
import { buildReportContent, type BreakdownRow, type ShownCount } from "../../../src/domain/reports/index.js";
import { voteColumnsOf } from "../../../src/domain/consensus/voteColumns.js";
import type { Statement } from "../../../src/domain/statements/statement.js";

const park = fc.record({
  buildings: fc.integer({ min: 1, max: 4 }),
  members: fc.array(
    fc.record({ building: fc.nat(3), relation: fc.constantFrom("owner", "tenant", "operator", "other", null), language: fc.constantFrom("zh", "en"), tookPart: fc.boolean() }),
    { maxLength: 60 },
  ),
  statements: fc.array(fc.record({ contact: fc.constantFrom("", " 电话 13812345678", " mail a.b@c.com", " 我住 UNIT"), lang: fc.constantFrom("zh", "en"), status: fc.constantFrom("approved", "approved", "rejected", "pending") }), { maxLength: 8 }),
  voters: fc.integer({ min: 0, max: 40 }),
  seed: fc.nat(1000),
});

const isSmall = (c: ShownCount) => typeof c === "number" && c >= 1 && c <= 4;

/** Whether some withheld cell of a column is pinned by the total and the shown cells (only one withheld, or all withheld sum known and one range). */
function recoverable(cells: readonly ShownCount[], total: ShownCount): boolean {
  const hidden = cells.filter((c) => typeof c !== "number");
  return typeof total === "number" && hidden.length === 1;
}

describe("report content over random parks", () => {
  it("never carries an identifier, a small count or an undescribed group's details", () => {
    fc.assert(
      fc.property(park, (p) => {
        const units = Array.from({ length: p.buildings * 3 }, (_, i) => `ZQ${p.seed}${i}X`);
        const ids = p.members.map((_, i) => 7_000_000_000 + p.seed * 100 + i);
        const now = new Date("2026-11-27T02:00:00Z");
        const statements: Statement[] = p.statements.map((s, i) => {
          const text = `Statement ${i} about the park${s.contact.replace("UNIT", units[i % units.length]!)}`;
          return { id: i + 1, consultationId: 1, authorId: BigInt(ids[i % Math.max(1, ids.length)] ?? 1), seed: false, textZh: s.lang === "zh" ? text : null, textEn: s.lang === "en" ? text : null, originalLanguage: s.lang, status: s.status, rejectReason: null, moderatedBy: null, moderatedAt: null, createdAt: now };
        });
        const values = ["disagree", "pass", "agree"] as const;
        const votes = ids.slice(0, p.voters).flatMap((id, i) => statements.map((s, j) => ({ participantId: `u${id}`, statementId: s.id, vote: values[(i * 7 + j * 3 + p.seed) % 3]! })));
        const c: Consultation = { id: 1, title: { zh: "测试" }, description: null, status: "closed", audience: null, opensAt: null, closesAt: now, openedAt: now, closedAt: now, residentStatements: true, moderated: true, remindersQueuedAt: null, publishedAt: null, createdBy: null, createdAt: now, polls: [] };
        const content = buildReportContent({
          consultation: c,
          computedAt: now,
          results: new Map(),
          members: p.members.map((m) => ({ building: `B${m.building % p.buildings}`, relation: m.relation, language: m.language, tookPart: m.tookPart })),
          statements,
          votes: voteColumnsOf(votes),
          privacy: reportPrivacy(units),
          previous: null,
        });
        const json = JSON.stringify(content);
        for (const id of ids) expect(json).not.toContain(String(id));
        for (const u of units) expect(json).not.toContain(u);
        expect(json).not.toContain("13812345678");
        expect(json).not.toContain("a.b@c.com");
        const pa = content.participation;
        for (const column of [pa.byBuilding, pa.byRelation, pa.byLanguage]) {
          for (const key of ["eligible", "tookPart"] as const) {
            const cells = column.map((r: BreakdownRow) => r[key]);
            expect(cells.some(isSmall)).toBe(false);
            expect(recoverable(cells, pa[key])).toBe(false);
          }
        }
        expect(isSmall(pa.eligible) || isSmall(pa.tookPart)).toBe(false);
        for (const g of content.opinions.groups) {
          expect(isSmall(g.size)).toBe(false);
          if (!g.described) expect(g.representative).toEqual([]);
        }
        const described = new Set(content.opinions.groups.filter((g) => g.described).map((g) => g.label));
        for (const s of content.statements) for (const label of Object.keys(s.byGroup)) expect(described.has(label)).toBe(true);
        for (const point of content.opinions.map) if (point.group !== null) expect(described.has(point.group)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
