export * from "./table.js";
export * from "./csv.js";
export * from "./xlsx.js";
export * from "./zip.js";
