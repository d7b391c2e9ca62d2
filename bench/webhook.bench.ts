// Webhook speed, end to end: the compiled bot (`node dist/src/main.js`, BOT_MODE=webhook) on
// SQLite, 10,000 residents each pressing a vote button, posted as Telegram would (32 requests
// at a time, with the secret header); a request counts when the bot answered it, i.e. after the
// ballot was stored. Goals: ≥ 2,000 updates/s, p99 ≤ 25 ms; idle RSS with the listener ≤ 120 MB.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServices } from "../src/wiring/compose.js";
import { FakeBotApi } from "../tests/support/fakeBotApi.js";
import { freePort } from "../tests/support/ports.js";
import { TEST_TOKEN } from "../tests/support/telegram.js";
import { percentile, report } from "./support/report.js";
import { benchDatabase, parkSpec, seedPark } from "./support/votingWorld.js";
import { OPERATOR } from "../src/domain/permissions.js";

const MAIN = new URL("../dist/src/main.js", import.meta.url).pathname;
const SECRET = "bench_webhook_secret-0123456789abcdefgh";
const WARM_UP = 2_000;
const VOTERS = 10_000;
const CONCURRENCY = 32;

export async function run(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  const world = await benchDatabase("sqlite");
  const api = new FakeBotApi();
  await api.start();
  try {
    const { ids } = await seedPark(world.db.prisma, WARM_UP + VOTERS);
    const services = createServices(world.db, { configuredAdmins: [] });
    const spec = await services.consultations.lifecycle.validate({
      ...(parkSpec([{ question: { en: "Which day for the market?" }, kind: "single", options: [{ en: "Saturday" }, { en: "Sunday" }, { en: "Either" }], voters: "residents", rule: "plurality" }]) as object),
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    if (!spec.ok) throw new Error("bench spec is invalid");
    const created = await services.consultations.lifecycle.create(spec.value, OPERATOR);
    if (!created.ok) throw new Error("bench consultation not created");
    const pollId = created.value.polls[0]!.id;
    await world.db.prisma.outboxMessage.deleteMany({});
    await world.db.close();

    const port = await freePort();
    // BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the bot process under the bench's load.
    const nodeArgs = (process.env.BENCH_BOT_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: {
        PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: world.url, LOG_LEVEL: "error",
        BOT_MODE: "webhook", WEBHOOK_URL: "https://bench.example.org/hook", WEBHOOK_SECRET: SECRET, HOST: "127.0.0.1", PORT: String(port),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await api.waitFor("setWebhook", () => true, 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const idleRss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

    // Each resident presses on the poll message the bot sent them, as on Telegram: the edit that shows ✓ then
    // succeeds, as it would there (a press on a message the emulator never showed costs a refused edit instead).
    const messageOf = new Map<bigint, number>();
    for (let i = 0; i < ids.length; i += 200) {
      await Promise.all(
        ids.slice(i, i + 200).map(async (id) => {
          const res = await fetch(`${api.url}/bot${TEST_TOKEN}/sendMessage`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: Number(id), text: "Which day for the market?" }) });
          const sent = (await res.json()) as { ok: boolean; result?: { message_id: number } };
          if (!sent.ok || !sent.result) throw new Error("the emulator did not take the poll message");
          messageOf.set(id, sent.result.message_id);
        }),
      );
    }

    let updateId = 50_000_000;
    let webhookReplies = 0;
    const press = (id: bigint, i: number) => ({
      update_id: updateId++,
      callback_query: {
        id: `q${updateId}`,
        chat_instance: `ci${id}`,
        from: { id: Number(id), is_bot: false, first_name: "Resident", language_code: i % 3 === 0 ? "en" : "zh" },
        data: `vp:${pollId}:0:${i % 3}`,
        message: { message_id: messageOf.get(id)!, date: Math.floor(Date.now() / 1000), chat: { id: Number(id), type: "private", first_name: "Resident" }, text: "Which day for the market?" },
      },
    });
    // Each press is known to the emulator as one Telegram delivered, so its answer is accepted once (and a second refused).
    const bodies = ids.map((id, i) => {
      const update = press(id, i);
      api.emulator.notePress(update);
      return JSON.stringify(update);
    });
    // Posted through node:http on kept-alive connections: the load generator shares the 2 cores with the bot,
    // and fetch() cost it about twice the CPU per request (its figure is printed below, apart from the bot's).
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = (body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          { host: "127.0.0.1", port, path: "/hook", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": SECRET } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const drive = async (list: string[]) => {
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < list.length) {
            const body = list[next++]!;
            const t = performance.now();
            const res = await post(body);
            const answer = res.text;
            if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
            latencies.push(performance.now() - t);
            // A Bot API call handed back in the answer is made, as Telegram makes it (counted below, not timed).
            if (answer.includes('"method"')) {
              webhookReplies++;
              await api.emulator.webhookReply(answer);
            }
          }
        }),
      );
      return { seconds: (performance.now() - t0) / 1000, latencies };
    };
    // CPU seconds the bot process spent (user + system), so the figure can be read apart from the load generator,
    // which shares the machine's cores in this bench.
    const cpuOf = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    await drive(bodies.slice(0, WARM_UP));
    webhookReplies = 0;
    const measuredFrom = performance.now();
    const cpuBefore = cpuOf(child.pid!);
    const benchCpuBefore = process.cpuUsage();
    const measured = await drive(bodies.slice(WARM_UP));
    const botCpu = cpuOf(child.pid!) - cpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    agent.destroy();
    const botCalls = api.calls.filter((c) => c.at >= measuredFrom);
    child.kill("SIGTERM");
    await exited;

    const { openDatabase } = await import("../src/db/client.js");
    const db = await openDatabase(world.url);
    const stored = await db.prisma.ballot.count({ where: { pollId } });
    await db.close();
    report("webhook: idle RSS of the bot process with the HTTP listener", `${idleRss.toFixed(0)} MB`, "≤ 120 MB");
    report(`webhook: vote updates per second, HTTP POST to stored ballot (${CONCURRENCY} at a time)`, (VOTERS / measured.seconds).toFixed(0), "≥ 2000");
    report("webhook: latency of one POST, p50 / p99", `${percentile(measured.latencies, 50).toFixed(1)} / ${percentile(measured.latencies, 99).toFixed(1)} ms`, "p99 ≤ 25 ms");
    report("webhook: bot process CPU per update (user + system)", `${((botCpu / VOTERS) * 1000).toFixed(2)} ms`, "≤ 0.5 ms for 2,000/s on one core");
    const byMethod = new Map<string, number>();
    for (const c of botCalls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
    const answered = byMethod.get("answerCallbackQuery") ?? 0;
    report("  load generator + Telegram emulator (this process) CPU per update", `${((benchCpu.user + benchCpu.system) / 1000 / VOTERS).toFixed(2)} ms`);
    report("webhook: Bot API calls per press, all / as outgoing HTTP requests of the bot", `${(botCalls.length / VOTERS).toFixed(2)} / ${((botCalls.length - webhookReplies) / VOTERS).toFixed(2)}`, [...byMethod].map(([m, n]) => `${m} ${n}`).join(", "));
    report("webhook: presses answered (spinner stopped), of them in the webhook answer", `${answered} / ${webhookReplies}`, String(VOTERS));
    report("webhook: ballots stored, one per resident", String(stored), String(WARM_UP + VOTERS));
    report("webhook: Bot API calls the emulator refused", String(api.refused.length), "0");
  } finally {
    await api.stop();
    await world.drop();
  }
}
