import { InlineKeyboard } from "grammy";

/** A button before it is laid out: its label and its callback data. */
export interface Button {
  readonly text: string;
  readonly data: string;
}

/** Rows of buttons as an inline keyboard, each row on its own line. */
export function keyboardOf(rows: readonly (readonly Button[])[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  rows.forEach((row, i) => {
    if (i > 0) kb.row();
    for (const b of row) kb.text(b.text, b.data);
  });
  return kb;
}

/** Cuts buttons into rows of `perRow`. */
export function rowsOf<T>(buttons: readonly T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

/** Lays buttons out `perRow` to a row. */
export function grid(buttons: readonly Button[], perRow: number): InlineKeyboard {
  return keyboardOf(rowsOf(buttons, perRow));
}
