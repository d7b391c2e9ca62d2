// Real Pol.is open-data exports, kept in the project (tests/fixtures/polis, CC BY 4.0: see its README).
// A missing folder is a failure, not a skip.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { POLIS_FILES, type PolisExportFiles } from "../../../src/domain/polis/types.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const POLIS_DATASETS_DIR = resolve(repoRoot, "tests", "fixtures", "polis");
export const DATASET_NAMES = ["brexit-consensus", "canadian-electoral-reform"] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export function datasetDir(name: DatasetName): string {
  const dir = join(POLIS_DATASETS_DIR, name);
  if (!existsSync(dir)) {
    throw new Error(`Pol.is dataset folder missing: ${dir} (expected tests/fixtures/polis/${name})`);
  }
  return dir;
}

export function datasetFiles(name: DatasetName): PolisExportFiles {
  const dir = datasetDir(name);
  return Object.fromEntries(POLIS_FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")])) as unknown as PolisExportFiles;
}
