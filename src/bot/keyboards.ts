import { InlineKeyboard } from "grammy";

/** Lays buttons out `perRow` to a row. */
export function grid(buttons: { text: string; data: string }[], perRow: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  buttons.forEach((b, i) => {
    if (i > 0 && i % perRow === 0) kb.row();
    kb.text(b.text, b.data);
  });
  return kb;
}
