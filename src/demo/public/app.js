// The demo's web chat: every person is a Telegram user of the emulator; this
// page shows their chats with the bot and acts for them. Messages are drawn
// from their plain text and Telegram entities with DOM nodes only (never
// innerHTML), so the bot's formatting shows and nothing else can.
"use strict";

const T = {
  zh: {
    tagline: "居民自治委员会的“数字前台”——本机演示，不连接 Telegram",
    intro: "每个窗口都是一位真实的 Telegram 用户在和机器人私聊。点按钮、打字、点 / 打开命令菜单，或用 📎 发送文件（名册 CSV、征询 JSON）。",
    newResident: "＋ 新住户",
    send: "发送",
    placeholder: "输入消息…",
    menu: "命令菜单",
    attach: "发送文件",
    edited: "已编辑",
    you: "我",
    owner: "中文业主",
    tenant: "英文租户",
    committee: "委员会成员",
    official: "政府官员（只看汇总）",
    newcomer: "新住户（从头登记）",
    letterIntro: "委员会寄来的信：",
    letterBody: (l) => `您的单元 ${l.building} ${l.unit} 的邀请码是 `,
    letterHint: "发送 /start 开始登记，在要求时输入邀请码；或点这里打开邀请链接：",
    openInvite: "打开邀请链接",
    noCodes: "所有单元的邀请码都已发出。",
    disconnected: "与演示服务器的连接中断，正在重连…",
    pressFailed: "这个按钮已经不能按了。",
    uploadFailed: "文件没有发出：",
    noMenu: "（机器人还没有设置命令）",
    download: "下载",
    ok: "好",
    sendFailed: "消息没有发出（1 到 4096 个字符）。",
  },
  en: {
    tagline: "A residents' committee's digital front-stage — running on this machine, no Telegram needed",
    intro: "Each window is a real Telegram user in a private chat with the bot. Press buttons, type, tap / for the command menu, or send a file with 📎 (a roster CSV, a consultation JSON).",
    newResident: "+ New resident",
    send: "Send",
    placeholder: "Message…",
    menu: "Command menu",
    attach: "Send a file",
    edited: "edited",
    you: "me",
    owner: "Chinese-speaking owner",
    tenant: "English-speaking tenant",
    committee: "Committee member",
    official: "Official (aggregates only)",
    newcomer: "New resident (registers from scratch)",
    letterIntro: "A letter from the committee: ",
    letterBody: (l) => `the invite code of your unit ${l.building} ${l.unit} is `,
    letterHint: "Send /start to register and type the code when asked, or open the invite link: ",
    openInvite: "Open the invite link",
    noCodes: "Every unit's invite code has been handed out.",
    disconnected: "Lost the connection to the demo server; reconnecting…",
    pressFailed: "That button cannot be pressed any more.",
    uploadFailed: "The file was not sent: ",
    noMenu: "(the bot has set no commands yet)",
    download: "Download",
    ok: "OK",
    sendFailed: "The message was not sent (1 to 4096 characters).",
  },
};

const COLORS = { owner: "#d9822b", tenant: "#3d9970", committee: "#7a5cc2", official: "#2b5278", newcomer: "#c2455c" };

const state = { lang: localStorage.getItem("demo-lang") || (navigator.language.startsWith("zh") ? "zh" : "en"), bot: null, people: [], chats: {}, menus: {}, active: null, pending: new Map(), answered: new Set() };
const views = new Map(); // person id → { root, list, ... }

const $ = (sel, root = document) => root.querySelector(sel);
const t = (key) => T[state.lang][key];

function applyChrome() {
  document.documentElement.lang = state.lang === "zh" ? "zh-Hans" : "en";
  document.querySelectorAll("[data-t]").forEach((el) => (el.textContent = t(el.dataset.t)));
  document.querySelectorAll("[data-t-title]").forEach((el) => (el.title = t(el.dataset.tTitle)));
  document.querySelectorAll("[data-lang]").forEach((b) => {
    b.textContent = b.dataset.lang === "zh" ? "中文" : "English";
    b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  });
  document.querySelectorAll(".composer .text").forEach((i) => (i.placeholder = t("placeholder")));
  for (const p of state.people) renderHead(p);
  renderTabs();
  for (const p of state.people) for (const m of state.chats[p.id] || []) renderMessage(p.id, m);
}

// ------------------------------------------------------------------ formatting

