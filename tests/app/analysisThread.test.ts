// The opinion-group analysis in a worker thread (src/wiring/analysisThread.ts):
// it gives exactly what the same analysis gives on the calling thread, both from
// the TypeScript sources (as here, under vitest) and from the compiled dist/ (as
// `npm start` runs it), and fails clearly instead of hanging.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeAnalysis } from "../../src/app/statements/analysisRefresher.js";
import { AnalysisThread, workerEntry } from "../../src/wiring/analysisThread.js";
import { PrismaStatementStore } from "../../src/db/repositories/statements.js";
import { parseSnapshot } from "../../src/domain/statements/snapshot.js";
import { createHarness, type Harness } from "../support/harness.js";
import { consultation, statements, votes } from "../support/statements.js";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;

let h: Harness;
let cid: number;
beforeAll(async () => {
  h = await createHarness();
  cid = await consultation(h);
  const ids = await statements(h, cid, Array.from({ length: 8 }, (_, i) => `Statement number ${i + 1} about the park`));
  // Two camps of 30 that disagree on half the statements, plus some passes.
  const rows: { participant: string; statementId: number; vote: number }[] = [];
  for (let p = 0; p < 60; p++) {
    ids.forEach((sid, i) => {
      if ((p + i) % 7 === 0) return;
      const camp = p < 30 ? 1 : -1;
      rows.push({ participant: `u${10_000 + p}`, statementId: sid, vote: i < 4 ? camp : i === 7 ? 0 : 1 });
    });
  }
  await votes(h, rows);
});
afterAll(() => h.close());

describe("the analysis worker thread", () => {
  it("starts from the sources under vitest/tsx and from analysisWorker.js when compiled", () => {
    expect(workerEntry("file:///app/dist/src/wiring/analysisThread.js")).toEqual({ kind: "compiled", url: new URL("file:///app/dist/src/wiring/analysisWorker.js") });
    const source = workerEntry(new URL("../../src/wiring/analysisThread.ts", import.meta.url).href);
    expect(source.kind).toBe("source");
    expect(source.kind === "source" && source.code).toMatch(/tsx\/dist\/esm\/api\/index\.mjs".*analysisWorker\.ts"/s);
  });

  it("gives the same analysis as the calling thread, and the refresher stores it", async () => {
    const here = await computeAnalysis(new PrismaStatementStore(h.db, h.database.db.provider), cid);
    expect(here.voteCount).toBeGreaterThan(400);
    expect(here.snapshot.groups.length).toBeGreaterThanOrEqual(2);
    const thread = new AnalysisThread(h.database.url);
    try {
      const there = await thread.analyze(cid);
      expect(there).toEqual(here);
      // A second request reuses the same worker.
      expect(await thread.analyze(cid)).toEqual(here);
    } finally {
      await thread.close();
    }
  });

  it("is what the services use when asked to, closed with the refresher", async () => {
    const { createServices } = await import("../../src/wiring/compose.js");
    const services = createServices(h.database.db, { configuredAdmins: [], clock: h.clock, databaseUrl: h.database.url, analysisThread: true });
    try {
      const snapshot = await services.statements.analysis.refreshNow(cid);
      const row = await h.db.analysisCache.findUniqueOrThrow({ where: { consultationId: cid } });
      expect(parseSnapshot(row.data)).toEqual(JSON.parse(JSON.stringify(snapshot)));
      expect(row.voteCount).toBe(snapshot!.voteCount);
    } finally {
      await services.statements.analysis.stop();
      await services.consultations.close();
    }
  });

  it("fails with the reason when the worker cannot open its database, instead of hanging", async () => {
    const thread = new AnalysisThread(h.database.url.startsWith("file:") ? "file:/nonexistent-dir/for/sure/x.db" : "postgresql://postgres@127.0.0.1:1/none");
    await expect(thread.analyze(cid)).rejects.toThrow();
    await thread.close();
  });

  it("works from the compiled JavaScript, as npm start runs it", async () => {
    const out = mkdtempSync(join(ROOT, ".dist-test-"));
    try {
      await run(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(ROOT, "tsconfig.build.json"), "--outDir", out], { cwd: ROOT });
      const script = `
        const { AnalysisThread } = await import(${JSON.stringify(join(out, "src/wiring/analysisThread.js"))});
        const thread = new AnalysisThread(process.argv[2]);
        const result = await thread.analyze(Number(process.argv[3]));
        await thread.close();
        process.stdout.write(JSON.stringify(result));`;
      writeFileSync(join(out, "analyse.mjs"), script);
      const { stdout } = await run(process.execPath, [join(out, "analyse.mjs"), h.database.url, String(cid)], { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } });
      const here = await computeAnalysis(new PrismaStatementStore(h.db, h.database.db.provider), cid);
      expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(here)));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
