// Runs every bench/*.bench.ts in alphabetical order. Each bench file exports
// `async function run(): Promise<void>` that prints its own figures; this runner
// only discovers them, so adding a benchmark never means editing this file.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface BenchModule {
  run?: () => Promise<void>;
}

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  try {
    const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as BenchModule;
    if (typeof mod.run !== "function") {
      console.log(`(skipped: ${file} exports no run())`);
      continue;
    }
    await mod.run();
  } catch (error) {
    failed += 1;
    console.error(`${file} failed:`, error);
  }
}
if (failed > 0) process.exitCode = 1;
