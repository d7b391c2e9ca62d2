// Opens, reminds and closes consultations on time. Nothing is kept in memory
// that storage does not also know: at start the first tick does whatever fell
// due while the bot was down (a consultation whose closing time passed closes
// then), and a closing a crash interrupted is finished.
//
// With several instances on one database, only the holder of the scheduler
// lock ticks (SchedulerLock); the others stand by and try to take it every few
// seconds, so when the holder dies one of them takes over within that time.
// What a tick does stays safe if two ever tick at once (the lock changed hands
// in the middle of one): opening, reminding and closing are conditional writes,
// every queued message is unique per batch and chat, and a closing is finished
// under a lease (ClosingService).
import { dueAction, nextDueAt } from "../../domain/consultations/consultation.js";
import type { Logger } from "../../logger.js";
import type { Clock } from "../ports.js";
import type { BroadcastService } from "./broadcasts.js";
import type { ClosingService } from "./closing.js";
import type { ConsultationService } from "./consultations.js";
import type { ConsultationStore, SchedulerLock } from "./ports.js";
import type { Signal } from "./signal.js";
import { SYSTEM } from "../../domain/permissions.js";

/** Other work on a schedule (the follow-up digest): run on every tick; returns when it is next due (null: not scheduled). */
export interface ScheduledJob {
  readonly name: string;
  run(): Promise<Date | null>;
}

export interface SchedulerDeps {
  consultations: ConsultationStore;
  service: ConsultationService;
  closing: ClosingService;
  broadcasts: BroadcastService;
  clock: Clock;
  logger: Logger;
  /** Emitted when a consultation is created or changes state: the next due time is looked up again. */
  changed: Signal;
  /** Upper bound of one sleep, so a clock jump or a change by another process is noticed (default 60 s). */
  maxSleepMs?: number;
  /** Several instances: tick only while holding this lock. */
  lock?: SchedulerLock;
  /** How often an instance that does not hold the lock tries to take it (default 5 s). */
  standbyMs?: number;
  /** Further jobs, run by the leader only. */
  jobs?: readonly ScheduledJob[];
}

const RETRY_MS = 5_000;
const STANDBY_MS = 5_000;

export class Scheduler {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  /** Null until the lock was first tried. */
  private leading: boolean | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Whether this instance runs the schedule now (always, without a lock, once started). */
  get isLeader(): boolean {
    return this.running && (this.deps.lock ? this.leading === true : true);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.deps.changed.on(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    // Handed over at once rather than when the connection times out.
    await this.deps.lock?.release();
    this.leading = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.deps.lock && !(await this.lead())) {
        await this.sleep(this.deps.standbyMs ?? STANDBY_MS);
        continue;
      }
      let next: Date | null = null;
      try {
        next = await this.tick();
      } catch (e) {
        this.deps.logger.error("scheduler tick failed", { error: e });
      }
      if (!this.running) break;
      const max = this.deps.maxSleepMs ?? 60_000;
      const delta = next === null ? max : next.getTime() - this.deps.clock.now().getTime();
      // Still due right after a tick means the work failed: try again in a while, not in a tight loop.
      const wait = delta <= 0 ? Math.min(max, RETRY_MS) : Math.min(max, delta);
      await this.sleep(wait);
    }
  }

  /** Takes or keeps the lock; says so in the log when that changes. */
  private async lead(): Promise<boolean> {
    const now = await this.deps.lock!.hold();
    if (now !== this.leading) this.deps.logger.info(now ? "scheduler: this instance runs the schedule" : "scheduler: standing by (another instance runs the schedule)");
    this.leading = now;
    return now && this.running;
  }

  private async sleep(ms: number): Promise<void> {
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
    clearTimeout(this.timer);
    this.wake = undefined;
  }

  /** Does everything due now; returns when something is next due (null: nothing scheduled). */
  async tick(): Promise<Date | null> {
    let busyElsewhere = false;
    for (const id of await this.deps.consultations.unfinishedClosings()) {
      // Another task finishing it now (a /close under way): tried again in a few seconds, in case that task dies.
      await this.guard(id, async () => (busyElsewhere = !(await this.deps.closing.resume(id)) || busyElsewhere));
    }
    for (const c of await this.deps.consultations.listActive()) {
      await this.guard(c.id, async () => {
        let current = c;
        // A consultation found long overdue may need opening, reminding and closing in one tick.
        for (let step = 0; step < 3; step++) {
          const action = dueAction(current, this.deps.clock.now());
          if (action === null) return;
          if (action === "open") {
            await this.deps.service.open(current, SYSTEM);
            this.deps.logger.info("consultation opened", { consultation: current.id });
          } else if (action === "remind") {
            const queued = await this.deps.broadcasts.remind(current);
            await this.deps.consultations.markRemindersQueued(current.id, this.deps.clock.now());
            this.deps.logger.info("reminders queued", { consultation: current.id, queued });
          } else {
            const outcome = await this.deps.closing.close(current.id, SYSTEM);
            if (outcome.kind === "closed") this.deps.logger.info("consultation closed", { consultation: current.id });
            return;
          }
          const reloaded = await this.deps.consultations.find(current.id);
          if (!reloaded) return;
          current = reloaded;
        }
      });
    }
    let next: Date | null = busyElsewhere ? this.deps.clock.now() : null;
    for (const job of this.deps.jobs ?? []) {
      try {
        const at = await job.run();
        if (at !== null && (next === null || at < next)) next = at;
      } catch (e) {
        this.deps.logger.error("scheduled job failed", { job: job.name, error: e });
      }
    }
    for (const c of await this.deps.consultations.listActive()) {
      const at = nextDueAt(c);
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  private async guard(id: number, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (e) {
      // One consultation that cannot be handled must not hold up the others; it is tried again next tick.
      this.deps.logger.error("scheduled work failed", { consultation: id, error: e });
    }
  }
}