function elementFor(e) {
  switch (e.type) {
    case "bold": return document.createElement("b");
    case "italic": return document.createElement("i");
    case "underline": return document.createElement("u");
    case "strikethrough": return document.createElement("s");
    case "code": return document.createElement("code");
    case "pre": return document.createElement("pre");
    case "blockquote":
    case "expandable_blockquote": return document.createElement("blockquote");
    case "spoiler": {
      const s = document.createElement("span");
      s.className = "spoiler";
      s.addEventListener("click", () => s.classList.toggle("shown"));
      return s;
    }
    case "text_link":
    case "url": {
      const a = document.createElement("a");
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      if (e.type === "text_link" && /^(https?|tg):\/\//i.test(e.url || "")) a.href = e.url;
      return a;
    }
    case "bot_command": {
      const s = document.createElement("span");
      s.className = "bot-command";
      return s;
    }
    default: return document.createElement("span");
  }
}

/** Appends text[start, end) to parent, wrapping the (nested, sorted) entities. */
function build(parent, text, entities, start, end) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const e = entities[i];
    const from = Math.max(e.offset, pos);
    const to = Math.min(e.offset + e.length, end);
    let j = i + 1;
    while (j < entities.length && entities[j].offset < e.offset + e.length) j++;
    if (to > from) {
      if (from > pos) parent.append(text.slice(pos, from));
      const el = elementFor(e);
      build(el, text, entities.slice(i + 1, j), from, to);
      if (e.type === "bot_command") el.dataset.command = text.slice(from, to);
      if (e.type === "url") el.href = /^https?:\/\//i.test(el.textContent) ? el.textContent : "";
      parent.append(el);
      pos = to;
    }
    i = j;
  }
  if (pos < end) parent.append(text.slice(pos, end));
}

function formatted(text, entities) {
  const span = document.createElement("div");
  span.className = "body";
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(span, text, sorted, 0, text.length);
  return span;
}

