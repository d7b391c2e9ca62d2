import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SendPacer } from "../../../src/domain/outbox/pacer.js";

/** Runs a queue of chat ids through the pacer as the worker does (late timers included) and returns the send times. */
function schedule(chats: readonly number[], lateness: readonly number[]): { chat: number; at: number }[] {
  const pacer = new SendPacer();
  const queue = [...chats];
  const sends: { chat: number; at: number }[] = [];
  let now = 0;
  let step = 0;
  while (queue.length > 0) {
    const i = queue.findIndex((c) => pacer.chatFreeAt(String(c), now) <= now);
    if (i < 0) {
      now = Math.min(...queue.map((c) => pacer.chatFreeAt(String(c), now)));
      continue;
    }
    const slot = pacer.slotAt(now);
    if (slot > now) {
      now = slot + (lateness[step++ % Math.max(1, lateness.length)] ?? 0);
      continue;
    }
    const [chat] = queue.splice(i, 1);
    pacer.take(String(chat), now);
    sends.push({ chat: chat!, at: now });
  }
  return sends;
}

describe("SendPacer", () => {
  it("never lets more than 25 sends into any second, nor two to a chat within a second, whatever the timers do", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 20 }), (chats, lateness) => {
        const sends = schedule(chats, lateness);
        expect(sends).toHaveLength(chats.length);
        for (let i = 25; i < sends.length; i++) expect(sends[i]!.at - sends[i - 25]!.at).toBeGreaterThanOrEqual(1000);
        const last = new Map<number, number>();
        for (const s of sends) {
          const prev = last.get(s.chat);
          if (prev !== undefined) expect(s.at - prev).toBeGreaterThanOrEqual(1000);
          last.set(s.chat, s.at);
        }
      }),
    );
  });

  it("keeps 25 a second over a long run to distinct chats, late timers or not", () => {
    const chats = Array.from({ length: 2500 }, (_, i) => i);
    for (const lateness of [[0], [3, 17, 1, 40]]) {
      const sends = schedule(chats, lateness);
      // Sends in each full minute of the run: 25 a second, never more, hardly less.
      for (let from = 0; from + 60_000 <= sends.at(-1)!.at; from += 60_000) {
        const n = sends.filter((x) => x.at >= from && x.at < from + 60_000).length;
        expect(n).toBeLessThanOrEqual(25 * 60);
        expect(n).toBeGreaterThanOrEqual(24.5 * 60);
      }
    }
  });
});
