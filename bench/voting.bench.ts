// Voting speed (figures printed, goals beside them):
//  (a) vote ingestion: 10,000 verified residents each cast a ballot through
//      bot.handleUpdate, network stubbed — ballots/s (≥ 3,000 SQLite, ≥ 1,500
//      PostgreSQL), p99 ≤ 25 ms, RSS ≤ 300 MB, database statements per vote; the same
//      updates through a bare grammY bot and the ratio between the two;
//  (b) closing a poll of 10,000 ballots, rule included (Art. 278 major, owners
//      weighed by area; and plurality): ≤ 200 ms;
//  (c) the outbox: 2,000 messages against a local Bot API that answers 429 above
//      30 a second — delivered per second (≥ 24), duplicates and losses (0).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { compose, createServices } from "../src/wiring/compose.js";
import { telegramSender } from "../src/bot/outboxSender.js";
import { openDatabase } from "../src/db/client.js";
import type { Provider } from "../src/db/databaseUrl.js";
import { silentLogger } from "../src/logger.js";
import { TEST_TOKEN } from "../tests/support/telegram.js";
import { report } from "./support/report.js";
import { QueryCounter, benchDatabase, countingClient, parkSpec, seedPark } from "./support/votingWorld.js";
import { createBot } from "../src/bot/createBot.js";
import { translator } from "../src/i18n.js";
import { botInfo, updates } from "../tests/support/telegram.js";
import { OPERATOR } from "../src/domain/permissions.js";

const INGESTION = new URL("./support/voteIngestion.mjs", import.meta.url).pathname;
const DIST = new URL("../dist/src/main.js", import.meta.url).pathname;
const RESIDENTS = 13_000; // warm-up 2,000 + measured 10,000 + counted 1,000
const CONCURRENCY = 16;
const clock = { now: () => new Date("2026-11-27T02:00:00Z") };

interface Ingestion {
  votes: number;
  stored: number;
  votesPerSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  bareUpdatesPerSecond: number;
  close278: { ms: number; ballots: number; outcome: string };
  closeVoted: { ms: number; ballots: number; outcome: string };
}

function runIngestion(provider: Provider, url: string, pollId: number, art278: number): Promise<Ingestion> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INGESTION, provider, url, String(pollId), String(CONCURRENCY), String(art278)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as Ingestion) : reject(new Error(`ingestion exited ${code}`))));
  });
}

/**
 * Statements a vote sends, counted at the driver on a client of its own (counting costs time, so
 * not in the timed run): 1,000 more residents vote one after another, the ballot through Prisma
 * so that it passes the counter too.
 */
async function countStatements(provider: Provider, url: string, pollId: number): Promise<number> {
  const counter = new QueryCounter();
  const db = await countingClient(provider, url, counter);
  const services = createServices(db, { configuredAdmins: [], clock, timeZone: "Asia/Shanghai" });
  const bot = createBot({ token: TEST_TOKEN, apiRoot: "http://127.0.0.1:9", services, translator: translator(), logger: silentLogger, timeZone: "Asia/Shanghai", botInfo });
  bot.api.config.use(async () => ({ ok: true, result: true }) as never);
  const ids = (await db.prisma.user.findMany({ select: { id: true }, orderBy: { id: "asc" }, skip: 12_000, take: 1_000 })).map((u) => u.id);
  const press = (id: bigint, i: number) => updates.press({ id: Number(id), language_code: i % 2 ? "zh" : "en" }, `vp:${pollId}:0:${i % 3}`, { chatId: Number(id), messageId: 1 });
  await bot.handleUpdate(press(ids[0]!, 0));
  counter.take();
  for (let i = 1; i < ids.length; i++) await bot.handleUpdate(press(ids[i]!, i));
  const perVote = counter.take() / (ids.length - 1);
  await db.close();
  return perVote;
}

