export * from "./spec.js";
export { chartOption, formatCount, formatShare } from "./options.js";
export * from "./render.js";
