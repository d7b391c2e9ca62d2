import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzePolisExport, readPolisExport } from "../../src/app/analysis/polisDirectory.js";
import { formatPolisExport, parsePolisExport } from "../../src/domain/polis/exportFiles.js";
import { adjustedRandIndex } from "../../src/domain/consensus/agreement.js";
import { useTestDatabase } from "../support/database.js";
import { cliRunner } from "../support/cli.js";

const DATASETS = new URL("../fixtures/polis/", import.meta.url).pathname;
const t = useTestDatabase();

const cli = cliRunner(() => t.url);
const dir = cli.dir;

/** A copy of the brexit export with one file replaced. */
function brokenExport(name: string, file: string, text: string): string {
  const target = join(dir, name);
  mkdirSync(target, { recursive: true });
  for (const f of readdirSync(join(DATASETS, "brexit-consensus"))) writeFileSync(join(target, f), readFileSync(join(DATASETS, "brexit-consensus", f)));
  writeFileSync(join(target, file), text);
  return name;
}

describe("frontstage analyze", () => {
  it("--json prints exactly the analysis object of analyzePolisExport", async () => {
    const folder = join(DATASETS, "canadian-electoral-reform");
    const r = await cli(["analyze", folder, "--json"]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out);
    expect(printed).toEqual(await analyzePolisExport(folder));
    expect(Object.keys(printed)).toEqual([
      "participants",
      "statementCount",
      "clusteredParticipants",
      "groups",
      "consensus",
      "groupInformedConsensus",
      "uncertainty",
      "statements",
      "polis",
    ]);
    expect(printed.groups).toHaveLength(2);
  });

  it("--json gives every statement's figures and Pol.is's own beside ours", async () => {
    const folder = join(DATASETS, "brexit-consensus");
    const printed = JSON.parse((await cli(["analyze", folder, "--json"])).out);
    const data = await readPolisExport(folder);
    const active = data.comments.filter((c) => c.moderated !== -1);
    expect(printed.statements.map((s: { id: number }) => s.id)).toEqual(active.map((c) => c.commentId));
    // Counts straight from the votes, not from engine code.
    for (const s of printed.statements) {
      const votes = data.votes.filter((v) => v.commentId === s.id);
      expect([s.agree, s.disagree, s.pass, s.seen], `statement ${s.id}`).toEqual([
        votes.filter((v) => v.vote === 1).length,
        votes.filter((v) => v.vote === -1).length,
        votes.filter((v) => v.vote === 0).length,
        votes.length,
      ]);
      expect(Object.keys(s)).toEqual(["id", "agree", "disagree", "pass", "seen", "groupInformedConsensus", "extremity", "polisGroupInformedConsensus", "groups"]);
      expect(s.polisGroupInformedConsensus).toBeNull();
      // Π over groups of (agree + 1) / (seen + 2), by the formula.
      const product = s.groups.reduce((p: number, g: { agree: number; seen: number }) => p * ((g.agree + 1) / (g.seen + 2)), 1);
      expect(s.groupInformedConsensus).toBeCloseTo(product, 12);
    }
    // Pol.is's groups from participants-votes.csv, and the adjusted Rand index by the formula.
    const theirs = new Map(data.participantsVotes.rows.filter((r) => r.groupId !== null).map((r) => [r.participant, r.groupId!]));
    const ours = new Map<number, number>();
    for (const g of printed.groups) for (const p of g.participants) ours.set(p, g.id);
    const both = [...ours.keys()].filter((p) => theirs.has(p));
    expect(printed.polis.polis).toEqual({ count: 2, sizes: [...new Set(theirs.values())].map((g) => [...theirs.values()].filter((x) => x === g).length).sort((a, b) => b - a) });
    expect(printed.polis.ours).toEqual({ count: 2, sizes: printed.groups.map((g: { participants: number[] }) => g.participants.length).sort((a: number, b: number) => b - a) });
    expect(printed.polis.adjustedRandIndex.participants).toBe(both.length);
    expect(printed.polis.adjustedRandIndex.value).toBeCloseTo(
      adjustedRandIndex(
        both.map((p) => ours.get(p)!),
        both.map((p) => theirs.get(p)!),
      ),
      12,
    );
    expect(printed.polis.groupInformedConsensusSpearman).toBeNull();

    const en = (await cli(["analyze", folder])).out;
    const ari = printed.polis.adjustedRandIndex.value.toFixed(3);
    expect(en).toContain(
      [
        "Pol.is's own figures in the export, beside ours:",
        `  Opinion groups: ours 2 (${printed.polis.ours.sizes.join(" + ")} participants), Pol.is's 2 (${printed.polis.polis.sizes.join(" + ")} participants)`,
        `  Agreement of the two groupings (adjusted Rand index; 1 = the same groups, 0 = chance): ${ari}, over the ${both.length} participants both placed`,
        "  The export carries no group-informed-consensus column, so that cannot be compared.",
      ].join("\n"),
    );
    const zh = (await cli(["analyze", folder], "zh_CN.UTF-8")).out;
    expect(zh).toContain(`  两种分组的一致程度（调整兰德指数；1 = 分组相同，0 = 随机）：${ari}，基于两边都归入群体的 ${both.length} 位参与者`);
  });

  it("ranks our group-informed consensus against the export's own column when it has one", async () => {
    const comments = readFileSync(join(DATASETS, "brexit-consensus", "comments.csv"), "utf8").split("\n");
    const json = JSON.parse((await cli(["analyze", join(DATASETS, "brexit-consensus"), "--json"])).out);
    const ours = new Map<number, number>(json.statements.map((s: { id: number; groupInformedConsensus: number }) => [s.id, s.groupInformedConsensus]));
    // A group-informed-consensus column holding our own values: the ranks must agree exactly.
    const withGic = comments.map((line, i) => {
      if (i === 0) return line + ",group-informed-consensus";
      if (line === "") return line;
      const id = Number(line.split(",")[2]);
      const v = ours.get(id);
      return line + "," + (v === undefined ? "" : String(v));
    });
    const name = brokenExport("with-gic", "comments.csv", withGic.join("\n"));
    const r = JSON.parse((await cli(["analyze", name, "--json"])).out);
    expect(r.polis.groupInformedConsensusSpearman).toEqual({ value: 1, statements: ours.size });
    expect(r.statements[0].polisGroupInformedConsensus).toBe(r.statements[0].groupInformedConsensus);
    expect((await cli(["analyze", name])).out).toContain(`  Rank correlation (Spearman) of our group-informed consensus with Pol.is's: 1.000, over ${ours.size} statements`);
  });

  it("prints a readable report in the terminal's language", async () => {
    const en = await cli(["analyze", join(DATASETS, "brexit-consensus")]);
    expect(en.code).toBe(0);
    expect(en.out).toContain("204 participants and 50 statements (moderated-out ones left out); 189 participants voted enough to be placed in opinion groups.");
    expect(en.out).toMatch(/\nOpinion groups: 2\nGroup A — \d+ participants\. What sets it apart:\n {2}[+−] \d+% of the group (agree|disagree) \(\d+ votes\) \[\d+\] /);
    expect(en.out).toContain("\nMost participants agree:\n  [14] 93% of 167 votes: The Northern Ireland/Republic of Ireland border is a huge issue that isn't being given enough attention.");
    const zh = await cli(["analyze", join(DATASETS, "brexit-consensus")], "zh_CN.UTF-8");
    expect(zh.out).toContain("204 位参与者，50 条观点（不含被审核撤下的）；其中 189 位参与者表态足够多，已归入意见群体。");
    expect(zh.out).toContain("意见群体：2 个");
    expect(zh.out).toContain("每个群体都赞成（群体共识）：");
  });

  it("names the file and the line of bad input, exits 2", async () => {
    const cases: [string, string, string, string][] = [
      ["no-vote-column", "votes.csv", "timestamp,datetime,comment-id,voter-id\n1,x,0,0\n", "votes.csv, line 1: missing column vote. Nothing was analysed."],
      ["bad-voter", "votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,abc,1\n", 'votes.csv, line 3: voter-id "abc" is not an integer. Nothing was analysed.'],
      ["bad-comment-id", "comments.csv", "comment-id,moderated,comment-body\n0,1,hello\nx1,1,bye\n", 'comments.csv, line 3: comment-id "x1" is not an integer. Nothing was analysed.'],
      ["vote-two", "votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,1,2\n", 'votes.csv, line 3: vote "2" is not a vote (-1, 0 or 1). Nothing was analysed.'],
      ["pv-cell", "participants-votes.csv", "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0\n0,,0,1,1,0,-2\n", 'participants-votes.csv, line 2: vote on comment 0 "-2" is not a vote (-1, 0 or 1). Nothing was analysed.'],
    ];
    for (const [name, file, text, message] of cases) {
      const r = await cli(["analyze", brokenExport(name, file, text)]);
      expect(r, name).toMatchObject({ code: 2, out: "", err: message });
    }
    const zh = await cli(["analyze", brokenExport("vote-two-zh", "votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,7\n")], "zh_CN.UTF-8");
    expect(zh).toMatchObject({ code: 2, err: 'votes.csv 第 2 行：vote "7" is not a vote (-1, 0 or 1)。没有进行分析。' });

    mkdirSync(join(dir, "empty"), { recursive: true });
    expect(await cli(["analyze", "empty"])).toMatchObject({
      code: 2,
      out: "",
      err: "Neither votes.csv nor participants-votes.csv is in empty: there are no votes to read. Nothing was analysed.",
    });
    expect((await cli(["analyze", "empty"], "zh_CN.UTF-8")).err).toBe("empty 中既没有 votes.csv，也没有 participants-votes.csv：没有可读取的投票。没有进行分析。");
    const noSummary = brokenExport("no-summary", "votes.csv", readFileSync(join(DATASETS, "brexit-consensus", "votes.csv"), "utf8"));
    rmSync(join(dir, noSummary, "summary.csv"));
    expect(await cli(["analyze", noSummary])).toMatchObject({
      code: 2,
      err: `Cannot read summary.csv (${join(dir, noSummary, "summary.csv")}). A Pol.is export folder holds comments.csv, summary.csv, and votes.csv or participants-votes.csv (or both).`,
    });
    expect(await cli(["analyze"])).toMatchObject({ code: 2, err: "frontstage analyze <export folder> [--json]" });
  });
});

