// The snapshot worker thread (src/wiring/snapshotWorker.ts): it builds the
// same content as the builder on the calling thread (votes read as columns on
// both), ends by itself once idle so its heap does not stay in the bot's RSS,
// and starts again for the next report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSnapshotWorker } from "../../src/wiring/snapshotWorker.js";
import { createHarness, type Harness } from "../support/harness.js";
import { consultation, statements, votes } from "../support/statements.js";

let h: Harness;
let cid: number;
beforeAll(async () => {
  h = await createHarness();
  cid = await consultation(h);
  const ids = await statements(h, cid, Array.from({ length: 8 }, (_, i) => `Statement number ${i + 1} about the park`));
  const rows: { participant: string; statementId: number; vote: number }[] = [];
  for (let p = 0; p < 40; p++) {
    ids.forEach((sid, i) => {
      if ((p + i) % 5 === 0) return;
      rows.push({ participant: p % 4 === 0 ? `a${p}` : `u${[9, 10, 100][p % 3]! * 1000 + p}`, statementId: sid, vote: i < 4 ? (p < 20 ? 1 : -1) : i === 7 ? 0 : 1 });
    });
  }
  await votes(h, rows);
});
afterAll(() => h.close());

describe("the snapshot worker thread", () => {
  it("builds what the calling thread builds, ends when idle, and starts again", async () => {
    const c = (await h.stores.consultations.consultations.find(cid))!;
    const at = new Date("2026-11-27T02:00:00Z");
    const here = await h.services.reports.builder.build(c, null, at);
    // Compared as stored and hashed: JSON (the thread answers in JSON, where −0 is 0).
    const json = JSON.stringify(here);
    expect(here.statements.reduce((n, s) => n + s.overall.agree + s.overall.disagree + s.overall.pass, 0)).toBeGreaterThan(200);
    let exits = 0;
    let exited!: () => void;
    const idleExit = () => new Promise<void>((resolve) => (exited = resolve));
    const worker = createSnapshotWorker(h.database.url, "Asia/Shanghai", { idleMs: 20, onIdleExit: () => (exits++, exited()) });
    try {
      let ended = idleExit();
      expect(JSON.stringify(await worker.build(c, null, at))).toBe(json);
      await ended;
      expect(exits).toBe(1);
      ended = idleExit();
      expect(JSON.stringify(await worker.build(c, null, at))).toBe(json);
      await ended;
      expect(exits).toBe(2);
    } finally {
      await worker.close();
    }
  });
});
