// A synthetic Pol.is export on disk, in today's format (xid in participants-votes.csv,
// is-meta/is-seed/group-informed-consensus in comments.csv, datetime in votes.csv),
// built from a planted conversation so the groups to find are known.

import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { plantedConversation, type PlantedOptions } from "./plantedConversation.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
function datetime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffer = "";
  for (const line of lines) {
    buffer += line + "\n";
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      buffer = "";
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve, reject) => out.on("finish", resolve).on("error", reject));
}

export interface SyntheticExport {
  readonly votes: number;
  readonly plantedGroup: Int32Array;
}

export async function writeSyntheticPolisExport(dir: string, options: PlantedOptions): Promise<SyntheticExport> {
  await mkdir(dir, { recursive: true });
  const { input, plantedGroup } = plantedConversation(options);
  const S = options.statements;
  const P = options.participants;
  const start = Date.UTC(2026, 0, 5, 8);
  const code = { agree: 1, disagree: -1, pass: 0 } as const;
  const votes = input.votes;
  await writeLines(
    join(dir, "votes.csv"),
    (function* () {
      yield "timestamp,datetime,comment-id,voter-id,vote";
      for (let i = 0; i < votes.length; i++) {
        const v = votes[i]!;
        const ts = start + i * 1000;
        yield `${ts},${datetime(ts)},${v.statementId},${v.participantId},${code[v.vote]}`;
      }
    })(),
  );
  const agrees = new Int32Array(S);
  const disagrees = new Int32Array(S);
  const cells: Int8Array[] = Array.from({ length: P }, () => new Int8Array(S).fill(9));
  for (const v of votes) {
    cells[v.participantId]![v.statementId] = code[v.vote];
    if (v.vote === "agree") agrees[v.statementId]!++;
    if (v.vote === "disagree") disagrees[v.statementId]!++;
  }
  await writeLines(
    join(dir, "comments.csv"),
    (function* () {
      yield "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,is-meta,is-seed,group-informed-consensus";
      for (let s = 0; s < S; s++) {
        yield `${start + s},${datetime(start + s)},${s},${s % P},${agrees[s]},${disagrees[s]},1,"Statement ${s}, planted",false,${s < 10},`;
      }
    })(),
  );
  await writeLines(
    join(dir, "participants-votes.csv"),
    (function* () {
      yield ["participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", ...Array.from({ length: S }, (_, s) => String(s))].join(",");
      for (let p = 0; p < P; p++) {
        const row = cells[p]!;
        let n = 0;
        let a = 0;
        let d = 0;
        const out: string[] = new Array(S);
        for (let s = 0; s < S; s++) {
          const c = row[s]!;
          if (c === 9) out[s] = "";
          else {
            n++;
            if (c === 1) a++;
            if (c === -1) d++;
            out[s] = String(c);
          }
        }
        yield `${p},,${plantedGroup[p]},${Math.floor(S / P)},${n},${a},${d},${out.join(",")}`;
      }
    })(),
  );
  await writeFile(join(dir, "summary.csv"), `topic,Synthetic\nviews,${P}\nvoters,${P}\nvoters-in-conv,${P}\ncommenters,${P}\ncomments,${S}\ngroups,${options.groupShares.length}\nconversation-description,"Planted groups, for the benchmark"\n`);
  return { votes: votes.length, plantedGroup };
}
