import { includesName } from "../residents/names.js";
import type { Resident } from "../residents/resident.js";

/**
 * Who a consultation speaks to: every verified resident, or the verified
 * residents of some buildings. `buildings` null means the whole park.
 */
export function inAudience(resident: Pick<Resident, "status" | "unit">, buildings: readonly string[] | null): boolean {
  if (resident.status !== "verified" || !resident.unit) return false;
  // The exact spelling first: it is the common case, and this runs on every ballot press.
  return buildings === null || buildings.includes(resident.unit.building) || includesName(buildings, resident.unit.building);
}

/** Stored as JSON text; null or an empty list means everyone. */
export function parseAudience(json: string | null): string[] | null {
  if (!json) return null;
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list) && list.length > 0 ? list.map(String) : null;
}
