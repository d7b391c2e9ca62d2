import { foldFullWidth, squeezeSpaces } from "../text/normalize.js";

/**
 * Building and unit names: kept as the roster writes them ("West Tower",
 * "１号楼"), compared by a key that ignores case, width and spacing, so
 * "west  tower" finds "West Tower" and "1号楼" finds "１号楼" — in roster
 * re-imports, spec audiences, the pickers and registration alike.
 */

/** A name as written, only its white space tidied (trimmed, runs squeezed to one space). */
export function writtenName(value: string): string {
  return squeezeSpaces(value);
}

/**
 * What two names are compared by: full-width folded, spaces squeezed, Latin
 * (and other cased) letters upper-cased. Before names were kept as written,
 * the roster stored exactly this, so an old stored name is its own key.
 */
export function nameKey(value: string): string {
  return squeezeSpaces(foldFullWidth(value)).toUpperCase();
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Whether `list` holds `name` under any spelling. */
export function includesName(list: readonly string[], name: string): boolean {
  const key = nameKey(name);
  return list.some((n) => nameKey(n) === key);
}

/** The spelling `list` uses for `name`, or undefined. */
export function findName(list: readonly string[], name: string): string | undefined {
  const key = nameKey(name);
  return list.find((n) => nameKey(n) === key);
}
