// Every person the bot knows has a language: a resident's own (User.language,
// chosen while registering or with /lang), else their /lang choice, else their
// Telegram client's language as last seen. For staff who are not residents it
// is stored (StaffLanguage), so notices the bot sends them on its own — a role
// notice, the committee's copy of a result — come in their language. Strangers
// are remembered only in memory: nothing about them is stored before consent.
// What is read from storage is kept for ten minutes, and read again at once
// when another instance on the database says it changed the person's row.
import { languageFromTelegram, type Language } from "../domain/language.js";
import type { Roles } from "../domain/roles.js";
import { soloFeed, type PeerFeed } from "./peers.js";
import type { Clock, StaffLanguageStore } from "./ports.js";
import type { RoleService } from "./roles.js";

interface Seen {
  /** Telegram's language_code as last seen (or as stored, until seen). */
  code: string | null;
  chosen: Language | null;
  /** A StaffLanguage row exists. */
  stored: boolean;
  /** When the row was last read: another process (the CLI) may have changed roles since. */
  readAt: number;
}

/** After this long a person's row is read again, so a grant made by the CLI is noticed. */
const REREAD_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

export class LanguageService {
  private readonly seen = new Map<bigint, Seen>();

  private readonly peers: PeerFeed;

  constructor(private readonly deps: { store: StaffLanguageStore; roles: RoleService; clock: Clock; peers?: PeerFeed }) {
    this.peers = deps.peers ?? soloFeed;
    this.peers.subscribe({
      changed: (c) => {
        if (c.topic === "staff") this.reread(c.userId);
      },
      reset: () => {
        for (const id of this.seen.keys()) this.reread(id);
      },
    });
  }

  /** The stored row is read again at the next use; what is only in memory (a stranger's choice) stays. */
  private reread(userId: bigint): void {
    const s = this.seen.get(userId);
    if (s) s.readAt = Number.NEGATIVE_INFINITY;
  }

  /** The store, for tests that count its round trips. */
  get store(): StaffLanguageStore {
    return this.deps.store;
  }

  /**
   * The language of someone without a resident record, for the update they
   * just sent. It costs one read the first time the person is seen (and again
   * after ten minutes), plus one write only when Telegram's language changed
   * for a staff member; every other update costs no query.
   */
  async ofNonResident(userId: bigint, telegramCode: string | undefined): Promise<Language> {
    const code = telegramCode ?? null;
    const s = await this.entry(userId);
    // Admins from ADMIN_IDS are staff without a granted role: their row is made when they are first seen.
    const configuredAdmin = this.deps.roles.isConfiguredAdmin(userId);
    if (s.code !== code || (!s.stored && configuredAdmin)) {
      if (s.stored) await this.deps.store.update(userId, { telegramCode: code });
      else if (configuredAdmin) {
        await this.deps.store.save(userId, { telegramCode: code });
        s.stored = true;
      }
      s.code = code;
    }
    return s.chosen ?? languageFromTelegram(code);
  }

  /** /lang by someone without a resident record: stored for staff, remembered in memory for anyone else. */
  async choose(userId: bigint, language: Language): Promise<void> {
    const s = await this.entry(userId);
    s.chosen = language;
    if (s.stored || (await this.deps.roles.rolesOf(userId)).isStaff) {
      await this.deps.store.save(userId, { chosen: language, telegramCode: s.code });
      s.stored = true;
      this.peers.announce({ topic: "staff", userId });
    }
  }

  /** The language of a person without a resident record, as far as the bot knows it; null if it never heard from them. */
  async staffLanguage(userId: bigint): Promise<Language | null> {
    const s = await this.entry(userId);
    if (s.chosen) return s.chosen;
    return s.code === null ? null : languageFromTelegram(s.code);
  }

  /** After a grant or revocation: staff keep a stored language; someone who is no longer staff does not. */
  async staffChanged(userId: bigint, roles: Roles): Promise<void> {
    const s = await this.entry(userId);
    if (roles.isStaff) {
      await this.deps.store.save(userId, { telegramCode: s.code, chosen: s.chosen });
      s.stored = true;
    } else if (s.stored) {
      // Remembered in memory, so the notice of the revocation still comes in their language.
      await this.deps.store.remove(userId);
      s.stored = false;
    }
    this.peers.announce({ topic: "staff", userId });
  }

  /** After /forget: nothing remembered, in memory either. */
  forget(userId: bigint): void {
    this.seen.delete(userId);
  }

  private async entry(userId: bigint): Promise<Seen> {
    const now = this.deps.clock.now().getTime();
    const known = this.seen.get(userId);
    if (known && now - known.readAt < REREAD_MS) return known;
    const row = await this.deps.store.find(userId);
    const s: Seen = row
      ? { code: row.telegramCode, chosen: row.chosen, stored: true, readAt: now }
      : { code: known?.code ?? null, chosen: known?.chosen ?? null, stored: false, readAt: now };
    this.seen.delete(userId);
    this.seen.set(userId, s);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
    return s;
  }
}
