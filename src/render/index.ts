// Renderers for the back-stage: plain data in, files out (SVG/PNG charts,
// CSV/XLSX/zip tables, PDF documents). None reads a store or the clock.
export * from "./fonts.js";
export * from "./charts/index.js";
export * from "./tables/index.js";
export * from "./pdf/index.js";
export * from "./worker/index.js";
export * from "./markdown.js";
