/** "Something changed, look again": how use cases wake the scheduler and the outbox worker without knowing them. */
export class Signal {
  private readonly listeners = new Set<() => void>();

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const l of this.listeners) l();
  }
}
