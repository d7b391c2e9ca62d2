// Voter keys as the Ballot table stores them (used by the repository and the
// vote path's driver connection alike, so neither imports the other).
import type { VoterKey } from "../domain/polls/index.js";

/**
 * The Ballot table keys a person's ballot "u<telegram id>" (what /forget
 * rewrites) and a unit's "unit<unit id>"; the domain says "user:<id>" and
 * "unit:<id>". An anonymised key ("a…") becomes "user:a…", which no voter
 * record matches, so it is reported but never counted as someone's.
 */
export function storedKey(key: VoterKey): string {
  return key.startsWith("user:") ? `u${key.slice(5)}` : `unit${key.slice(5)}`;
}

export function domainKey(stored: string): VoterKey {
  if (stored.startsWith("unit")) return `unit:${stored.slice(4)}`;
  if (stored.startsWith("u")) return `user:${stored.slice(1)}`;
  return `user:${stored}`;
}
