import { foldFullWidth } from "../text/normalize.js";

/** No 0/O, 1/I/L, 5/S, 2/Z, 8/B: codes are read off printed letters. */
export const INVITE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const INVITE_CODE_LENGTH = 8;

/** A code from a source of uniform random integers in [0, n). */
export function generateInviteCode(randomInt: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/**
 * What a person typed, in the form codes are stored: spaces, dashes and
 * full-width characters removed, upper case. Returns null when it cannot be a
 * code at all (wrong length or letters outside the alphabet).
 */
export function normalizeInviteCode(input: string): string | null {
  const code = foldFullWidth(input).replace(/[\s\-_.]/g, "").toUpperCase();
  if (code.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of code) if (!INVITE_ALPHABET.includes(ch)) return null;
  return code;
}
