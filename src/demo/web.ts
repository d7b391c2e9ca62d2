// The demo's web chat: static files (plain HTML, CSS, one script), the state
// of every chat from the emulator, the people's actions (type, press, send a
// file), and live updates as server-sent events.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { z } from "zod";
import type { CallbackAnswer, ChatMessage, TelegramEmulator } from "../emulator/emulator.js";
import { PACKAGE_ROOT } from "../paths.js";

export const PUBLIC_DIR = join(PACKAGE_ROOT, "src", "demo", "public");
const FONTS_DIR = join(PACKAGE_ROOT, "node_modules", "@embedpdf", "fonts-sc", "fonts");

export interface PagePerson {
  id: number;
  name: string;
  /** The Telegram client's language (what picks the command menu). */
  language_code: string;
  /** What the page calls them: owner, tenant, committee, official, newcomer. */
  role: "owner" | "tenant" | "committee" | "official" | "newcomer";
  /** Building and unit, for residents. */
  home?: string;
  /** For newcomers: the committee's letter with their unit's invite code. */
  letter?: { building: string; unit: string; code: string };
}

export interface DemoPage {
  people: PagePerson[];
  /** A new person who registers from scratch, or null when every letter is handed out. */
  newcomer(lang: "zh" | "en"): PagePerson | null;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml" };
const STATIC: Record<string, string> = { "/": "index.html", "/index.html": "index.html", "/app.js": "app.js", "/style.css": "style.css" };

const Send = z.object({ userId: z.number().int(), text: z.string().min(1).max(4096) });
const Press = z.object({ userId: z.number().int(), messageId: z.number().int(), data: z.string().min(1).max(64) });
const Newcomer = z.object({ lang: z.enum(["zh", "en"]) });
const UploadQuery = z.object({ userId: z.coerce.number().int(), name: z.string().min(1).max(255) });
const MAX_UPLOAD = 20 * 1024 * 1024; // Telegram bots may download files up to 20 MB

export function createWebServer(tg: TelegramEmulator, page: DemoPage): Server {
  const clients = new Set<ServerResponse>();
  const broadcast = (event: string, data: unknown) => {
    const line = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of clients) c.write(line);
  };
  const menus = () => Object.fromEntries(page.people.map((p) => [p.id, tg.menuFor(p.id, p.language_code)]));
  // Only the chats on the page: the simulated residents' chats stay in the emulator.
  const shown = (chatId: number) => page.people.some((p) => p.id === chatId);
  tg.on("message", (m: ChatMessage) => shown(m.chat_id) && broadcast("message", m));
  tg.on("edit", (m: ChatMessage) => shown(m.chat_id) && broadcast("edit", m));
  tg.on("delete", (m: ChatMessage) => shown(m.chat_id) && broadcast("delete", m));
  tg.on("answer", (a: CallbackAnswer) => shown(a.userId) && broadcast("answer", a));
  let menuTimer: NodeJS.Timeout | undefined;
  tg.on("commands", () => {
    // setMyCommands comes in bursts (every scope and language): send the menus once the burst is over.
    clearTimeout(menuTimer);
    menuTimer = setTimeout(() => broadcast("menus", menus()), 50);
  });

