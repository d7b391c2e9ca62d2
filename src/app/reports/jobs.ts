// Heavy report work (building a snapshot, files) runs off the path of the
// update that asked for it: the handler answers "preparing…", hands the work
// here and returns, so the bot takes the next update at once. Tests and a
// clean shutdown wait for what is under way with idle().

export class BackgroundJobs {
  private readonly running = new Set<Promise<void>>();

  /** Starts `job`; a failure goes to `onError` (the caller logs it and tells the person). */
  run(job: () => Promise<void>, onError: (error: unknown) => Promise<void> | void): void {
    const p: Promise<void> = Promise.resolve()
      .then(job)
      .catch(async (error: unknown) => {
        try {
          await onError(error);
        } catch {
          // nothing more to do: the error handler itself failed
        }
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves when every job started so far (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
