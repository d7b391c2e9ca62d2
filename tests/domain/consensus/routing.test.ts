import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";
import {
  chooseNextStatement,
  prepareRouting,
  SEED_PRIORITY,
  statementImportance,
  statementPriority,
  type RoutingStatement,
} from "../../../src/domain/consensus/routing.js";

describe("statement priority", () => {
  it("gives a brand-new statement the ninefold boost: ((1/2)·1·(1/2)·9)² = 5.0625", () => {
    expect(statementImportance(0, 0, 0, 0)).toBe(0.25);
    expect(statementPriority(0, 0, 0, 0)).toBeCloseTo(5.0625, 12);
  });

  it("matches the formula by hand for S 10, A 6, P 2, E 0.5", () => {
    // p = 3/12, a = 7/12, importance = 0.75·1.5·7/12 = 0.65625, boost 1 + 8·2^−2 = 3 → 1.96875²
    expect(statementImportance(10, 6, 2, 0.5)).toBeCloseTo(0.65625, 12);
    expect(statementPriority(10, 6, 2, 0.5)).toBeCloseTo(3.8759765625, 12);
  });

  it("gives seed statements the fixed seed priority", () => {
    const table = prepareRouting([
      { statementId: "a", seen: 100, agree: 50, pass: 10, extremity: 0.2, seed: true },
      { statementId: "b", seen: 0, agree: 0, pass: 0, extremity: 0 },
    ]);
    expect(table.priorities[0]).toBe(SEED_PRIORITY);
    expect(prepareRouting([{ statementId: "a", seen: 1, agree: 1, pass: 0, extremity: 0, seed: true }], { seedPriority: 3 }).priorities[0]).toBe(3);
  });
});

describe("chooseNextStatement", () => {
  const statements: RoutingStatement<number>[] = [
    { statementId: 1, seen: 0, agree: 0, pass: 0, extremity: 0 }, // 5.0625
    { statementId: 2, seen: 10, agree: 6, pass: 2, extremity: 0.5 }, // 3.876
    { statementId: 3, seen: 200, agree: 20, pass: 150, extremity: 0 }, // tiny
  ];

  it("never picks a statement the resident voted on, and returns null when none is left", () => {
    const random = createSeededRandom(1);
    for (let i = 0; i < 200; i++) expect(chooseNextStatement(statements, new Set([1, 2]), random)).toBe(3);
    expect(chooseNextStatement(statements, new Set([1, 2, 3]), random)).toBeNull();
  });

  it("draws in proportion to priority", () => {
    const random = createSeededRandom(2);
    const table = prepareRouting(statements);
    const total = table.priorities.reduce((a, b) => a + b, 0);
    const hits = new Map<number, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const id = chooseNextStatement(table, new Set<number>(), random)!;
      hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    for (let i = 0; i < statements.length; i++) {
      const expected = table.priorities[i]! / total;
      expect(Math.abs((hits.get(statements[i]!.statementId) ?? 0) / n - expected)).toBeLessThan(0.015);
    }
  });

  it("takes its randomness from the caller: a fixed source gives a fixed answer", () => {
    // r = 0 → the first eligible; r just below 1 → the last eligible
    expect(chooseNextStatement(statements, new Set<number>(), () => 0)).toBe(1);
    expect(chooseNextStatement(statements, new Set<number>(), () => 0.999999999)).toBe(3);
    expect(chooseNextStatement(statements, new Set([1]), () => 0)).toBe(2);
  });

  it("gives the same answer from raw stats and from a prepared table", () => {
    const a = createSeededRandom(5);
    const b = createSeededRandom(5);
    const table = prepareRouting(statements);
    for (let i = 0; i < 50; i++) expect(chooseNextStatement(statements, new Set([2]), a)).toBe(chooseNextStatement(table, new Set([2]), b));
  });
});