describe("frontstage analyze on current exports and bad files", () => {
  it("reads all three exports in tests/fixtures/polis, the current one without votes.csv, and says where the votes came from", async () => {
    for (const name of ["brexit-consensus", "canadian-electoral-reform"]) {
      const r = await cli(["analyze", join(DATASETS, name), "--json"]);
      expect(r, name).toMatchObject({ code: 0, err: "" });
      expect(JSON.parse(r.out).groups).toHaveLength(2);
    }
    const austria = await cli(["analyze", join(DATASETS, "austria-climate-energie"), "--json"]);
    expect(austria.code).toBe(0);
    expect(austria.err).toMatch(/^Note: there is no votes.csv, so the \d+ votes were read from participants-votes.csv \(the latest vote of each participant on each statement; it has no times\)\.$/);
    const json = JSON.parse(austria.out);
    expect(json.participants).toBeGreaterThan(1400);
    expect(json.participants).toBeLessThanOrEqual(1756);
    expect(json.groups.length).toBeGreaterThanOrEqual(2);
    const zh = await cli(["analyze", join(DATASETS, "austria-climate-energie")], "zh_CN.UTF-8");
    expect(zh.code).toBe(0);
    expect(zh.err).toMatch(/^提示：没有 votes.csv，因此 \d+ 票是从 participants-votes.csv 读取的/);
    expect(zh.out).toContain("意见群体：");
  });

  it("notes once the columns it does not know, on stderr, so --json stays JSON", async () => {
    const text = readFileSync(join(DATASETS, "brexit-consensus", "participants-votes.csv"), "utf8").split("\n");
    const widened = text.map((line, i) => (line === "" ? line : line.replace(/^(\d+|participant),/, (m, p: string) => `${p},${i === 0 ? "xid" : ""},`) + (i === 0 ? ",region" : ",north"))).join("\n");
    const name = brokenExport("wider", "participants-votes.csv", widened);
    const r = await cli(["analyze", name, "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('Note: participants-votes.csv has columns this version does not know; they were ignored: "region".');
    expect(JSON.parse(r.out)).toEqual(JSON.parse((await cli(["analyze", join(DATASETS, "brexit-consensus"), "--json"])).out));
  });

  it("refuses a 0-byte file, UTF-16 and GBK, naming the file and the line, exit 2", async () => {
    expect(await cli(["analyze", brokenExport("zero", "summary.csv", "")])).toMatchObject({ code: 2, out: "", err: "summary.csv, line 1: the file is empty (0 bytes). Nothing was analysed." });
    const comments = readFileSync(join(DATASETS, "brexit-consensus", "comments.csv"), "utf8");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(comments, "utf16le")]);
    expect(await cli(["analyze", brokenExport("utf16", "comments.csv", utf16 as unknown as string)])).toMatchObject({
      code: 2,
      err: "comments.csv, line 1: the file is in UTF-16, not UTF-8 (save it as CSV UTF-8). Nothing was analysed.",
    });
    const lines = comments.split("\n");
    const gbk = Buffer.concat([Buffer.from(lines.slice(0, 3).join("\n") + "\n"), Buffer.from([0x31, 0x2c, 0x30, 0x2c, 0xc4, 0xe3, 0x0a])]);
    expect(await cli(["analyze", brokenExport("gbk", "comments.csv", gbk as unknown as string)])).toMatchObject({
      code: 2,
      err: "comments.csv, line 4: the text is not UTF-8 (GBK or another legacy encoding? save it as UTF-8). Nothing was analysed.",
    });
  });
});

