// A department's names, as rules: both languages, trimmed, short enough for a button.
export const MAX_DEPARTMENT_NAME = 40;

export interface Department {
  readonly id: number;
  readonly name: { readonly zh: string; readonly en: string };
  readonly removedAt: Date | null;
}

export type DepartmentNameProblem = { code: "empty"; language: "zh" | "en" } | { code: "too-long"; language: "zh" | "en"; max: number };

export function checkDepartmentNames(zh: string | undefined, en: string | undefined): { ok: true; zh: string; en: string } | { ok: false; problem: DepartmentNameProblem } {
  const out: Record<"zh" | "en", string> = { zh: "", en: "" };
  for (const [language, raw] of [["zh", zh], ["en", en]] as const) {
    const v = (raw ?? "").replace(/\s+/g, " ").trim();
    if (v === "") return { ok: false, problem: { code: "empty", language } };
    if ([...v].length > MAX_DEPARTMENT_NAME) return { ok: false, problem: { code: "too-long", language, max: MAX_DEPARTMENT_NAME } };
    out[language] = v;
  }
  return { ok: true, ...out };
}
