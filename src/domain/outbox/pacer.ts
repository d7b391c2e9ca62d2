// Telegram's limits for bulk sends (domain.md §4): about 30 messages a second
// in total and 1 a second per chat. The pacer stays below them with room to
// spare: at most `perSecond` (25) sends in any 1-second window, no two sends
// closer than half the even spacing (so a backlog never goes out as one
// burst), and at least a second between two messages to one chat. Because
// the window looks at when the last 25 sends really started, a late timer
// never lowers the rate and a pause never allows more than 25 in a second.
// Time is passed in, so the rules are testable without waiting.

export interface PacerLimits {
  /** Sends per second in total. */
  readonly perSecond: number;
  /** Milliseconds between two sends to the same chat. */
  readonly perChatMs: number;
}

export const TELEGRAM_LIMITS: PacerLimits = { perSecond: 25, perChatMs: 1000 };

export class SendPacer {
  /** Start times of the last `perSecond` sends, oldest first. */
  private readonly recent: number[] = [];
  private readonly lastByChat = new Map<string, number>();
  private readonly minSpacing: number;

  constructor(readonly limits: PacerLimits = TELEGRAM_LIMITS) {
    this.minSpacing = 1000 / limits.perSecond / 2;
  }

  /** When the next send may start (ms, same clock as `now`). */
  slotAt(now: number): number {
    let at = now;
    const last = this.recent[this.recent.length - 1];
    if (last !== undefined) at = Math.max(at, last + this.minSpacing);
    if (this.recent.length >= this.limits.perSecond) at = Math.max(at, this.recent[0]! + 1000);
    return at;
  }

  /** When this chat may get its next message. */
  chatFreeAt(chatId: string, now: number): number {
    const last = this.lastByChat.get(chatId);
    return last === undefined ? now : Math.max(now, last + this.limits.perChatMs);
  }

  /** Records a send starting at `at` (never before `slotAt`). */
  take(chatId: string, at: number): void {
    this.recent.push(at);
    if (this.recent.length > this.limits.perSecond) this.recent.shift();
    this.lastByChat.set(chatId, at);
    if (this.lastByChat.size > 10_000) {
      for (const [chat, t] of this.lastByChat) if (t + this.limits.perChatMs < at) this.lastByChat.delete(chat);
    }
  }
}