function sizeOf(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

// ------------------------------------------------------------------ chats

function messageId(chatId, m) {
  return `m-${chatId}-${m.message_id}`;
}

function renderMessage(chatId, m) {
  const view = views.get(chatId);
  if (!view) return;
  const li = document.createElement("li");
  li.id = messageId(chatId, m);
  li.className = "msg" + (m.from === "bot" ? "" : " mine");
  li.dataset.messageId = String(m.message_id);
  if (m.photo && m.photo.length) {
    const img = document.createElement("img");
    img.className = "photo";
    img.src = `/api/files/${encodeURIComponent(m.photo[m.photo.length - 1].file_id)}`;
    img.alt = m.caption || "photo";
    li.append(img);
  }
  if (m.document) {
    const a = document.createElement("a");
    a.className = "doc";
    a.href = `/api/files/${encodeURIComponent(m.document.file_id)}`;
    a.download = m.document.file_name;
    a.title = t("download");
    const icon = document.createElement("span");
    icon.className = "icon";
    icon.textContent = "⬇";
    const info = document.createElement("span");
    const name = document.createElement("div");
    name.className = "name";
    name.textContent = m.document.file_name;
    const size = document.createElement("div");
    size.className = "size";
    size.textContent = sizeOf(m.document.file_size);
    info.append(name, size);
    a.append(icon, info);
    li.append(a);
  }
  const text = m.text ?? m.caption;
  if (text) li.append(formatted(text, m.text !== undefined ? m.entities : m.caption_entities));
  const rows = m.reply_markup?.inline_keyboard || [];
  if (rows.length) {
    const kb = document.createElement("div");
    kb.className = "keyboard";
    for (const row of rows) {
      const r = document.createElement("div");
      r.className = "row";
      for (const b of row) {
        if (b.url) {
          const a = document.createElement("a");
          a.href = /^https?:\/\//i.test(b.url) ? b.url : "#";
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          a.textContent = b.text;
          r.append(a);
        } else {
          const btn = document.createElement("button");
          btn.type = "button";
          btn.textContent = b.text;
          btn.addEventListener("click", () => press(chatId, m.message_id, b.callback_data, btn));
          r.append(btn);
        }
      }
      kb.append(r);
    }
    li.append(kb);
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const time = new Date((m.edit_date || m.date) * 1000).toLocaleTimeString(state.lang === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  meta.textContent = (m.edit_date ? `${t("edited")} ` : "") + time;
  li.append(meta);
  li.querySelectorAll(".bot-command").forEach((c) => c.addEventListener("click", () => sendText(chatId, c.dataset.command)));

  const old = document.getElementById(li.id);
  if (old) old.replaceWith(li);
  else {
    const nearBottom = view.list.scrollHeight - view.list.scrollTop - view.list.clientHeight < 80;
    view.list.append(li);
    if (nearBottom || m.from !== "bot") view.list.scrollTop = view.list.scrollHeight;
  }
}

function upsert(m) {
  const list = (state.chats[m.chat_id] ||= []);
  const i = list.findIndex((x) => x.message_id === m.message_id);
  if (i >= 0) list[i] = m;
  else list.push(m);
  renderMessage(m.chat_id, m);
}

function renderHead(p) {
  const view = views.get(p.id);
  if (!view) return;
  $(".who", view.root).textContent = p.name;
  $(".role", view.root).textContent = t(p.role) + (p.home ? ` · ${p.home}` : "");
  const letter = $(".letter", view.root);
  if (p.letter) {
    letter.hidden = false;
    letter.replaceChildren();
    const code = document.createElement("code");
    code.textContent = p.letter.code;
    const link = document.createElement("button");
    link.type = "button";
    link.className = "invite";
    link.textContent = t("openInvite");
    link.addEventListener("click", () => sendText(p.id, `/start ${p.letter.code}`));
    letter.append(t("letterIntro"), t("letterBody")(p.letter), code, document.createElement("br"), t("letterHint"), link);
  }
  renderMenu(p.id);
}

function renderMenu(id) {
  const view = views.get(id);
  if (!view) return;
  const ul = $(".menu ul", view.root);
  ul.replaceChildren();
  const commands = state.menus[id] || [];
  if (!commands.length) {
    const li = document.createElement("li");
    li.textContent = t("noMenu");
    li.style.padding = "6px 12px";
    ul.append(li);
  }
  for (const c of commands) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    const cmd = document.createElement("span");
    cmd.className = "cmd";
    cmd.textContent = `/${c.command}`;
    const d = document.createElement("span");
    d.textContent = c.description;
    b.append(cmd, d);
    b.addEventListener("click", () => {
      $(".menu", view.root).hidden = true;
      sendText(id, `/${c.command}`);
    });
    li.append(b);
    ul.append(li);
  }
}

function addChat(p) {
  if (views.has(p.id)) return;
  const root = $("#chat-template").content.firstElementChild.cloneNode(true);
  root.dataset.person = String(p.id);
  root.dataset.role = p.role;
  root.id = `chat-${p.id}`;
  $(".avatar", root).style.background = COLORS[p.role] || "#555";
  $(".avatar", root).textContent = [...p.name][0] || "?";
  const list = $(".messages", root);
  views.set(p.id, { root, list });
  $("#chats").append(root);
  const form = $(".composer", root);
  const input = $(".text", root);
  input.placeholder = t("placeholder");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    sendText(p.id, text);
  });
  $(".menu-button", root).addEventListener("click", () => {
    const menu = $(".menu", root);
    menu.hidden = !menu.hidden;
  });
  $(".file", root).addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const res = await fetch(`/api/upload?userId=${p.id}&name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
    if (!res.ok) showToast(p.id, t("uploadFailed") + (res.status === 413 ? "≤ 20 MB" : file.name));
  });
  $(".alert button", root).addEventListener("click", () => ($(".alert", root).hidden = true));
  root.querySelectorAll("[data-t-title]").forEach((el) => (el.title = t(el.dataset.tTitle)));
  root.querySelectorAll("[data-t]").forEach((el) => (el.textContent = t(el.dataset.t)));
  renderHead(p);
  for (const m of state.chats[p.id] || []) renderMessage(p.id, m);
  document.getElementById("chats").style.setProperty("--cols", String(views.size));
  renderTabs();
}

function renderTabs() {
  const tabs = $("#tabs");
  tabs.replaceChildren();
  if (state.active === null && state.people.length) state.active = state.people[0].id;
  for (const p of state.people) {
    const b = document.createElement("button");
    b.type = "button";
    b.role = "tab";
    b.textContent = `${p.name} · ${t(p.role)}`;
    b.setAttribute("aria-selected", String(p.id === state.active));
    b.addEventListener("click", () => {
      state.active = p.id;
      renderTabs();
    });
    tabs.append(b);
  }
  for (const [id, v] of views) v.root.classList.toggle("active", id === state.active);
}

function showToast(id, text) {
  const view = views.get(id);
  if (!view) return;
  const toast = $(".toast", view.root);
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(view.toastTimer);
  view.toastTimer = setTimeout(() => (toast.hidden = true), 2500);
}

function showAlert(id, text) {
  const view = views.get(id);
  if (!view) return;
  $(".alert p", view.root).textContent = text;
  $(".alert", view.root).hidden = false;
}

// ------------------------------------------------------------------ actions

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  return { ok: res.ok, data };
}

async function sendText(userId, text) {
  const r = await post("/api/send", { userId, text });
  if (!r.ok) showToast(userId, t("sendFailed"));
}

async function press(userId, messageId, data, btn) {
  btn.classList.add("pending");
  const r = await post("/api/press", { userId, messageId, data });
  if (!r.ok) {
    btn.classList.remove("pending");
    showToast(userId, t("pressFailed"));
    return;
  }
  // The bot may have answered before this response arrived.
  if (state.answered.has(r.data.queryId)) btn.classList.remove("pending");
  else state.pending.set(r.data.queryId, btn);
}

// ------------------------------------------------------------------ state and live updates

/** The Chinese font, before the first drawing (text drawn while it loads may keep the fallback's empty boxes). */
const fontsReady = Promise.race([
  Promise.all(["400", "700"].map((w) => document.fonts.load(`${w} 14px "Demo Hans"`, "中文"))).catch(() => undefined),
  new Promise((resolve) => setTimeout(resolve, 3000)),
]);

async function load() {
  await fontsReady;
  const res = await fetch("/api/state");
  const s = await res.json();
  state.bot = s.bot;
  state.chats = s.chats;
  state.menus = s.menus;
  for (const p of s.people) {
    if (!state.people.some((x) => x.id === p.id)) state.people.push(p);
    addChat(p);
  }
  for (const p of state.people) {
    const view = views.get(p.id);
    view.list.replaceChildren();
    for (const m of state.chats[p.id] || []) renderMessage(p.id, m);
    view.list.scrollTop = view.list.scrollHeight;
    renderMenu(p.id);
  }
  // Opened while the demo was still seeding: the people come once it is ready.
  if (!s.people.length) return void setTimeout(load, 1000);
  document.body.dataset.ready = "true";
}

function connect() {
  const events = new EventSource("/api/events");
  let opened = false;
  events.addEventListener("open", () => {
    $("#status").textContent = "";
    // After a reconnect, whatever happened meanwhile comes from the emulator's state.
    if (opened) load();
    opened = true;
  });
  events.addEventListener("error", () => ($("#status").textContent = t("disconnected")));
  events.addEventListener("message", (e) => upsert(JSON.parse(e.data)));
  events.addEventListener("edit", (e) => upsert(JSON.parse(e.data)));
  events.addEventListener("delete", (e) => {
    const m = JSON.parse(e.data);
    state.chats[m.chat_id] = (state.chats[m.chat_id] || []).filter((x) => x.message_id !== m.message_id);
    document.getElementById(messageId(m.chat_id, m))?.remove();
  });
  events.addEventListener("answer", (e) => {
    const a = JSON.parse(e.data);
    state.answered.add(a.queryId);
    const btn = state.pending.get(a.queryId);
    if (btn) btn.classList.remove("pending");
    state.pending.delete(a.queryId);
    if (a.text) (a.show_alert ? showAlert : showToast)(a.userId, a.text);
  });
  events.addEventListener("menus", (e) => {
    state.menus = JSON.parse(e.data);
    for (const p of state.people) renderMenu(p.id);
  });
  events.addEventListener("people", (e) => {
    const { people, menus } = JSON.parse(e.data);
    Object.assign(state.menus, menus);
    for (const p of people) {
      if (!state.people.some((x) => x.id === p.id)) {
        state.people.push(p);
        state.chats[p.id] ||= [];
        addChat(p);
      }
    }
  });
}

document.querySelectorAll("[data-lang]").forEach((b) =>
  b.addEventListener("click", () => {
    state.lang = b.dataset.lang;
    localStorage.setItem("demo-lang", state.lang);
    applyChrome();
  }),
);

$("#newcomer").addEventListener("click", async () => {
  const r = await post("/api/newcomers", { lang: state.lang });
  if (!r.ok) {
    $("#status").textContent = t("noCodes");
    return;
  }
  const { menu, ...person } = r.data;
  state.menus[person.id] = menu;
  if (!state.people.some((x) => x.id === person.id)) {
    state.people.push(person);
    state.chats[person.id] = [];
    addChat(person);
  }
  state.active = person.id;
  renderTabs();
  $(".text", views.get(person.id).root).focus();
});

fontsReady.then(applyChrome);
connect();
load();
// Text drawn before the Chinese font arrived is drawn again with it.
document.fonts.addEventListener("loadingdone", () => {
  for (const p of state.people) {
    renderHead(p);
    const view = views.get(p.id);
    if (view) $(".avatar", view.root).textContent = [...p.name][0] || "?";
  }
  applyChrome();
});
