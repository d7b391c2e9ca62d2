export { extractThemes, meaningfulWords, type Theme, type ThemeOptions } from "./themes.js";
export { statementThemes, type StatementTexts, type StatementTheme, type StatementThemeOptions } from "./statementThemes.js";
export { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS, isStopWord } from "./stopWords.js";
