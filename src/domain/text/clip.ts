/** Cuts a text to at most `max` characters (code points), ending with "…" when it was longer. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}
