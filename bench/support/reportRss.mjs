// Preloaded into a child process (node --import): prints its peak RSS on exit, for the benchmarks.
process.on("exit", () => {
  process.stderr.write(`\nmaxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
