import { CsvSyntaxError, decodeUtf8, parseCsv } from "../text/csv.js";
import { nameKey, writtenName } from "./names.js";
import { parseArea } from "./area.js";

/** A unit of a roster file, its names as written (see names.ts; compare them with nameKey). */
export interface RosterUnit {
  building: string;
  number: string;
  areaCenti: number | null;
}

export type RosterProblem =
  | { line: number; reason: "empty-file" | "not-utf8" | "too-large" }
  | { line: number; reason: "missing-columns"; columns: string[] }
  | { line: number; reason: "unknown-columns"; columns: string[] }
  | { line: number; reason: "csv-syntax" }
  | { line: number; reason: "field-count"; expected: number; got: number }
  | { line: number; reason: "empty-building" | "empty-unit" | "field-too-long" }
  | { line: number; reason: "bad-area"; value: string }
  | { line: number; reason: "duplicate-unit"; firstLine: number };

export type RosterParse = { ok: true; units: RosterUnit[] } | { ok: false; problems: RosterProblem[] };

export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;
const REQUIRED = ["building", "unit"] as const;
const OPTIONAL = ["area_m2"] as const;
const MAX_FIELD = 64;

const unitKey = (building: string, number: string) => `${building}\u0000${number}`;

/**
 * Reads a roster file: columns `building,unit,area_m2` (area optional, any column
 * order, header required), UTF-8 with or without BOM. Any bad row rejects the
 * whole file, so the committee never ends up with half a roster.
 */
export function parseRoster(bytes: Uint8Array): RosterParse {
  if (bytes.length > ROSTER_MAX_BYTES) return { ok: false, problems: [{ line: 0, reason: "too-large" }] };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, problems: [{ line: 0, reason: "not-utf8" }] };
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problems: [{ line: e.line, reason: "csv-syntax" }] };
    throw e;
  }
  const header = records[0];
  if (!header) return { ok: false, problems: [{ line: 1, reason: "empty-file" }] };

  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(REQUIRED as readonly string[]).includes(n) && !(OPTIONAL as readonly string[]).includes(n));
  const problems: RosterProblem[] = [];
  if (missing.length) problems.push({ line: header.line, reason: "missing-columns", columns: missing });
  if (unknown.length) problems.push({ line: header.line, reason: "unknown-columns", columns: unknown });
  if (problems.length) return { ok: false, problems };
  if (records.length === 1) return { ok: false, problems: [{ line: header.line + 1, reason: "empty-file" }] };

  const col = (name: string) => names.indexOf(name);
  const [bi, ui, ai] = [col("building"), col("unit"), col("area_m2")];
  const units: RosterUnit[] = [];
  const seen = new Map<string, number>();
  // One building, one name: a building written two ways in one file takes its first spelling.
  const spelling = new Map<string, string>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== names.length) {
      problems.push({ line, reason: "field-count", expected: names.length, got: fields.length });
      continue;
    }
    const written = writtenName(fields[bi]!);
    const building = written && (spelling.get(nameKey(written)) ?? written);
    if (building) spelling.set(nameKey(building), building);
    const number = writtenName(fields[ui]!);
    const rawArea = ai >= 0 ? fields[ai]!.trim() : "";
    if (!building) problems.push({ line, reason: "empty-building" });
    if (!number) problems.push({ line, reason: "empty-unit" });
    if (building.length > MAX_FIELD || number.length > MAX_FIELD) problems.push({ line, reason: "field-too-long" });
    let areaCenti: number | null = null;
    if (rawArea) {
      const area = parseArea(rawArea);
      if (area.ok) areaCenti = area.centi;
      else problems.push({ line, reason: "bad-area", value: rawArea });
    }
    if (building && number) {
      const key = unitKey(nameKey(building), nameKey(number));
      const first = seen.get(key);
      if (first !== undefined) problems.push({ line, reason: "duplicate-unit", firstLine: first });
      else seen.set(key, line);
    }
    units.push({ building, number, areaCenti });
  }
  return problems.length ? { ok: false, problems } : { ok: true, units };
}
