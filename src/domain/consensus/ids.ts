import type { ParticipantId } from "./types.js";

/**
 * Canonical order of ids: numbers before strings, numbers ascending, strings by
 * UTF-16 code units (locale-independent, so every machine agrees).
 */
export function compareIds(a: ParticipantId, b: ParticipantId): number {
  if (typeof a === "number") {
    if (typeof b !== "number") return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
