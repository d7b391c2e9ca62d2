// What GET /metrics shows, in Prometheus's text format (prom-client). Each process
// has a registry of its own, so tests can build several.
//
// Counters and histograms are updated as things happen (the bot's middleware, the
// use cases through the Telemetry port); the outbox gauges are read from the
// database when Prometheus scrapes, so they are right across restarts and instances.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Middleware } from "grammy";
import type { Telemetry } from "../app/telemetry.js";
import type { OutboxStore } from "../app/consultations/ports.js";
import type { Clock } from "../app/ports.js";

/** The kind of an update: the one field besides update_id ("message", "callback_query", …). */
export function updateType(update: object): string {
  for (const key of Object.keys(update)) if (key !== "update_id") return key;
  return "unknown";
}

export class Metrics implements Telemetry {
  readonly registry = new Registry();
  private readonly updates = new Counter({ name: "frontstage_updates_total", help: "Updates received from Telegram, by type", labelNames: ["type"], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: "frontstage_update_duration_seconds",
    help: "Time to handle one update, by type",
    labelNames: ["type"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({ name: "frontstage_update_errors_total", help: "Updates whose handler failed (the user got an apology)", registers: [this.registry] });
  private readonly redelivered = new Counter({ name: "frontstage_updates_redelivered_total", help: "Updates Telegram delivered again, recognised and skipped", registers: [this.registry] });
  private readonly ballots = new Counter({ name: "frontstage_ballots_total", help: "Ballots stored (cast or changed)", registers: [this.registry] });
  private readonly statementVotes = new Counter({ name: "frontstage_statement_votes_total", help: "Statement votes stored (agree, disagree, pass)", registers: [this.registry] });
  private readonly analysisRuns = new Counter({ name: "frontstage_analysis_runs_total", help: "Opinion-group analyses run, by outcome", labelNames: ["outcome"], registers: [this.registry] });
  private readonly analysisDuration = new Histogram({
    name: "frontstage_analysis_duration_seconds",
    help: "Time one opinion-group analysis took",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor() {
    // Process metrics (CPU, memory, handles, GC) and the event loop's delay (nodejs_eventloop_lag_*), measured with monitorEventLoopDelay.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** Adds the outbox gauges, read from storage at each scrape (the services are built after the metrics). */
  observeOutbox(outbox: OutboxStore, clock: Clock): void {
    {
      let stats: ReturnType<OutboxStore["stats"]> | undefined;
      // Both gauges come from one query per scrape.
      const read = () => (stats ??= outbox.stats(clock.now()).finally(() => setTimeout(() => (stats = undefined), 0)));
      new Gauge({
        name: "frontstage_outbox_messages",
        help: "Messages in the outbox, by status (pending, sending, sent, failed, blocked)",
        labelNames: ["status"],
        registers: [this.registry],
        async collect() {
          const { counts } = await read();
          for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
        },
      });
      new Gauge({
        name: "frontstage_outbox_oldest_due_age_seconds",
        help: "How long the oldest message due has been waiting (0 when none)",
        registers: [this.registry],
        async collect() {
          const { oldestDueAt } = await read();
          this.set(oldestDueAt ? Math.max(0, (clock.now().getTime() - oldestDueAt.getTime()) / 1000) : 0);
        },
      });
    }
  }

  /** Counts every update and times its handling (the first middleware of the bot). */
  middleware(): Middleware {
    return async (ctx, next) => {
      const type = updateType(ctx.update);
      this.updates.inc({ type });
      const end = this.latency.startTimer({ type });
      try {
        await next();
      } finally {
        end();
      }
    };
  }

  ballotRecorded(): void {
    this.ballots.inc();
  }
  statementVoted(): void {
    this.statementVotes.inc();
  }
  analysisFinished(seconds: number, ok: boolean): void {
    this.analysisRuns.inc({ outcome: ok ? "ok" : "failed" });
    this.analysisDuration.observe(seconds);
  }
  updateFailed(): void {
    this.errors.inc();
  }
  updateRedelivered(): void {
    this.redelivered.inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
