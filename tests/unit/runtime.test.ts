// The order updates run in (src/bot/runtime.ts) and the bounded retries of direct calls (src/bot/retry.ts),
// on a bare grammY bot: no database involved.
import { Api, Bot, GrammyError, HttpError, type Context } from "grammy";
import { describe, expect, it } from "vitest";
import { blipRetry, installRetries } from "../../src/bot/retry.js";
import { InFlight, orderedPerChatAndUser } from "../../src/bot/runtime.js";
import { botInfo, TEST_TOKEN, updates } from "../support/telegram.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function orderedBot(work: (ctx: Context) => Promise<void>) {
  const bot = new Bot(TEST_TOKEN, { botInfo });
  const inFlight = new InFlight();
  bot.use(inFlight.middleware(), orderedPerChatAndUser());
  bot.on("message", work);
  return { bot, inFlight };
}

describe("order of updates", () => {
  it("runs one person's updates one after another, in arrival order, and different people side by side", async () => {
    const log: string[] = [];
    const { bot } = orderedBot(async (ctx) => {
      const text = ctx.message!.text!;
      log.push(`start ${ctx.from!.id} ${text}`);
      await sleep(text === "slow" ? 150 : 10);
      log.push(`end ${ctx.from!.id} ${text}`);
    });
    const a = (t: string) => updates.text({ id: 1 }, t);
    const b = (t: string) => updates.text({ id: 2 }, t);
    await Promise.all([bot.handleUpdate(a("slow")), bot.handleUpdate(a("second")), bot.handleUpdate(b("other")), bot.handleUpdate(a("third"))]);
    const mine = log.filter((l) => l.includes(" 1 "));
    expect(mine).toEqual(["start 1 slow", "end 1 slow", "start 1 second", "end 1 second", "start 1 third", "end 1 third"]);
    // The other person did not wait for the slow one.
    expect(log.indexOf("end 2 other")).toBeLessThan(log.indexOf("end 1 slow"));
  });

  it("orders a person's updates in a group with the group's other messages too", async () => {
    const log: string[] = [];
    const { bot } = orderedBot(async (ctx) => {
      log.push(`start ${ctx.message!.text}`);
      await sleep(ctx.message!.text === "first" ? 100 : 5);
      log.push(`end ${ctx.message!.text}`);
    });
    const group = { id: -100777, type: "supergroup" as const, title: "Park" };
    await Promise.all([bot.handleUpdate(updates.text({ id: 11 }, "first", group)), bot.handleUpdate(updates.text({ id: 12 }, "second", group))]);
    expect(log).toEqual(["start first", "end first", "start second", "end second"]);
  });

  it("knows what is under way, and idle() waits for it (or says it did not finish in time)", async () => {
    const { bot, inFlight } = orderedBot(async () => void (await sleep(120)));
    const running = bot.handleUpdate(updates.text({ id: 3 }, "x"));
    await sleep(10);
    expect(inFlight.size).toBe(1);
    expect(await inFlight.idle(20)).toBe(false);
    expect(await inFlight.idle(1_000)).toBe(true);
    expect(inFlight.size).toBe(0);
    await running;
  });
});

/** An Api whose network answers from a script, one answer per call. */
function scriptedApi(answers: (() => unknown)[]) {
  const api = new Api(TEST_TOKEN);
  const calls: number[] = [];
  api.config.use(async () => {
    calls.push(performance.now());
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next() as never;
  });
  return { api, calls };
}
const ok = () => ({ ok: true, result: true });
const tooMany = (s: number) => () => ({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } });

describe("bounded retries of direct calls", () => {
  it("waits out a short 429 and succeeds", async () => {
    const { api, calls } = scriptedApi([tooMany(1), ok]);
    installRetries(api);
    await expect(api.answerCallbackQuery("q")).resolves.toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(950);
  });

  it("gives up at once when Telegram asks for more than 5 s, and after two retries", async () => {
    const long = scriptedApi([tooMany(30), ok]);
    installRetries(long.api);
    const t0 = performance.now();
    await expect(long.api.sendMessage(1, "hi")).rejects.toBeInstanceOf(GrammyError);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(long.calls).toHaveLength(1);

    const stubborn = scriptedApi([tooMany(0), tooMany(0), tooMany(0), ok]);
    installRetries(stubborn.api);
    await expect(stubborn.api.sendMessage(1, "hi")).rejects.toMatchObject({ error_code: 429 });
    expect(stubborn.calls).toHaveLength(3);
  });

  it("retries a network blip or a 5xx twice, quickly, then fails", async () => {
    const server = (n: number) => Array.from({ length: n }, () => () => ({ ok: false, error_code: 502, description: "Bad Gateway" }));
    const recovers = scriptedApi([...server(2), ok]);
    recovers.api.config.use(blipRetry([10, 20]));
    await expect(recovers.api.sendMessage(1, "hi")).resolves.toBe(true);
    expect(recovers.calls).toHaveLength(3);

    const blip = scriptedApi([() => { throw new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")); }, ok]);
    blip.api.config.use(blipRetry([10, 20]));
    await expect(blip.api.sendMessage(1, "hi")).resolves.toBe(true);
    expect(blip.calls).toHaveLength(2);

    const down = scriptedApi([...server(5)]);
    down.api.config.use(blipRetry([10, 20]));
    await expect(down.api.sendMessage(1, "hi")).rejects.toMatchObject({ error_code: 502 });
    expect(down.calls).toHaveLength(3);
  });
});
