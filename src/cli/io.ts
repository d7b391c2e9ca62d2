import { languageFromTelegram, type Language } from "../domain/language.js";
import type { Translate } from "../i18n.js";

/** Where CLI output goes; tests pass their own to read what a person would see. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
  env: process.env,
  cwd: process.cwd(),
};

/** The terminal's language: LC_ALL, LC_MESSAGES or LANG starting with zh means Chinese. */
export function cliLanguage(env: NodeJS.ProcessEnv): Language {
  return languageFromTelegram((env.LC_ALL || env.LC_MESSAGES || env.LANG || "").replace("_", "-"));
}

/** A user error: the message is printed and the CLI exits 2. */
export class CliError extends Error {}

export type CliT = Translate;
