// Set up for every storage test (vitest.config.ts): a test fails if Telegram
// would have refused anything the bot sent — also when the bot caught the
// refusal and carried on, as it does for notices to other people.
import { afterEach, expect } from "vitest";
import { takeUnexpectedRefusals } from "./telegramRules.js";

afterEach(() => {
  expect(takeUnexpectedRefusals(), "calls Telegram would have refused").toEqual([]);
});
