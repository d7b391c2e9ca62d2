/**
 * Full-width ASCII (Ａ-Ｚ, ０-９, full-width space) is common when typing with a
 * Chinese input method; fold it to half-width so "ＡＢ１２" equals "AB12".
 */
export function foldFullWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

/** Collapse runs of white space to one space and trim the ends. */
export function squeezeSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export { escapeHtml } from "./html.js";
