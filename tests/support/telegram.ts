import type { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { BotContext } from "../../src/bot/context.js";
import { NOT_MODIFIED, noteRefusal, refusal, shown, unchanged, visible, type Shown } from "./telegramRules.js";

export const TEST_TOKEN = "123456789:TEST-token-abcdefghijklmnopqrstuvwxyz";
export const botInfo: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: "Frontstage",
  username: "frontstage_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** One call the bot made to the Bot API. */
export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

export interface Button {
  text: string;
  callback_data?: string;
  url?: string;
}

/** A message as the person sees it: its text and buttons, current after edits. */
export interface SeenMessage {
  chatId: number;
  messageId: number;
  /** The text as sent (Telegram HTML when the bot asked for it). */
  text: string;
  /** What the person reads: the text after Telegram parsed its HTML. */
  plain: string;
  buttons: Button[];
  document?: { filename: string; content: Buffer; caption?: string };
}

/**
 * Stands in for Telegram: every outgoing call is recorded and answered the way
 * the Bot API would, and the chat each person sees is kept, edits included.
 * It refuses what Telegram refuses (tests/support/telegramRules.ts): bad HTML,
 * over-long texts, captions and callback answers, callback data over 64 bytes,
 * edits that change nothing. Refused calls are kept in `refused`.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly messages: SeenMessage[] = [];
  /** Calls Telegram would have refused, with its answer. */
  readonly refused: (ApiCall & { description: string })[] = [];
  /** What each message shows, as Telegram compares it on an edit. */
  private readonly shownOf = new WeakMap<SeenMessage, Shown>();
  private nextMessageId = 1000;
  /** Methods that should fail: method → Bot API error answer. */
  failures = new Map<string, { error_code: number; description: string; parameters?: Record<string, unknown> }>();
  /** Per-call answers: return a Bot API error for this call, or undefined to answer normally (checked before `failures`). */
  script?: (method: string, payload: Record<string, any>) => { error_code: number; description: string; parameters?: Record<string, unknown> } | undefined;

  install(bot: Bot<BotContext>): void {
    bot.api.config.use(async (_prev, method, payload) => this.handle(method, payload as Record<string, any>) as any);
  }

  private handle(method: string, payload: Record<string, any>) {
    this.calls.push({ method, payload });
    const failure = this.script?.(method, payload) ?? this.failures.get(method);
    if (failure) return { ok: false, ...failure };
    const refuse = (description: string) => {
      this.refused.push({ method, payload, description });
      noteRefusal(method, payload, description);
      return { ok: false, error_code: 400, description };
    };
    const bad = refusal(method, payload);
    if (bad) return refuse(bad);
    const chat = { id: Number(payload.chat_id), type: "private" };
    switch (method) {
      case "sendMessage": {
        const m: SeenMessage = { chatId: Number(payload.chat_id), messageId: this.nextMessageId++, text: payload.text, plain: plainOf(payload.text, payload.parse_mode), buttons: flatten(payload.reply_markup) };
        this.messages.push(m);
        this.shownOf.set(m, shown(payload.text, payload.parse_mode, payload.reply_markup));
        return { ok: true, result: { message_id: m.messageId, date: 0, chat, text: payload.text } };
      }
      case "sendDocument": {
        // A file Telegram already holds is sent by its file_id (a string): no bytes to keep but the id.
        const file = (typeof payload.document === "string" ? { filename: payload.document, fileData: Buffer.alloc(0) } : payload.document) as { filename?: string; fileData?: unknown };
        const content = Buffer.isBuffer(file.fileData) ? file.fileData : Buffer.from(file.fileData as Uint8Array);
        const m: SeenMessage = {
          chatId: Number(payload.chat_id),
          messageId: this.nextMessageId++,
          text: payload.caption ?? "",
          plain: plainOf(payload.caption ?? "", payload.parse_mode),
          buttons: [],
          document: { filename: file.filename ?? "", content, caption: payload.caption },
        };
        this.messages.push(m);
        return { ok: true, result: { message_id: m.messageId, date: 0, chat, document: { file_id: "doc", file_unique_id: "doc" } } };
      }
      case "editMessageText": {
        const m = this.find(payload);
        if (m) {
          const after = shown(payload.text, payload.parse_mode, payload.reply_markup);
          const before = this.shownOf.get(m);
          if (before && unchanged(before, after)) return refuse(NOT_MODIFIED);
          this.shownOf.set(m, after);
          m.text = payload.text;
          m.plain = plainOf(payload.text, payload.parse_mode);
          m.buttons = flatten(payload.reply_markup);
        }
        return { ok: true, result: { message_id: payload.message_id, date: 0, chat, text: payload.text } };
      }
      case "editMessageReplyMarkup": {
        const m = this.find(payload);
        if (m) {
          const before = this.shownOf.get(m);
          if (before) {
            const after = { ...before, markup: shown("", undefined, payload.reply_markup).markup };
            if (unchanged(before, after)) return refuse(NOT_MODIFIED);
            this.shownOf.set(m, after);
          }
          m.buttons = flatten(payload.reply_markup);
        }
        return { ok: true, result: true };
      }
      case "getFile":
        return { ok: true, result: { file_id: payload.file_id, file_unique_id: "u" + payload.file_id, file_path: `documents/${payload.file_id}.csv` } };
      default:
        return { ok: true, result: true };
    }
  }

  private find(payload: Record<string, any>) {
    return this.messages.find((m) => m.chatId === Number(payload.chat_id) && m.messageId === Number(payload.message_id));
  }

  /** Messages sent to one chat, oldest first. */
  chat(chatId: number): SeenMessage[] {
    return this.messages.filter((m) => m.chatId === chatId);
  }

  last(chatId: number): SeenMessage {
    const all = this.chat(chatId);
    const m = all[all.length - 1];
    if (!m) throw new Error(`no message was sent to ${chatId}`);
    return m;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.refused.length = 0;
  }
}