async function voting(provider: Provider, label: string, goal: number): Promise<void> {
  const world = await benchDatabase(provider);
  try {
    await seedPark(world.db.prisma, RESIDENTS);
    const setup = createServices(world.db, { configuredAdmins: [], clock, timeZone: "Asia/Shanghai" });
    const single = await setup.consultations.lifecycle.validate(parkSpec([{ question: { en: "Which day for the market?" }, kind: "single", options: [{ en: "Saturday" }, { en: "Sunday" }, { en: "Either" }], voters: "residents", rule: "plurality" }]));
    const art278 = await setup.consultations.lifecycle.validate(parkSpec([{ question: { en: "Raise the maintenance fund?" }, kind: "single", options: [{ en: "Agree" }, { en: "Disagree" }, { en: "Abstain" }], voters: "owners", rule: "civil-code-278-major" }]));
    if (!single.ok || !art278.ok) throw new Error("bench specs are invalid");
    const a = await setup.consultations.lifecycle.create(single.value, OPERATOR);
    const b = await setup.consultations.lifecycle.create(art278.value, OPERATOR);
    if (!a.ok || !b.ok) throw new Error("bench consultations not created");
    await world.db.prisma.outboxMessage.deleteMany({}); // the opening notices are not part of this benchmark
    await world.db.close();

    // The Art. 278 poll gets 10,000 owners' ballots (4 in 5 approve) before the bot process starts.
    const db = await openDatabase(world.url);
    const poll278 = b.value.polls[0]!.id;
    const owners = await db.prisma.user.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 10_000 });
    const at = clock.now();
    const ballots = owners.map((o, i) => ({ pollId: poll278, voterKey: `u${o.id}`, voterId: o.id, unitId: null, choice: `[${i % 5 === 0 ? 1 : 0}]`, castAt: at }));
    for (let i = 0; i < ballots.length; i += 2_000) await db.prisma.ballot.createMany({ data: ballots.slice(i, i + 2_000) });
    await db.close();

    const pollA = a.value.polls[0]!.id;
    // Statements per vote first, on residents the timed run does not use.
    const queriesPerVote = await countStatements(provider, world.url, pollA);
    const r = await runIngestion(provider, world.url, pollA, b.value.id);
    report(`${label}: ballots per second (${r.votes} residents, ${CONCURRENCY} at a time)`, r.votesPerSecond.toFixed(0), `≥ ${goal}`);
    report(`${label}: latency of one vote, p50 / p99`, `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms`, "p99 ≤ 25 ms");
    report(`${label}: peak RSS of the bot process while voting`, `${r.peakRssMb.toFixed(0)} MB`, "≤ 300 MB");
    report(`${label}: database statements per vote (resident lookup + ballot)`, queriesPerVote.toFixed(2));
    report(`${label}: bare grammY, no-op handler, updates per second`, r.bareUpdatesPerSecond.toFixed(0));
    report(`${label}: bare grammY ÷ Frontstage`, `${(r.bareUpdatesPerSecond / r.votesPerSecond).toFixed(0)}×`);
    report(`${label}: ballots stored (2,000 warm-up included), one per resident`, String(r.stored), `${r.votes + 3_000} with the 1,000 counted`);
    report(`${label}: close a poll of ${r.close278.ballots} ballots, Art. 278 major (${r.close278.outcome})`, `${r.close278.ms.toFixed(0)} ms`, "≤ 200 ms");
    report(`${label}: close the poll just voted in, ${r.closeVoted.ballots} ballots, plurality`, `${r.closeVoted.ms.toFixed(0)} ms`, "≤ 200 ms");
  } finally {
    await world.drop();
  }
}

/** A Bot API on 127.0.0.1 that answers 429 (retry_after 1) to any request beyond 30 in the last second. */
class FloodLimitedApi {
  readonly delivered: { chat: number; text: string; at: number }[] = [];
  refused = 0;
  private recent: number[] = [];
  private server?: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const now = performance.now();
        this.recent = this.recent.filter((t) => t > now - 1000);
        res.writeHead(200, { "content-type": "application/json" });
        if (this.recent.length >= 30) {
          this.refused++;
          res.end(JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } }));
          return;
        }
        this.recent.push(now);
        const payload = JSON.parse(body || "{}") as { chat_id: number; text: string };
        this.delivered.push({ chat: Number(payload.chat_id), text: payload.text, at: now });
        res.end(JSON.stringify({ ok: true, result: { message_id: this.delivered.length, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text } }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

async function outbox(): Promise<void> {
  const MESSAGES = 2_000;
  const world = await benchDatabase("sqlite");
  const api = new FloodLimitedApi();
  await api.start();
  try {
    await world.db.close();
    const db = await openDatabase(world.url);
    const { services, adapters } = compose(db, { configuredAdmins: [], timeZone: "Asia/Shanghai" });
    const { outbox: store } = adapters.consultations;
    await store.enqueue(Array.from({ length: MESSAGES }, (_, i) => ({ batch: "announce:bench", chatId: BigInt(1_000_000 + i), text: `Notice ${i}` })), new Date());
    const worker = services.consultations.createOutboxWorker(telegramSender(new Api(TEST_TOKEN, { apiRoot: api.url })), silentLogger);
    const t0 = performance.now();
    const done = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (api.delivered.length >= MESSAGES) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    worker.start();
    await done;
    const seconds = (api.delivered.at(-1)!.at - t0) / 1000;
    await worker.stop();
    const unique = new Set(api.delivered.map((d) => `${d.chat}|${d.text}`)).size;
    const progress = await store.progress("announce:");
    report("outbox: 2,000 messages, API answering 429 above 30/s — delivered per second", (MESSAGES / seconds).toFixed(1), "≥ 24");
    report("outbox: 429 answers received", String(api.refused));
    report("outbox: duplicates / lost", `${api.delivered.length - unique} / ${MESSAGES - unique}`, "0 / 0");
    report("outbox: rows marked sent", String(progress.sent), String(MESSAGES));
    await db.close();
  } finally {
    await api.stop();
    await world.drop();
  }
}

export async function run(): Promise<void> {
  if (!existsSync(DIST)) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  // VOTING_BENCH=sqlite,postgresql,outbox runs only some parts (all by default).
  const parts = (process.env.VOTING_BENCH ?? "sqlite,postgresql,outbox").split(",");
  if (parts.includes("sqlite")) await voting("sqlite", "SQLite", 3_000);
  if (parts.includes("postgresql")) await voting("postgresql", "PostgreSQL", 1_500);
  if (parts.includes("outbox")) await outbox();
}
