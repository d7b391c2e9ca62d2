// Telegram HTML is the one form every text of the bot is written in (locale
// strings included). Where Telegram or a terminal shows text as is — command
// menus, button-press toasts, the CLI — the same text is shown without markup.

const TAG = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Escapes text for Telegram's HTML parse mode, inside an element or an attribute's quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** What a person sees of a Telegram HTML text: tags dropped, entities decoded (once). */
export function htmlToPlain(html: string): string {
  return html.replace(TAG, "").replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