function plainOf(text: string, parseMode: unknown): string {
  const parsed = visible(text, parseMode);
  return parsed.ok ? parsed.text : text;
}

function flatten(markup: any): Button[] {
  return (markup?.inline_keyboard ?? []).flat();
}

let updateId = 1;
let messageId = 1;
export const nextUpdateId = () => updateId++;

export interface PersonOptions {
  id: number;
  language_code?: string;
  first_name?: string;
}

/** A private-chat message update from `from` carrying `content` (text, photo, sticker, document…). */
function privateMessage(from: PersonOptions, content: Record<string, unknown>, chat?: { id: number; type: "group" | "supergroup"; title: string }): Update {
  const firstName = from.first_name ?? "Resident";
  return {
    update_id: nextUpdateId(),
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chat ?? { id: from.id, type: "private", first_name: firstName },
      from: { id: from.id, is_bot: false, first_name: firstName, language_code: from.language_code },
      ...content,
    },
  } as Update;
}

/** Update objects shaped exactly like Telegram's. */
export const updates = {
  text(from: PersonOptions, text: string, chat?: { id: number; type: "group" | "supergroup"; title: string }): Update {
    const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return privateMessage(from, { text, ...(entities ? { entities } : {}) }, chat);
  },
  photo(from: PersonOptions): Update {
    return privateMessage(from, { photo: [{ file_id: "p1", file_unique_id: "p1", width: 90, height: 90 }] });
  },
  sticker(from: PersonOptions): Update {
    return privateMessage(from, { sticker: { file_id: "s1", file_unique_id: "s1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } });
  },
  document(from: PersonOptions, fileName: string, fileId: string, size = 100, mime = "text/csv"): Update {
    return privateMessage(from, { document: { file_id: fileId, file_unique_id: "u" + fileId, file_name: fileName, mime_type: mime, file_size: size } });
  },
  press(from: PersonOptions, data: string, message?: { chatId: number; messageId: number }): Update {
    return {
      update_id: nextUpdateId(),
      callback_query: {
        id: String(nextUpdateId()),
        chat_instance: "ci" + from.id,
        from: { id: from.id, is_bot: false, first_name: "Resident", language_code: from.language_code },
        data,
        message: {
          message_id: message?.messageId ?? 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: message?.chatId ?? from.id, type: "private", first_name: "Resident" },
          text: "…",
        },
      },
    } as Update;
  },
};