  const state = () => ({
    bot: tg.me,
    people: page.people,
    chats: Object.fromEntries(page.people.map((p) => [p.id, tg.history(p.id)])),
    menus: menus(),
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => json(res, 500, { error: (e as Error).message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this page may act for the demo's people: no other site (Origin), no other host name (DNS rebinding).
    const port = (server.address() as { port: number } | null)?.port;
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!hosts.includes(String(req.headers.host ?? ""))) return json(res, 421, { error: "this demo answers only on 127.0.0.1" });
    const origin = req.headers.origin;
    if (req.method !== "GET" && origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return json(res, 403, { error: "requests from other sites are refused" });
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (req.method === "GET" && STATIC[path]) {
      const file = STATIC[path]!;
      const body = await readFile(join(PUBLIC_DIR, file));
      res.writeHead(200, { "content-type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
      return;
    }
    const font = /^\/fonts\/(NotoSansHans-(?:Regular|Bold)\.otf)$/.exec(path);
    if (req.method === "GET" && font) {
      // Chinese text needs a CJK font; the package's own Noto Sans Hans (used for charts) serves machines without one.
      const body = await readFile(join(FONTS_DIR, font[1]!));
      res.writeHead(200, { "content-type": "font/otf", "cache-control": "max-age=86400" });
      res.end(body);
      return;
    }
    if (req.method === "GET" && path === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === "GET" && path === "/api/state") return json(res, 200, state());
    if (req.method === "GET" && path === "/api/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
      req.on("close", () => {
        clearInterval(ping);
        clients.delete(res);
      });
      return;
    }
    const file = /^\/api\/files\/([A-Za-z0-9_-]+)$/.exec(path);
    if (req.method === "GET" && file) {
      const f = tg.file(file[1]!);
      if (!f) return json(res, 404, { error: "no such file" });
      const inline = f.mime_type.startsWith("image/");
      res.writeHead(200, {
        "content-type": f.mime_type,
        "content-length": f.data.length,
        "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(f.file_name)}`,
      });
      res.end(f.data);
      return;
    }
    if (req.method !== "POST") return json(res, 404, { error: "not found" });
    const person = (id: number) => page.people.find((p) => p.id === id);
    if (path === "/api/upload") {
      const q = UploadQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success || !person(q.data.userId)) return json(res, 400, { error: "userId and name are required" });
      const data = await body(req, MAX_UPLOAD);
      if (data === null) return json(res, 413, { error: "files up to 20 MB" });
      if (data.length === 0) return json(res, 400, { error: "the file is empty" });
      // Telegram's clients let the server tell the type from the file's name.
      const m = tg.sendDocument(q.data.userId, { name: q.data.name, data });
      return json(res, 200, { message_id: m.message_id });
    }
    const raw = await body(req, 64 * 1024);
    let input: unknown;
    try {
      input = JSON.parse(raw?.toString("utf8") ?? "");
    } catch {
      return json(res, 400, { error: "expected a JSON body" });
    }
    if (path === "/api/send") {
      const p = Send.safeParse(input);
      if (!p.success || !person(p.data.userId)) return json(res, 400, { error: "userId and a text of 1–4096 characters are required" });
      if (p.data.text.trim() === "") return json(res, 400, { error: "the text is empty" });
      const m = tg.sendText(p.data.userId, p.data.text);
      return json(res, 200, { message_id: m.message_id });
    }
    if (path === "/api/press") {
      const p = Press.safeParse(input);
      if (!p.success || !person(p.data.userId)) return json(res, 400, { error: "userId, messageId and data are required" });
      try {
        const { queryId, answered } = tg.press(p.data.userId, p.data.messageId, p.data.data);
        answered.catch(() => broadcast("answer", { queryId, userId: p.data.userId, show_alert: false, timeout: true }));
        return json(res, 200, { queryId });
      } catch (e) {
        return json(res, 409, { error: (e as Error).message });
      }
    }
    if (path === "/api/newcomers") {
      const p = Newcomer.safeParse(input);
      if (!p.success) return json(res, 400, { error: "lang must be zh or en" });
      const n = page.newcomer(p.data.lang);
      if (!n) return json(res, 409, { error: "every unit's code has been handed out" });
      broadcast("people", { people: page.people, menus: menus() });
      return json(res, 200, { ...n, menu: tg.menuFor(n.id, n.language_code) });
    }
    return json(res, 404, { error: "not found" });
  }

  server.on("close", () => {
    clearTimeout(menuTimer);
    for (const c of clients) c.end();
  });
  return server;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The request body, or null when it is larger than `limit`. */
async function body(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
