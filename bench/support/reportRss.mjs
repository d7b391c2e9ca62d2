// Preloaded into a child process (node --import): prints its peak RSS and CPU time on exit, for the benchmarks.
process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nmaxrss-kb=${u.maxRSS} cpu-us=${u.userCPUTime + u.systemCPUTime}\n`);
});
