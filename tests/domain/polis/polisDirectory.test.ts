import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  analyzePolisExport,
  PolisExportFileError,
  readPolisExport,
  writePolisExport,
} from "../../../src/app/analysis/polisDirectory.js";
import { PolisFormatError } from "../../../src/domain/polis/errors.js";
import { datasetDir } from "./datasets.js";

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "polis-export-"));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("Pol.is export folders", () => {
  it("analyses canadian-electoral-reform into the JSON summary, in the export's ids", async () => {
    const json = await analyzePolisExport(datasetDir("canadian-electoral-reform"));
    expect(json.participants).toBe(448);
    expect(json.statementCount).toBe(174 - 22);
    expect(json.statements).toHaveLength(174 - 22);
    expect(json.clusteredParticipants).toHaveLength(281);
    expect(json.groups.map((g) => g.id)).toEqual([0, 1]);
    expect(json.groups.reduce((n, g) => n + g.participants.length, 0)).toBe(281);
    for (const g of json.groups) {
      for (const r of g.representative) {
        expect(Object.keys(r).sort()).toEqual(["direction", "probability", "statementId", "zScore"]);
        expect(["agree", "disagree"]).toContain(r.direction);
        expect(Number.isInteger(r.statementId)).toBe(true);
      }
    }
    expect(json.groupInformedConsensus).toHaveLength(10);
    expect(json.consensus.agree.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes the four files and reads back the same data", async () => {
    const data = await readPolisExport(datasetDir("brexit-consensus"));
    const dir = await tempDir();
    await writePolisExport(join(dir, "copy"), data);
    expect(await readPolisExport(join(dir, "copy"))).toEqual(data);
    const analysedCopy = await analyzePolisExport(join(dir, "copy"));
    expect(analysedCopy).toEqual(await analyzePolisExport(datasetDir("brexit-consensus")));
  });

  it("names a missing file", async () => {
    const dir = await tempDir();
    const data = await readPolisExport(datasetDir("brexit-consensus"));
    await writePolisExport(dir, data);
    await rm(join(dir, "summary.csv"));
    const error = await readPolisExport(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolisExportFileError);
    expect((error as PolisExportFileError).file).toBe("summary.csv");
  });

  it("names the file and line of a broken row", async () => {
    const dir = await tempDir();
    await writePolisExport(dir, await readPolisExport(datasetDir("brexit-consensus")));
    const votes = (await readFile(join(dir, "votes.csv"), "utf8")).split("\n");
    votes[3] = votes[3]!.replace(/,(-?\d)$/, ",5");
    await writeFile(join(dir, "votes.csv"), votes.join("\n"));
    const error = await readPolisExport(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolisFormatError);
    expect((error as PolisFormatError).message).toMatch(/^votes\.csv, line 4: vote "5"/);
  });
});
