// A Telegram Bot API emulator on loopback: the methods Frontstage uses, with
// Telegram's semantics and errors, private chats with their history (edits
// included), and a client side that acts as the people talking to the bot.
// The demo runs the real bot against it; the test suite does too.
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { commandEntities, parseTelegramHtml, telegramLength, type MessageEntity } from "./html.js";
import { boundaryOf, parseMultipart, type FilePart } from "./multipart.js";

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
export const MAX_CALLBACK_DATA = 64;
export const MAX_CALLBACK_ANSWER = 200;
const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export interface EmulatedUser {
  id: number;
  is_bot: false;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_size: number;
  file_name: string;
  mime_type: string;
  data: Buffer;
}

/** A message as both sides see it, current after edits. */
export interface ChatMessage {
  message_id: number;
  chat_id: number;
  /** "bot" for what the bot sent, otherwise the user's id. */
  from: "bot" | number;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  reply_markup?: { inline_keyboard: InlineButton[][] };
  document?: { file_id: string; file_unique_id: string; file_name: string; mime_type: string; file_size: number };
  photo?: { file_id: string; file_unique_id: string; width: number; height: number; file_size: number }[];
}

export interface ApiCall {
  method: string;
  body: Record<string, any>;
  at: number;
}

export interface CallbackAnswer {
  queryId: string;
  userId: number;
  text?: string;
  show_alert: boolean;
  url?: string;
}

export interface RateLimit {
  /** At most `count` sends within `perMs` (sliding window). */
  count: number;
  perMs: number;
}

export interface EmulatorOptions {
  token?: string;
  bot?: { id?: number; first_name?: string; username?: string };
  /** Chats the bot may write to: only users who exist in the emulator (Telegram's rule), or any id (created on first send). */
  unknownChats?: "refuse" | "create";
  rateLimits?: { global?: RateLimit; perChat?: RateLimit };
  /** Longest long poll the emulator holds open, in seconds (Telegram allows 50). */
  maxPollSeconds?: number;
  /** Keep every call in `calls` (tests read them); a long-running demo only emits them. Default true. */
  keepCalls?: boolean;
}

export class BotApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}
const bad = (why: string) => new BotApiError(400, `Bad Request: ${why}`);

type Scope = { type: string; chat_id?: number | string; user_id?: number };
type BotCommand = { command: string; description: string };
type Update = { update_id: number } & Record<string, unknown>;

const DEFAULT_ALLOWED = ["message", "edited_message", "channel_post", "edited_channel_post", "business_connection", "business_message", "edited_business_message", "deleted_business_messages", "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_join_request", "chat_boost", "removed_chat_boost"];

/**
 * Events: "call" (ApiCall), "message" (ChatMessage, new), "edit" (ChatMessage, after the edit),
 * "answer" (CallbackAnswer), "commands" (scope key), "update" (an update queued for the bot).
 */
export class TelegramEmulator extends EventEmitter {
  readonly token: string;
  readonly me: { id: number; is_bot: true; first_name: string; username: string; can_join_groups: boolean; can_read_all_group_messages: boolean; supports_inline_queries: boolean };
  readonly calls: ApiCall[] = [];
  url = "";
  private server?: Server;
  private readonly users = new Map<number, EmulatedUser>();
  private readonly blocked = new Set<number>();
  private readonly chats = new Map<number, ChatMessage[]>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly commands = new Map<string, BotCommand[]>();
  /** Methods answered only after a pause (a slow Telegram, or a request still in flight when the bot is killed). */
  private readonly delays = new Map<string, number>();
  private readonly queries = new Map<string, { userId: number; answered: boolean; at: number; resolve: (a: CallbackAnswer) => void }>();
  private queue: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private nextFile = 1;
  private nextQuery = 1;
  private allowed: string[] = DEFAULT_ALLOWED;
  private webhook: { url: string; secret?: string } | null = null;
  private poll: { wake: () => void; terminate: () => void } | null = null;
  private readonly sends: { at: number; chat: number }[] = [];
  private readonly options: Required<Pick<EmulatorOptions, "unknownChats" | "maxPollSeconds">> & EmulatorOptions;
  private stopped = false;

