import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS, inputDigest, verifyChain, type AuditRow } from "../../../src/domain/audit/chain.js";

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const c = { at: new Date(Date.UTC(2026, 10, 27, 2, 0, i)), actor: BigInt(100 + i), role: "committee", action: "statement.approve", target: `statement:${i}`, inputSha256: inputDigest({ i }) };
    const hash = auditHash(prev, c);
    rows.push({ id: i, ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("the audit chain", () => {
  it("an intact chain verifies, page by page", () => {
    const rows = chain(10);
    const first = verifyChain(rows.slice(0, 4), GENESIS);
    expect(first).toMatchObject({ ok: true, checked: 4 });
    expect(verifyChain(rows.slice(4), first.ok ? first.last : "")).toMatchObject({ ok: true, checked: 6, last: rows[9]!.hash });
  });

  it("names the edited row, a row whose predecessor was removed, and the checked rows before it", () => {
    const rows = chain(6);
    const edited = rows.map((r) => (r.id === 4 ? { ...r, target: "statement:99" } : r));
    expect(verifyChain(edited, GENESIS)).toEqual({ ok: false, broken: { id: 4, reason: "hash" }, checked: 3 });
    const removed = rows.filter((r) => r.id !== 3);
    expect(verifyChain(removed, GENESIS)).toEqual({ ok: false, broken: { id: 4, reason: "link" }, checked: 2 });
    // Re-hashing the edited row does not help: the next row no longer follows.
    const rehashed = rows.map((r) => (r.id === 4 ? { ...r, actor: 1n, hash: auditHash(r.prevHash, { ...r, actor: 1n }) } : r));
    expect(verifyChain(rehashed, GENESIS)).toMatchObject({ ok: false, broken: { id: 5, reason: "link" } });
  });

  it("the input digest does not depend on key order, and keeps bigints and bytes", () => {
    expect(inputDigest({ a: 1, b: { c: 2n, d: [1, 2] } })).toBe(inputDigest({ b: { d: [1, 2], c: 2n }, a: 1 }));
    expect(canonicalJson({ b: 2n, a: null })).toBe('{"a":null,"b":"2"}');
    expect(canonicalJson(new Uint8Array([1, 2]))).toContain('"bytes":2');
    expect(inputDigest(undefined)).toBe(inputDigest(null));
  });
});
