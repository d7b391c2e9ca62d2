// Vote ingestion for one provider, in a process of its own and on the compiled
// bot (dist/, as `npm start` runs it), so that its RSS is the bot's — not the
// seeding's, nor the TypeScript loader's:
//   node bench/support/voteIngestion.mjs <sqlite|postgresql> <database url> <poll id> <concurrency> <consultation to close>
// The database already holds the park, an open consultation to vote in and a
// second one holding 10,000 ballots of owners under Art. 278 (bench/voting.bench.ts
// seeds them). After the votes, this process — the bot, as it would be when a
// closing time comes — closes both. Prints one JSON line. Plain JavaScript
// because it runs without tsx.
import { Bot } from "grammy";

const dist = new URL("../../dist/src/", import.meta.url);
const { createServices } = await import(new URL("wiring/compose.js", dist).href);
const { createBot } = await import(new URL("bot/createBot.js", dist).href);
const { openDatabase } = await import(new URL("db/client.js", dist).href);
const { translator } = await import(new URL("i18n.js", dist).href);
const { silentLogger } = await import(new URL("logger.js", dist).href);

const [provider, url, pollArg, concurrencyArg, art278Arg] = process.argv.slice(2);
const pollId = Number(pollArg);
const concurrency = Number(concurrencyArg ?? 16);
const WARM_UP = 2_000;
const VOTERS = 10_000;
const TOKEN = "123456789:TEST-token-abcdefghijklmnopqrstuvwxyz";
const botInfo = { id: 123456789, is_bot: true, first_name: "Frontstage", username: "frontstage_test_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
const clock = { now: () => new Date("2026-11-27T02:00:00Z") };
/** The network, stubbed: every Bot API call succeeds at once. */
const stub = async () => ({ ok: true, result: true });

// Update ids are recorded (a second delivery is skipped): start past those the counted run in
// voting.bench.ts used on the same database, as Telegram's ids keep growing.
let updateId = 10_000_000;
/** A button press exactly as Telegram sends it (as tests/support/telegram.ts builds them). */
const press = (id, i) => ({
  update_id: updateId++,
  callback_query: {
    id: String(updateId),
    chat_instance: "ci" + id,
    from: { id: Number(id), is_bot: false, first_name: "Resident", language_code: i % 3 === 0 ? "en" : "zh" },
    data: `vp:${pollId}:0:${i % 3}`,
    message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: Number(id), type: "private", first_name: "Resident" }, text: "…" },
  },
});

const percentile = (samples, p) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** Every update through `handle`, `concurrency` at a time (as a webhook or a concurrent runner would); per-update latency in ms. */
async function drive(list, handle) {
  const latencies = [];
  let next = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const u = list[next++];
        const t = performance.now();
        await handle(u);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { seconds, latencies, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
}

const db = await openDatabase(url);
const ids = (await db.prisma.user.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: WARM_UP + VOTERS })).map((u) => u.id);
const warm = ids.slice(0, WARM_UP).map(press);
const measured = ids.slice(WARM_UP).map(press);

// As src/main.ts runs it: the database URL lets the vote path use its own prepared statement.
const services = createServices(db, { configuredAdmins: [], clock, timeZone: "Asia/Shanghai", databaseUrl: url });
const bot = createBot({ token: TOKEN, apiRoot: "http://127.0.0.1:9", services, translator: translator(), logger: silentLogger, timeZone: "Asia/Shanghai", botInfo });
bot.api.config.use(stub);
// Warm-up (JIT, statement caches, the consultation cache), then 10,000 residents, one ballot each.
await drive(warm, (u) => bot.handleUpdate(u));
const ours = await drive(measured, (u) => bot.handleUpdate(u));
const stored = await db.prisma.ballot.count({ where: { pollId } });

// The same updates through a bare grammY bot with a no-op handler.
const bare = new Bot(TOKEN, { botInfo });
bare.api.config.use(stub);
bare.use(() => {});
await drive(warm, (u) => bare.handleUpdate(u));
const plain = await drive(measured, (u) => bare.handleUpdate(u));

// Closing, in the bot process: the Art. 278 (major) poll of 10,000 owners, then the poll just voted in.
const time = async (f) => {
  const t = performance.now();
  const outcome = await f();
  if (outcome.kind !== "closed") throw new Error(`not closed: ${outcome.kind}`);
  return { ms: performance.now() - t, result: outcome.consultation.polls[0].result.result };
};
const art278 = await time(() => services.consultations.closing.close(Number(art278Arg)));
const consultationId = (await db.prisma.poll.findUniqueOrThrow({ where: { id: pollId } })).consultationId;
const voted = await time(() => services.consultations.closing.close(consultationId));

await services.consultations.close();
await db.close();
console.log(
  JSON.stringify({
    provider,
    concurrency,
    votes: measured.length,
    stored,
    votesPerSecond: measured.length / ours.seconds,
    p50: percentile(ours.latencies, 50),
    p99: percentile(ours.latencies, 99),
    peakRssMb: ours.peakRss / 1024 / 1024,
    bareUpdatesPerSecond: measured.length / plain.seconds,
    close278: { ms: art278.ms, ballots: art278.result.ballots, outcome: art278.result.outcome },
    closeVoted: { ms: voted.ms, ballots: voted.result.ballots, outcome: voted.result.outcome },
  }),
);
