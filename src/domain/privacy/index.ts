export * from "./smallCells.js";
export * from "./masking.js";