  constructor(options: EmulatorOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.options = { unknownChats: "refuse", maxPollSeconds: 50, ...options };
    // A token starts with its bot's id, as @BotFather's do.
    const id = options.bot?.id ?? (Number(/^(\d+):/.exec(options.token ?? "")?.[1]) || 123456789);
    this.token = options.token ?? `${id}:${randomBytes(24).toString("base64url")}`;
    this.me = {
      id,
      is_bot: true,
      first_name: options.bot?.first_name ?? "Frontstage",
      username: options.bot?.username ?? "frontstage_demo_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }

  // ---------------------------------------------------------------- server

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poll?.wake();
    for (const q of this.queries.values()) q.answered = true;
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (file[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
      const f = this.filesByPath.get(decodeURIComponent(file[2]!));
      if (!f) return send(404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": f.mime_type, "content-length": f.data.length });
      res.end(f.data);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    let params: Record<string, any>;
    let uploads: Record<string, FilePart> = {};
    try {
      ({ params, uploads } = await readParams(req, url));
    } catch (e) {
      return send(400, { ok: false, error_code: 400, description: `Bad Request: ${(e as Error).message}` });
    }
    const method = m[2]!;
    const call: ApiCall = { method, body: params, at: performance.now() };
    if (this.options.keepCalls !== false) this.calls.push(call);
    this.emit("call", call);
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const result = await this.invoke(method, params, uploads, req);
      send(200, { ok: true, result });
    } catch (e) {
      if (e instanceof BotApiError) {
        this.emit("refused", call, e.description);
        send(e.error_code, { ok: false, error_code: e.error_code, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) });
      } else {
        send(500, { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` });
      }
    }
  }

  /**
   * The body of a webhook answer: as on Telegram, a JSON object naming a
   * `method` is one Bot API call, made at once; the bot never learns its
   * outcome (a refusal is still reported as "refused"). Anything else is ignored.
   */
  async webhookReply(body: string): Promise<void> {
    let params: unknown;
    try {
      params = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof params !== "object" || params === null || Array.isArray(params)) return;
    const { method, ...rest } = params as Record<string, unknown>;
    if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) return;
    const call: ApiCall = { method, body: rest as Record<string, any>, at: performance.now() };
    if (this.options.keepCalls !== false) this.calls.push(call);
    this.emit("call", call);
    try {
      await this.invoke(method, rest as Record<string, any>);
    } catch (e) {
      if (e instanceof BotApiError) this.emit("refused", call, e.description);
    }
  }

  /** A button press the caller posts to the webhook itself (a benchmark): known here, so it can be answered once. */
  notePress(update: { callback_query?: { id: string; from: { id: number } } }): void {
    const query = update.callback_query;
    if (query && !this.queries.has(query.id)) this.queries.set(query.id, { userId: query.from.id, answered: false, at: Date.now(), resolve: () => undefined });
  }

  /** Answers every later call of `method` only after `ms` milliseconds; 0 removes the pause. */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /** One Bot API method; `uploads` are the multipart file parts. */
  async invoke(method: string, p: Record<string, any>, uploads: Record<string, FilePart> = {}, req?: IncomingMessage): Promise<unknown> {
    switch (method.toLowerCase()) {
      case "getme":
        return this.me;
      case "logout":
      case "close":
        return true;
      case "getupdates":
        return this.getUpdates(p, req);
      case "setwebhook":
        return this.setWebhook(p);
      case "deletewebhook":
        this.webhook = null;
        if (bool(p.drop_pending_updates)) this.queue = [];
        this.poll?.wake();
        return true;
      case "getwebhookinfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.queue.length, allowed_updates: this.allowed };
      case "sendmessage":
        return this.sendMessage(p);
      case "editmessagetext":
        return this.editMessageText(p);
      case "editmessagereplymarkup":
        return this.editMessageReplyMarkup(p);
      case "editmessagecaption":
        return this.editMessageCaption(p);
      case "deletemessage":
        return this.deleteMessage(p);
      case "answercallbackquery":
        return this.answerCallbackQuery(p);
      case "senddocument":
        return this.sendFile(p, uploads, "document");
      case "sendphoto":
        return this.sendFile(p, uploads, "photo");
      case "sendmediagroup":
        return this.sendMediaGroup(p, uploads);
      case "getfile": {
        const f = this.files.get(String(p.file_id ?? ""));
        if (!f) throw bad("invalid file_id");
        return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
      }
      case "setmycommands":
        return this.setMyCommands(p);
      case "getmycommands":
        return this.commands.get(scopeKey(parseScope(p.scope), languageOf(p))) ?? [];
      case "deletemycommands": {
        const key = scopeKey(parseScope(p.scope), languageOf(p));
        this.commands.delete(key);
        this.emit("commands", key);
        return true;
      }
      case "sendchataction":
        this.chatOf(p.chat_id);
        return true;
      default:
        throw new BotApiError(404, "Not Found: method not found");
    }
  }

  // ---------------------------------------------------------------- updates

  private async getUpdates(p: Record<string, any>, req?: IncomingMessage): Promise<Update[]> {
    if (this.webhook) throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    if (p.allowed_updates !== undefined) {
      const list = asArray(p.allowed_updates).map(String);
      this.allowed = list.length ? list : DEFAULT_ALLOWED;
    }
    const offset = int(p.offset, 0);
    const limit = Math.min(Math.max(int(p.limit, 100), 1), 100);
    const timeout = Math.min(Math.max(int(p.timeout, 0), 0), this.options.maxPollSeconds);
    const confirm = () => {
      if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
      else if (offset < 0) this.queue = this.queue.slice(offset);
    };
    confirm();
    // A newer getUpdates ends the one waiting, as Telegram does.
    this.poll?.terminate();
    if (this.queue.length === 0 && timeout > 0 && !this.stopped) {
      const terminated = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), timeout * 1000);
        const done = (t: boolean) => {
          clearTimeout(timer);
          if (this.poll === mine) this.poll = null;
          req?.off("close", onClose);
          resolve(t);
        };
        const onClose = () => done(false);
        const mine = { wake: () => done(false), terminate: () => done(true) };
        this.poll = mine;
        req?.on("close", onClose);
      });
      if (terminated) throw new BotApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    }
    return this.queue.slice(0, limit);
  }

  private setWebhook(p: Record<string, any>): true {
    const url = String(p.url ?? "");
    if (url === "") {
      this.webhook = null;
      return true;
    }
    if (!/^https?:\/\//.test(url)) throw bad("bad webhook: An HTTPS URL must be provided for webhook");
    if (p.allowed_updates !== undefined) this.allowed = asArray(p.allowed_updates).map(String);
    if (bool(p.drop_pending_updates)) this.queue = [];
    this.webhook = { url, ...(p.secret_token ? { secret: String(p.secret_token) } : {}) };
    this.poll?.terminate();
    void this.deliverWebhook();
    return true;
  }

  private delivering = false;
  /** Posts queued updates to the webhook, one at a time, retrying until it answers 2xx. */
  private async deliverWebhook(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.webhook && this.queue.length && !this.stopped) {
        const update = this.queue[0]!;
        const hook = this.webhook;
        const ok = await fetch(hook.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(hook.secret ? { "x-telegram-bot-api-secret-token": hook.secret } : {}) },
          body: JSON.stringify(update),
        }).then(
          async (r) => {
            const body = await r.text();
            if (r.ok && body) await this.webhookReply(body);
            return r.ok;
          },
          () => false,
        );
        if (ok) this.queue.shift();
        else await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Queues an update for the bot (if its type is among the allowed updates). */
  pushUpdate(update: Record<string, unknown>): Update {
    const u = { ...update, update_id: typeof update.update_id === "number" ? update.update_id : this.nextUpdateId } as Update;
    this.nextUpdateId = Math.max(this.nextUpdateId, u.update_id + 1);
    const type = Object.keys(u).find((k) => k !== "update_id");
    if (type && !this.allowed.includes(type)) return u;
    // A button press handed in whole (tests build their own updates) can be answered like one made through press().
    this.notePress(u as { callback_query?: { id: string; from: { id: number } } });
    this.queue.push(u);
    this.emit("update", u);
    this.poll?.wake();
    if (this.webhook) void this.deliverWebhook();
    return u;
  }

  // ---------------------------------------------------------------- the bot's messages

  private checkRate(chat: number): void {
    const limits = this.options.rateLimits;
    if (!limits) return;
    const now = performance.now();
    const horizon = Math.max(limits.global?.perMs ?? 0, limits.perChat?.perMs ?? 0);
    while (this.sends.length && this.sends[0]!.at < now - horizon) this.sends.shift();
    const over = (l: RateLimit | undefined, list: { at: number }[]) => {
      if (!l) return 0;
      const recent = list.filter((s) => s.at >= now - l.perMs);
      if (recent.length < l.count) return 0;
      return Math.max(1, Math.ceil((recent[0]!.at + l.perMs - now) / 1000));
    };
    const wait = Math.max(over(limits.global, this.sends), over(limits.perChat, this.sends.filter((s) => s.chat === chat)));
    if (wait > 0) throw new BotApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    this.sends.push({ at: now, chat });
  }

  private chatOf(raw: unknown): number {
    const id = Number(raw);
    if (raw === undefined || raw === "" || !Number.isSafeInteger(id)) throw bad("chat not found");
    if (!this.users.has(id)) {
      if (this.options.unknownChats === "refuse") throw bad("chat not found");
      this.users.set(id, { id, is_bot: false, first_name: `User ${id}` });
    }
    if (this.blocked.has(id)) throw new BotApiError(403, "Forbidden: bot was blocked by the user");
    return id;
  }

  private formatted(raw: unknown, parseMode: unknown, explicit: unknown, what: "text" | "caption"): { text: string; entities: MessageEntity[] } {
    const source = raw === undefined || raw === null ? "" : String(raw);
    let parsed: { text: string; entities: MessageEntity[] };
    if (parseMode === undefined || parseMode === null || parseMode === "") {
      parsed = { text: source, entities: Array.isArray(explicit) ? (explicit as MessageEntity[]) : [] };
    } else if (String(parseMode).toLowerCase() === "html") {
      const r = parseTelegramHtml(source);
      if (!r.ok) throw bad(r.error);
      parsed = r;
    } else {
      throw bad("unsupported parse_mode"); // Markdown modes: the bot never uses them, the emulator does not parse them
    }
    if (what === "text" && parsed.text.trim() === "") throw bad("message text is empty");
    if (what === "text" && telegramLength(parsed.text) > MAX_TEXT) throw bad("message is too long");
    if (what === "caption" && telegramLength(parsed.text) > MAX_CAPTION) throw bad("message caption is too long");
    return parsed;
  }

  private keyboard(raw: unknown): { inline_keyboard: InlineButton[][] } | undefined {
    if (raw === undefined || raw === null || raw === "") return undefined;
    const markup = typeof raw === "string" ? JSON.parse(raw) : raw;
    if ("remove_keyboard" in markup || "keyboard" in markup || "force_reply" in markup) return undefined;
    if (!Array.isArray(markup.inline_keyboard)) throw bad("can't parse inline keyboard markup: field \"inline_keyboard\" must be an Array");
    const rows: InlineButton[][] = [];
    for (const row of markup.inline_keyboard) {
      if (!Array.isArray(row)) throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (row.length === 0) continue; // Telegram drops empty rows
      rows.push(
        row.map((b: any) => {
          if (typeof b?.text !== "string" || b.text === "") throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
          if (typeof b.callback_data === "string") {
            const bytes = Buffer.byteLength(b.callback_data, "utf8");
            if (bytes < 1 || bytes > MAX_CALLBACK_DATA) throw bad("BUTTON_DATA_INVALID");
            return { text: b.text, callback_data: b.callback_data };
          }
          if (typeof b.url === "string") {
            if (!/^(https?|tg):\/\//.test(b.url)) throw bad("BUTTON_URL_INVALID");
            return { text: b.text, url: b.url };
          }
          throw bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }),
      );
    }
    return rows.length ? { inline_keyboard: rows } : undefined;
  }

  private store(m: ChatMessage): ChatMessage {
    const list = this.chats.get(m.chat_id) ?? [];
    list.push(m);
    this.chats.set(m.chat_id, list);
    this.emit("message", structuredClone(m));
    return m;
  }

  private sendMessage(p: Record<string, any>): unknown {
    const chat = this.chatOf(p.chat_id);
    const { text, entities } = this.formatted(p.text, p.parse_mode, parseJson(p.entities), "text");
    const reply_markup = this.keyboard(p.reply_markup);
    this.checkRate(chat);
    const m = this.store({ message_id: this.nextMessageId++, chat_id: chat, from: "bot", date: now(), text, ...(entities.length ? { entities } : {}), ...(reply_markup ? { reply_markup } : {}) });
    return this.toTelegram(m);
  }

  private target(p: Record<string, any>): ChatMessage {
    if (p.inline_message_id !== undefined) throw bad("MESSAGE_ID_INVALID");
    const chat = this.chatOf(p.chat_id);
    const id = int(p.message_id, 0);
    const m = this.chats.get(chat)?.find((x) => x.message_id === id);
    if (!m) throw bad("message to edit not found");
    if (m.from !== "bot") throw bad("message can't be edited");
    return m;
  }

  private editMessageText(p: Record<string, any>): unknown {
    const m = this.target(p);
    if (m.text === undefined) throw bad("there is no text in the message to edit");
    const { text, entities } = this.formatted(p.text, p.parse_mode, parseJson(p.entities), "text");
    const reply_markup = this.keyboard(p.reply_markup);
    if (text === m.text && same(entities, m.entities ?? []) && same(reply_markup, m.reply_markup)) throw bad(NOT_MODIFIED.slice("Bad Request: ".length));
    this.checkRate(m.chat_id);
    m.text = text;
    if (entities.length) m.entities = entities;
    else delete m.entities;
    if (reply_markup) m.reply_markup = reply_markup;
    else delete m.reply_markup;
    return this.edited(m);
  }

  private editMessageCaption(p: Record<string, any>): unknown {
    const m = this.target(p);
    if (!m.document && !m.photo) throw bad("there is no caption in the message to edit");
    const { text, entities } = this.formatted(p.caption, p.parse_mode, parseJson(p.caption_entities), "caption");
    const reply_markup = this.keyboard(p.reply_markup);
    if (text === (m.caption ?? "") && same(entities, m.caption_entities ?? []) && same(reply_markup, m.reply_markup)) throw bad(NOT_MODIFIED.slice("Bad Request: ".length));
    m.caption = text;
    m.caption_entities = entities;
    if (reply_markup) m.reply_markup = reply_markup;
    else delete m.reply_markup;
    return this.edited(m);
  }

  private editMessageReplyMarkup(p: Record<string, any>): unknown {
    const m = this.target(p);
    const reply_markup = this.keyboard(p.reply_markup);
    if (same(reply_markup, m.reply_markup)) throw bad(NOT_MODIFIED.slice("Bad Request: ".length));
    this.checkRate(m.chat_id);
    if (reply_markup) m.reply_markup = reply_markup;
    else delete m.reply_markup;
    return this.edited(m);
  }

  private edited(m: ChatMessage): unknown {
    m.edit_date = now();
    this.emit("edit", structuredClone(m));
    return this.toTelegram(m);
  }

  private deleteMessage(p: Record<string, any>): true {
    const chat = this.chatOf(p.chat_id);
    const list = this.chats.get(chat) ?? [];
    const i = list.findIndex((x) => x.message_id === int(p.message_id, 0));
    if (i < 0) throw bad("message to delete not found");
    const [gone] = list.splice(i, 1);
    this.emit("delete", gone);
    return true;
  }

  private answerCallbackQuery(p: Record<string, any>): true {
    const id = String(p.callback_query_id ?? "");
    // The parameters are checked before the query is looked up, as the Bot API does.
    const text = p.text === undefined ? undefined : String(p.text);
    if (text !== undefined && text.length > MAX_CALLBACK_ANSWER) throw bad("MESSAGE_TOO_LONG");
    const q = this.queries.get(id);
    if (!q || q.answered || Date.now() - q.at > 15 * 60_000) throw bad("query is too old and response timeout expired or query ID is invalid");
    q.answered = true;
    const answer: CallbackAnswer = { queryId: id, userId: q.userId, show_alert: bool(p.show_alert), ...(text ? { text } : {}), ...(p.url ? { url: String(p.url) } : {}) };
    this.emit("answer", answer);
    q.resolve(answer);
    return true;
  }

  private sendFile(p: Record<string, any>, uploads: Record<string, FilePart>, kind: "document" | "photo"): unknown {
    const chat = this.chatOf(p.chat_id);
    const { text: caption, entities } = this.formatted(p.caption, p.parse_mode, parseJson(p.caption_entities), "caption");
    const reply_markup = this.keyboard(p.reply_markup);
    const field = p[kind];
    let file: StoredFile | undefined;
    const attach = typeof field === "string" && /^attach:\/\/(.+)$/.exec(field);
    const part = attach ? uploads[attach[1]!] : uploads[kind];
    if (part) {
      if (part.data.length === 0) throw bad("file must be non-empty");
      if (kind === "photo" && !imageSize(part.data)) throw bad("IMAGE_PROCESS_FAILED");
      file = this.addFile(part.data, part.filename, kind === "photo" ? (imageSize(part.data)!.mime) : mimeFor(part.filename, part.contentType), kind === "photo" ? "photos" : "documents");
    } else if (typeof field === "string" && this.files.has(field)) {
      file = this.files.get(field);
    } else if (typeof field === "string" && /^https?:\/\//.test(field)) {
      throw bad("wrong file identifier/HTTP URL specified"); // the emulator is offline
    } else {
      throw bad(`there is no ${kind} in the request`);
    }
    this.checkRate(chat);
    const m: ChatMessage = { message_id: this.nextMessageId++, chat_id: chat, from: "bot", date: now(), ...(reply_markup ? { reply_markup } : {}) };
    if (caption) {
      m.caption = caption;
      if (entities.length) m.caption_entities = entities;
    }
    if (kind === "document") {
      m.document = { file_id: file!.file_id, file_unique_id: file!.file_unique_id, file_name: file!.file_name, mime_type: file!.mime_type, file_size: file!.file_size };
    } else {
      const size = imageSize(file!.data)!;
      m.photo = [{ file_id: file!.file_id, file_unique_id: file!.file_unique_id, width: size.width, height: size.height, file_size: file!.file_size }];
    }
    return this.toTelegram(this.store(m));
  }

  /** An album: 2–10 photos or documents, each sent as its own message (as Telegram delivers them). */
  private sendMediaGroup(p: Record<string, any>, uploads: Record<string, FilePart>): unknown[] {
    const media = parseJson(p.media);
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) throw bad("media must include 2-10 items");
    const kinds = new Set(media.map((m: any) => m?.type));
    if (![...kinds].every((k) => k === "photo" || k === "document") || kinds.size > 1) throw bad("MEDIA_INVALID");
    this.chatOf(p.chat_id);
    return media.map((m: any) => this.sendFile({ chat_id: p.chat_id, [m.type]: m.media, caption: m.caption, parse_mode: m.parse_mode, caption_entities: m.caption_entities }, uploads, m.type));
  }

  private setMyCommands(p: Record<string, any>): true {
    const list = parseJson(p.commands);
    if (!Array.isArray(list)) throw bad("field \"commands\" must be an Array");
    if (list.length > 100) throw bad("too many commands");
    const commands: BotCommand[] = list.map((c: any) => {
      const command = String(c?.command ?? "");
      const description = String(c?.description ?? "");
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw bad("BOT_COMMAND_INVALID");
      if (description.length < 1 || description.length > 256) throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
      return { command, description };
    });
    const key = scopeKey(parseScope(p.scope), languageOf(p));
    if (commands.length) this.commands.set(key, commands);
    else this.commands.delete(key);
    this.emit("commands", key);
    return true;
  }

  // ---------------------------------------------------------------- files

  addFile(data: Buffer, name: string, mime: string, folder = "documents"): StoredFile {
    const n = this.nextFile++;
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? (mime === "image/png" ? "png" : mime === "image/jpeg" ? "jpg" : "bin");
    const f: StoredFile = {
      file_id: `${folder === "photos" ? "AgAC" : "BQAC"}${n.toString(36).padStart(6, "0")}${Math.random().toString(36).slice(2, 10)}`,
      file_unique_id: `AQAD${n.toString(36)}`,
      file_path: `${folder}/file_${n}.${ext}`,
      file_size: data.length,
      file_name: name,
      mime_type: mime,
      data,
    };
    this.files.set(f.file_id, f);
    this.filesByPath.set(f.file_path, f);
    return f;
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  // ---------------------------------------------------------------- the people

  /** Adds (or updates) a Telegram user who can talk to the bot. */
  addUser(u: Omit<EmulatedUser, "is_bot">): EmulatedUser {
    const user: EmulatedUser = { ...u, is_bot: false };
    this.users.set(u.id, user);
    if (!this.chats.has(u.id)) this.chats.set(u.id, []);
    return user;
  }

  user(id: number): EmulatedUser | undefined {
    return this.users.get(id);
  }

  /** Marks a user as having blocked the bot (sends to them answer 403), or unblocks them. */
  setBlocked(id: number, blocked: boolean): void {
    if (blocked) this.blocked.add(id);
    else this.blocked.delete(id);
  }

  private person(id: number): EmulatedUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`no user ${id} in the emulator`);
    return u;
  }

  private chatObject(u: EmulatedUser) {
    return { id: u.id, type: "private" as const, first_name: u.first_name, ...(u.last_name ? { last_name: u.last_name } : {}), ...(u.username ? { username: u.username } : {}) };
  }

  private userObject(u: EmulatedUser) {
    return { id: u.id, is_bot: false, first_name: u.first_name, ...(u.last_name ? { last_name: u.last_name } : {}), ...(u.username ? { username: u.username } : {}), ...(u.language_code ? { language_code: u.language_code } : {}) };
  }

  /** The person types `text` in their chat with the bot (commands get bot_command entities, as clients mark them). */
  sendText(userId: number, text: string): ChatMessage {
    const u = this.person(userId);
    if (text.trim() === "") throw new Error("an empty message cannot be sent");
    const entities = commandEntities(text);
    this.blocked.delete(userId); // writing to the bot unblocks it
    const m = this.store({ message_id: this.nextMessageId++, chat_id: u.id, from: u.id, date: now(), text, ...(entities.length ? { entities } : {}) });
    this.pushUpdate({ message: { ...this.toTelegram(m), from: this.userObject(u) } });
    return m;
  }

  /** The person sends a file as a document. */
  sendDocument(userId: number, file: { name: string; data: Buffer; mime?: string; caption?: string }): ChatMessage {
    const u = this.person(userId);
    const f = this.addFile(file.data, file.name, file.mime ?? mimeFor(file.name, "application/octet-stream"));
    const m = this.store({
      message_id: this.nextMessageId++,
      chat_id: u.id,
      from: u.id,
      date: now(),
      document: { file_id: f.file_id, file_unique_id: f.file_unique_id, file_name: f.file_name, mime_type: f.mime_type, file_size: f.file_size },
      ...(file.caption ? { caption: file.caption } : {}),
    });
    this.pushUpdate({ message: { ...this.toTelegram(m), from: this.userObject(u) } });
    return m;
  }

  /**
   * The person presses an inline button of a bot message in their chat. Resolves with the bot's
   * answer to the callback query (Telegram's clients wait for it), or rejects if it never comes.
   */
  press(userId: number, messageId: number, data: string, timeoutMs = 15_000): { queryId: string; answered: Promise<CallbackAnswer> } {
    const u = this.person(userId);
    const m = this.chats.get(u.id)?.find((x) => x.message_id === messageId);
    if (!m || m.from !== "bot") throw new Error(`no bot message ${messageId} in the chat of ${userId}`);
    if (!m.reply_markup?.inline_keyboard.flat().some((b) => b.callback_data === data)) throw new Error(`message ${messageId} has no button with that data (any more)`);
    const queryId = `${this.me.id}${String(this.nextQuery++).padStart(8, "0")}`;
    let resolve!: (a: CallbackAnswer) => void;
    let reject!: (e: Error) => void;
    const answered = new Promise<CallbackAnswer>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timer = setTimeout(() => reject(new Error(`the bot did not answer callback query ${queryId}`)), timeoutMs);
    timer.unref?.();
    this.queries.set(queryId, {
      userId,
      answered: false,
      at: Date.now(),
      resolve: (a) => {
        clearTimeout(timer);
        resolve(a);
      },
    });
    answered.catch(() => undefined);
    this.pushUpdate({ callback_query: { id: queryId, from: this.userObject(u), message: this.toTelegram(m), chat_instance: `${this.me.id}${u.id}`, data } });
    return { queryId, answered };
  }

  /** Messages of a private chat, oldest first, current after edits. */
  history(chatId: number): ChatMessage[] {
    return structuredClone(this.chats.get(chatId) ?? []);
  }

  /** The command menu Telegram would show this user in their private chat, for their client language. */
  menuFor(userId: number, language?: string): BotCommand[] {
    const lang = (language ?? this.users.get(userId)?.language_code ?? "").slice(0, 2).toLowerCase();
    const scopes = [scopeKey({ type: "chat", chat_id: userId }, lang), scopeKey({ type: "chat", chat_id: userId }, ""), scopeKey({ type: "all_private_chats" }, lang), scopeKey({ type: "all_private_chats" }, ""), scopeKey({ type: "default" }, lang), scopeKey({ type: "default" }, "")];
    for (const key of scopes) {
      const found = this.commands.get(key);
      if (found) return structuredClone(found);
    }
    return [];
  }

  /** Telegram's Message object for a stored message. */
  toTelegram(m: ChatMessage): Record<string, any> {
    const u = this.users.get(m.chat_id);
    const chat = u ? this.chatObject(u) : { id: m.chat_id, type: "private" as const, first_name: `User ${m.chat_id}` };
    const from = m.from === "bot" ? { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username } : u ? this.userObject(u) : { id: m.from, is_bot: false, first_name: `User ${m.from}` };
    const { chat_id: _chat, from: _from, ...rest } = structuredClone(m);
    return { ...rest, from, chat };
  }
}

// ---------------------------------------------------------------- helpers

async function readParams(req: IncomingMessage, url: URL): Promise<{ params: Record<string, any>; uploads: Record<string, FilePart> }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const params: Record<string, any> = Object.fromEntries(url.searchParams);
  const type = String(req.headers["content-type"] ?? "");
  if (body.length === 0) return { params, uploads: {} };
  if (type.startsWith("application/json")) {
    const parsed = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("the request body must be a JSON object");
    return { params: { ...params, ...parsed }, uploads: {} };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(type);
    if (!boundary) throw new Error("multipart body without a boundary");
    const { fields, files } = parseMultipart(body, boundary);
    for (const [k, v] of Object.entries(fields)) params[k] = decodeField(v);
    return { params, uploads: files };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = decodeField(v);
    return { params, uploads: {} };
  }
  throw new Error(`unsupported content type ${type || "(none)"}`);
}

/** Form fields carry objects as JSON; plain strings stay strings. */
function decodeField(v: string): unknown {
  if (/^\s*[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

function parseJson(v: unknown): unknown {
  if (typeof v === "string") {
    try {
      return JSON.parse(v);
    } catch {
      throw bad("can't parse JSON");
    }
  }
  return v;
}

function asArray(v: unknown): unknown[] {
  const parsed = parseJson(v);
  return Array.isArray(parsed) ? parsed : [];
}

function int(v: unknown, fallback: number): number {
  if (v === undefined || v === null || v === "") return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

function bool(v: unknown): boolean {
  return v === true || v === "true" || v === "1" || v === 1;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function parseScope(raw: unknown): Scope {
  const scope = (parseJson(raw) ?? { type: "default" }) as Scope;
  const types = ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"];
  if (typeof scope !== "object" || !types.includes(scope.type)) throw bad("can't parse BotCommandScope");
  if (["chat", "chat_administrators", "chat_member"].includes(scope.type) && (scope.chat_id === undefined || scope.chat_id === "")) throw bad("chat not found");
  return scope;
}

function languageOf(p: Record<string, any>): string {
  const lang = p.language_code === undefined ? "" : String(p.language_code);
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw bad("invalid language code specified");
  return lang;
}

function scopeKey(scope: Scope, lang: string): string {
  return [scope.type, scope.chat_id ?? "", scope.user_id ?? "", lang].join("|");
}

function mimeFor(name: string, fallback: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const known: Record<string, string> = { csv: "text/csv", json: "application/json", txt: "text/plain", pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", svg: "image/svg+xml" };
  return (ext && known[ext]) || (fallback === "application/octet-stream" || !fallback ? "application/octet-stream" : fallback);
}

/** Width and height of a PNG or JPEG, or null when the bytes are neither (Telegram refuses such photos). */
export function imageSize(data: Buffer): { width: number; height: number; mime: string } | null {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString("latin1", 12, 16) === "IHDR") {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), mime: "image/png" };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return null;
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5), mime: "image/jpeg" };
      i += 2 + len;
    }
  }
  return null;
}
