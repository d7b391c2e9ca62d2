import type { Update } from "grammy/types";
import { compose, type ServiceAdapters, type Services } from "../../src/wiring/compose.js";
import type { Clock } from "../../src/app/ports.js";
import { createBot, type BotDeps } from "../../src/bot/createBot.js";
import type { Telemetry } from "../../src/app/telemetry.js";
import type { DbClient } from "../../src/db/client.js";
import { translator } from "../../src/i18n.js";
import { silentLogger, type Logger } from "../../src/logger.js";
import { createTestDatabase } from "./database.js";
import { botInfo, FakeTelegram, TEST_TOKEN, updates, type Button, type PersonOptions, type SeenMessage } from "./telegram.js";

export const API_ROOT = "https://api.telegram.test";

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public current = new Date("2026-11-27T02:00:00Z")) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface HarnessOptions {
  adminIds?: bigint[];
  logger?: Logger;
  telemetry?: Telemetry;
  before?: BotDeps["before"];
}

/** The real bot on a real database, with Telegram replaced by a recording fake. */
export async function createHarness(opts: HarnessOptions = {}) {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const tg = new FakeTelegram();
  let services!: Services;
  let adapters!: ServiceAdapters;
  let bot!: ReturnType<typeof createBot>;
  const build = () => {
    // A restart closes what the previous services opened (the vote path's driver connection).
    if (services) {
      const old = services;
      void old.consultations.close().then(() => old.reports.close());
      // Nothing of the old process survives, not even the "done" marks it had not written yet.
      void old.updates.close({ flush: false });
    }
    ({ services, adapters } = compose(database.db, { configuredAdmins: opts.adminIds ?? [], clock, databaseUrl: database.url, ...(opts.telemetry ? { telemetry: opts.telemetry } : {}) }));
    bot = createBot({ token: TEST_TOKEN, apiRoot: API_ROOT, services, translator: translator(), logger: opts.logger ?? silentLogger, timeZone: "Asia/Shanghai", botInfo, ...(opts.before ? { before: opts.before } : {}) });
    tg.install(bot);
  };
  build();

  const harness = {
    tg,
    clock,
    database,
    get db() {
      return database.db.prisma;
    },
    get services() {
      return services;
    },
    /** The stores behind the services (the composition root's adapters), for tests that look at storage itself. */
    get stores() {
      return adapters;
    },
    get bot() {
      return bot;
    },
    handle: (u: Update) => bot.handleUpdate(u),
    /** A restart of the bot process: new services and a new bot on the same database (nothing kept in memory survives). */
    restart: () => build(),
    person: (o: PersonOptions): Person => new Person(harness, o),
    async reset() {
      await database.reset();
      tg.clear();
    },
    async close() {
      await services.consultations.close();
      await services.reports.close();
      await services.updates.close();
      await database.cleanup();
    },
  };
  return harness;
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** What a Person needs of the harness (an interface, so the two types don't define each other). */
interface Chat {
  tg: FakeTelegram;
  readonly db: DbClient;
  handle(u: Update): Promise<void>;
}

/** Someone talking to the bot in a private chat. */
export class Person {
  constructor(private readonly h: Chat, readonly o: PersonOptions) {}

  get id() {
    return this.o.id;
  }

  send(text: string) {
    return this.h.handle(updates.text(this.o, text));
  }

  sendInGroup(text: string, groupId = -100123) {
    return this.h.handle(updates.text(this.o, text, { id: groupId, type: "supergroup", title: "Park residents" }));
  }

  photo() {
    return this.h.handle(updates.photo(this.o));
  }

  sticker() {
    return this.h.handle(updates.sticker(this.o));
  }

  document(fileName: string, fileId: string, size?: number, mime?: string) {
    return this.h.handle(updates.document(this.o, fileName, fileId, size, mime));
  }

  /** Presses the button with this exact text in the newest message of the chat that has it. */
  async press(text: string | RegExp) {
    const { message, button } = this.findButton(text);
    await this.h.handle(updates.press(this.o, button.callback_data!, { chatId: message.chatId, messageId: message.messageId }));
    return button;
  }

  pressData(data: string, message?: SeenMessage) {
    return this.h.handle(updates.press(this.o, data, message && { chatId: message.chatId, messageId: message.messageId }));
  }

  findButton(text: string | RegExp): { message: SeenMessage; button: Button } {
    const chat = this.h.tg.chat(this.id);
    for (let i = chat.length - 1; i >= 0; i--) {
      const message = chat[i]!;
      const button = message.buttons.find((b) => (typeof text === "string" ? b.text === text : text.test(b.text)));
      if (button) return { message, button };
    }
    throw new Error(`no button ${String(text)} in the chat of ${this.id}; last message: ${this.h.tg.chat(this.id).at(-1)?.text}`);
  }

  /** The newest message the person got. */
  last(): SeenMessage {
    return this.h.tg.last(this.id);
  }

  /** Texts of the buttons of the newest message. */
  buttons(): string[] {
    return this.last().buttons.map((b) => b.text);
  }

  /** The text of the last callback answer (the toast on a button press). */
  lastToast(): string | undefined {
    const answers = this.h.tg.callsOf("answerCallbackQuery");
    return answers[answers.length - 1]?.payload.text;
  }

  stored() {
    return this.h.db.user.findUnique({ where: { id: BigInt(this.id) } });
  }
}