describe("frontstage export polis", () => {
  // Telegram ids that would stand out in any file they leaked into.
  const RESIDENTS = Array.from({ length: 12 }, (_, i) => 555_000_100 + i);

  async function seed() {
    const db = t.db.prisma;
    const c = await db.consultation.create({ data: { titleZh: "停车", titleEn: "Parking", status: "open", closesAt: new Date("2026-12-31T00:00:00Z"), residentStatements: true } });
    const texts = ["More chargers", "No horns at night", "A bike shed, with a roof", "Quiet \"hours\" after 22:00"];
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      const s = await db.statement.create({
        data: { consultationId: c.id, textEn: text, originalLanguage: "en", normalized: text.toLowerCase(), status: "approved", authorId: BigInt(RESIDENTS[i]!), createdAt: new Date(Date.UTC(2026, 10, 27, 1, i)) },
      });
      ids.push(s.id);
    }
    const hidden = await db.statement.create({ data: { consultationId: c.id, textEn: "Mr X in 1202 is rude", originalLanguage: "en", normalized: "mr x", status: "rejected" } });
    const rows = [];
    for (const [p, tg] of RESIDENTS.entries()) {
      for (const [k, id] of ids.entries()) {
        if ((p + k) % 5 === 4) continue;
        rows.push({ statementId: id, participant: `u${tg}`, voterId: BigInt(tg), vote: (p < 7) === k < 2 ? 1 : k === 3 ? 0 : -1, votedAt: new Date(Date.UTC(2026, 10, 27, 2, p, k, 123)) });
      }
    }
    rows.push({ statementId: ids[0]!, participant: "a0f3c9", voterId: null, vote: -1, votedAt: new Date(Date.UTC(2026, 10, 27, 3)) });
    rows.push({ statementId: hidden.id, participant: `u${RESIDENTS[0]}`, voterId: BigInt(RESIDENTS[0]!), vote: 1, votedAt: new Date(Date.UTC(2026, 10, 27, 3)) });
    await db.statementVote.createMany({ data: rows });
    return { consultationId: c.id, ids, rows: rows.filter((r) => r.statementId !== hidden.id) };
  }

  it("writes Pol.is's four files with renumbered participants; import → export → import gives the same votes", async () => {
    const { consultationId, ids, rows } = await seed();
    const r = await cli(["export", "polis", String(consultationId), "out"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(new RegExp(`^Wrote consultation #${consultationId} to out in Pol.is's format: 4 statements, ${rows.length} votes, 13 participants \\(renumbered\\), \\d opinion group\\(s\\) named\\.$`));

    const files = Object.fromEntries(["votes.csv", "comments.csv", "participants-votes.csv", "summary.csv"].map((f) => [f, readFileSync(join(dir, "out", f), "utf8")]));
    // Nothing that identifies a resident: no Telegram id, no participant key, no author, no rejected text.
    for (const text of Object.values(files)) {
      for (const tg of RESIDENTS) expect(text).not.toContain(String(tg));
      expect(text).not.toContain("a0f3c9");
      expect(text).not.toContain("1202");
    }
    const exported = await readPolisExport(join(dir, "out"));
    expect(exported.comments.map((c) => [c.commentId, c.body, c.authorId, c.moderated])).toEqual([
      [ids[0], "More chargers", -1, 1],
      [ids[1], "No horns at night", -1, 1],
      [ids[2], "A bike shed, with a roof", -1, 1],
      [ids[3], 'Quiet "hours" after 22:00', -1, 1],
    ]);
    // Participants are 0…12 in the order of their first vote; times are cut to the minute.
    const numberOf = new Map<string, number>();
    [...rows].sort((a, b) => a.votedAt.getTime() - b.votedAt.getTime()).forEach((v) => numberOf.has(v.participant) || numberOf.set(v.participant, numberOf.size));
    expect([...new Set(exported.votes.map((v) => v.voterId))].sort((a, b) => a - b)).toEqual([...Array(13).keys()]);
    const expected = rows.map((v) => `${numberOf.get(v.participant)}:${v.statementId}:${v.vote}`).sort();
    expect(exported.votes.map((v) => `${v.voterId}:${v.commentId}:${v.vote}`).sort()).toEqual(expected);
    for (const v of exported.votes) expect(v.timestamp % 60_000).toBe(0);
    expect(exported.summary.entries.slice(0, 2)).toEqual([["topic", "停车 / Parking"], ["views", "13"]]);
    // Groups smaller than 5 are not named.
    const sizes = new Map<number, number>();
    for (const row of exported.participantsVotes.rows) if (row.groupId !== null) sizes.set(row.groupId, (sizes.get(row.groupId) ?? 0) + 1);
    for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(5);

    // import → export → import
    const again = parsePolisExport(formatPolisExport(exported));
    expect(again.votes).toEqual(exported.votes);
    expect(again.comments).toEqual(exported.comments);
    const r2 = await cli(["analyze", "out", "--json"]);
    expect(JSON.parse(r2.out)).toMatchObject({ participants: 13, statementCount: 4 });
  });

  it("refuses a bad or unknown consultation id, exit 2", async () => {
    expect(await cli(["export", "polis", "abc", "out"])).toMatchObject({ code: 2, err: "“abc” is not a consultation number.\nfrontstage export polis <consultation id> <folder>" });
    expect(await cli(["export", "polis", "42", "out2"], "zh_CN.UTF-8")).toMatchObject({ code: 2, err: "没有编号为 #42 的征询。没有写入任何文件。" });
    expect(await cli(["export", "polis", "1"])).toMatchObject({ code: 2, err: "frontstage export polis <consultation id> <folder>" });
  });

  it("lists both commands in the help", async () => {
    const help = await cli(["--help"]);
    expect(help.out).toContain("frontstage analyze <export folder> [--json]");
    expect(help.out).toContain("frontstage export polis <consultation id> <folder>");
    expect((await cli(["analyze", "--help"])).out).toContain("--json prints the analysis as JSON");
  });
});
