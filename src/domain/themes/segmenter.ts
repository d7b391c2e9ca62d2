// Chinese word segmentation with @node-rs/jieba. The dictionary (a few MB) is
// loaded once, on first use, so code that never meets Chinese text never pays
// for it. It is the one place this domain module reads a file (the package's
// bundled dictionary); the result is a pure function of the text.

import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";

let jieba: Jieba | undefined;

function load(): Jieba {
  if (jieba === undefined) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/** Words of a run of Chinese text (HMM on, so words missing from the dictionary still come out whole). */
export function segmentChinese(text: string): string[] {
  return load().cut(text, true);
}
