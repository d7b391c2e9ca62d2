import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createServices } from "../../src/wiring/compose.js";
import { useTestDatabase } from "../support/database.js";
import { cliRunner } from "../support/cli.js";

const DATASETS = new URL("../fixtures/polis/", import.meta.url).pathname;
const t = useTestDatabase();

const cli = cliRunner(() => t.url);
const dir = cli.dir;

async function counts() {
  const db = t.db.prisma;
  return { consultations: await db.consultation.count(), statements: await db.statement.count(), votes: await db.statementVote.count(), imports: await db.polisImport.count() };
}

describe("frontstage import polis", () => {
  it("makes a closed consultation of the export: statements in their language, votes under anonymous keys, moderated-out comments kept out; the same groups as analyze", async () => {
    const folder = join(DATASETS, "canadian-electoral-reform");
    const r = await cli(["import", "polis", folder]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const db = t.db.prisma;
    const consultation = (await db.consultation.findFirst())!;
    expect(r.out).toBe(
      `Imported ${folder} as consultation #${consultation.id} (closed): 152 statements, 448 participants under anonymous keys, 11950 votes.\n` +
        "22 comments moderated out in Pol.is stay out (no text of theirs is kept).",
    );
    const summary = readFileSync(join(folder, "summary.csv"), "utf8");
    const topic = /^topic,(.*)$/m.exec(summary)![1]!.replace(/^"|"$/g, "");
    expect(consultation).toMatchObject({ status: "closed", titleEn: topic, titleZh: null, residentStatements: true });
    expect(consultation.closedAt).not.toBeNull();

    // Statements: the approved ones carry the text, marked as written in English; no moderated-out text anywhere.
    const comments = readFileSync(join(folder, "comments.csv"), "utf8");
    const statements = await db.statement.findMany({ where: { consultationId: consultation.id }, orderBy: { id: "asc" } });
    const approved = statements.filter((s) => s.status === "approved");
    const rejected = statements.filter((s) => s.status === "rejected");
    expect([approved.length, rejected.length]).toEqual([152, 22]);
    for (const s of approved) expect([s.originalLanguage, s.textZh, typeof s.textEn]).toEqual(["en", null, "string"]);
    for (const s of rejected) expect([s.textZh, s.textEn]).toEqual([null, null]);
    expect(approved.map((s) => s.textEn)).toContain("MMP is simpler to explain than STV.");
    expect(comments).toContain("MMP is simpler to explain than STV.");

    // Votes: as many as the export's latest votes, under keys that are not the export's numbers.
    const votes = await db.statementVote.findMany({ where: { statement: { consultationId: consultation.id } } });
    expect(votes).toHaveLength(11950);
    const keys = new Set(votes.map((v) => v.participant));
    expect(keys.size).toBe(448);
    const prefix = [...keys][0]!.split("-")[0]!;
    for (const key of keys) expect(key).toMatch(new RegExp(`^${prefix}-\\d{3}$`));
    expect(prefix).toMatch(/^a[0-9a-f]{12}$/);
    for (const v of votes) expect(v.voterId).toBeNull();
    expect(await db.polisImport.findFirst()).toMatchObject({ consultationId: consultation.id, statements: 174, participants: 448, votes: 11950, exportSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // The consultation's own analysis finds the groups analyze finds in the export.
    const services = createServices(t.db, { configuredAdmins: [] });
    const snapshot = (await services.statements.analysis.refreshNow(consultation.id))!;
    const analysed = JSON.parse((await cli(["analyze", folder, "--json"])).out);
    expect(snapshot.groups.map((g) => g.size)).toEqual(analysed.groups.map((g: { participants: number[] }) => g.participants.length));
    expect(snapshot.clusteredCount).toBe(analysed.clusteredParticipants.length);
  });

  it("refuses the same export a second time, changing nothing", async () => {
    const folder = join(DATASETS, "brexit-consensus");
    expect((await cli(["import", "polis", folder])).code).toBe(0);
    const before = await counts();
    const id = (await t.db.prisma.consultation.findFirst())!.id;
    const again = await cli(["import", "polis", folder, "--title-en", "Another name"]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`^This export was already imported, as consultation #${id} \\(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)\\. Nothing was imported\\.$`));
    expect(await counts()).toEqual(before);
    // A copy of the same files is the same export.
    cpSync(folder, join(dir, "copy"), { recursive: true });
    expect((await cli(["import", "polis", "copy"], "zh_CN.UTF-8")).err).toMatch(new RegExp(`^这份导出已经导入过，即征询 #${id}（`));
    expect(await counts()).toEqual(before);
  });

  it("takes the titles given, and marks Chinese statements as Chinese", async () => {
    const folder = join(dir, "zh-export");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "comments.csv"), "comment-id,moderated,comment-body,timestamp\n0,1,晚上十点后保持安静,1700000000000\n1,1,More bike racks,1700000001000\n2,-1,Mr X in 1202 is rude,1700000002000\n");
    writeFileSync(join(folder, "votes.csv"), "timestamp,datetime,comment-id,voter-id,vote\n1700000003000,x,0,5,1\n1700000004000,x,1,5,-1\n1700000005000,x,2,5,1\n1700000006000,x,0,9,0\n");
    writeFileSync(join(folder, "summary.csv"), "topic,停车\n");
    const r = await cli(["import", "polis", "zh-export", "--title-zh", " 停车问题 ", "--title-en", "Parking"], "zh_CN.UTF-8");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("已将 zh-export 导入为征询 #");
    expect(r.out).toContain("：2 条观点，2 位参与者（匿名代号），4 票。");
    const db = t.db.prisma;
    expect(await db.consultation.findFirst()).toMatchObject({ titleZh: "停车问题", titleEn: "Parking", opensAt: new Date(1700000000000), closedAt: new Date(1700000006000) });
    const statements = await db.statement.findMany({ orderBy: { id: "asc" } });
    expect(statements.map((s) => [s.status, s.originalLanguage, s.textZh, s.textEn])).toEqual([
      ["approved", "zh", "晚上十点后保持安静", null],
      ["approved", "en", null, "More bike racks"],
      ["rejected", "en", null, null],
    ]);
    const all = JSON.stringify(await db.statement.findMany());
    expect(all).not.toContain("1202");
    const votes = await db.statementVote.findMany({ orderBy: { votedAt: "asc" } });
    expect(votes.map((v) => [v.vote, v.votedAt.getTime()])).toEqual([
      [1, 1700000003000],
      [-1, 1700000004000],
      [1, 1700000005000],
      [0, 1700000006000],
    ]);
  });

  it("imports a current export without votes.csv (the matrix's votes, said so)", async () => {
    const r = await cli(["import", "polis", join(DATASETS, "austria-climate-energie")]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Note: there is no votes.csv, so the \d+ votes were read from participants-votes.csv/);
    expect(r.out).toMatch(/\(closed\): 515 statements, \d+ participants under anonymous keys, \d+ votes\.\n524 comments moderated out in Pol.is stay out/);
    const db = t.db.prisma;
    const consultation = (await db.consultation.findFirst())!;
    expect(consultation).toMatchObject({ titleEn: "Energie", status: "closed" });
    // Big enough for SQLite's own connection (foreign keys off, indexes rebuilt): the same rows, readable by Prisma.
    const analysed = JSON.parse((await cli(["analyze", join(DATASETS, "austria-climate-energie"), "--json"])).out);
    const votes = await db.statementVote.count({ where: { statement: { consultationId: consultation.id } } });
    expect(r.out).toContain(`${votes} votes.`);
    expect(await db.statement.count({ where: { consultationId: consultation.id, status: "approved", originalLanguage: "en", textEn: { not: null } } })).toBe(515);
    const sample = await db.statementVote.findFirst({ where: { statement: { consultationId: consultation.id } } });
    expect(sample!.votedAt).toBeInstanceOf(Date);
    expect(sample!.participant).toMatch(/^a[0-9a-f]{12}-\d{4}$/);
    const services = createServices(t.db, { configuredAdmins: [] });
    const snapshot = (await services.statements.analysis.refreshNow(consultation.id))!;
    expect(snapshot.groups.map((g) => g.size)).toEqual(analysed.groups.map((g: { participants: number[] }) => g.participants.length));
    if (t.db.provider === "sqlite") {
      const indexes = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'StatementVote' ORDER BY name`);
      expect(indexes.map((i) => i.name)).toEqual(["StatementVote_participant_statementId_vote_idx", "StatementVote_voterId_idx", "sqlite_autoindex_StatementVote_1"]);
      expect(await db.$queryRawUnsafe<unknown[]>(`PRAGMA foreign_key_check("StatementVote")`)).toEqual([]);
    }
    // Refused the second time on this path too.
    expect((await cli(["import", "polis", join(DATASETS, "austria-climate-energie")])).err).toContain("This export was already imported");
    expect(await db.consultation.count()).toBe(1);
  });

  it("refuses bad input and bad titles with a clear message, exit 2, nothing stored", async () => {
    const broken = join(dir, "broken");
    cpSync(join(DATASETS, "brexit-consensus"), broken, { recursive: true });
    writeFileSync(join(broken, "votes.csv"), "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,1,7\n");
    expect(await cli(["import", "polis", "broken"])).toMatchObject({ code: 2, out: "", err: 'votes.csv, line 3: vote "7" is not a vote (-1, 0 or 1). Nothing was imported.' });
    writeFileSync(join(broken, "votes.csv"), "timestamp,datetime,comment-id,voter-id,vote\n1,x,999,0,1\n");
    expect((await cli(["import", "polis", "broken"], "zh_CN.UTF-8")).err).toBe("votes.csv 第 2 行：comment-id 999 is not in comments.csv。没有导入任何内容。");
    mkdirSync(join(dir, "nothing"), { recursive: true });
    expect((await cli(["import", "polis", "nothing"])).err).toBe("Neither votes.csv nor participants-votes.csv is in nothing: there are no votes to read. Nothing was imported.");
    expect((await cli(["import", "polis", join(DATASETS, "brexit-consensus"), "--title-en", "  "])).err).toBe("The title after --title-en must be 1 to 200 characters. Nothing was imported.");
    expect((await cli(["import", "polis", join(DATASETS, "brexit-consensus"), "--title-zh", "长".repeat(201)])).err).toBe("The title after --title-zh must be 1 to 200 characters. Nothing was imported.");
    expect(await cli(["import", "polis"])).toMatchObject({ code: 2, err: "frontstage import polis <export folder> [--title-zh <title>] [--title-en <title>]" });
    expect(await counts()).toEqual({ consultations: 0, statements: 0, votes: 0, imports: 0 });
    expect((await cli(["--help"])).out).toContain("frontstage import polis <export folder> [--title-zh <title>] [--title-en <title>]");
  });
});
