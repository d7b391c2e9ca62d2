import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Every text the bot sends goes through src/bot/replies.ts, which sets Telegram's
// HTML parse mode and turns HTML into plain text where Telegram shows it as is.
// A direct call of a text method elsewhere could send unescaped or unparsed text.
const root = new URL("../../", import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // The emulator and the demo are Telegram's side of the API (they implement and drive it), not the bot's.
    if (statSync(p).isDirectory()) return f === "generated" || f === "emulator" || f === "demo" ? [] : files(p);
    return p.endsWith(".ts") ? [p] : [];
  });
const DIRECT = /\.(reply|replyWithDocument|replyWithPhoto|editMessageText|editMessageCaption|editMessageReplyMarkup|sendMessage|sendDocument|sendPhoto|answerCallbackQuery)\s*\(|parse_mode/;

describe("one rendering path", () => {
  it("no code of the bot in src calls the Bot API's text methods or sets a parse mode except src/bot/replies.ts", () => {
    const offenders: string[] = [];
    for (const f of files(join(root, "src"))) {
      const rel = relative(root, f);
      if (rel === "src/bot/replies.ts") continue;
      readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (DIRECT.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
