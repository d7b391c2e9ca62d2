// Consultations, polls, voting, closing, bulk sends and the outbox, wired to the stores
// the composition root (src/wiring/) built for them.
import type { AuditSink } from "../audit/log.js";
import { translator as sharedTranslator, type Translator } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { Clock } from "../ports.js";
import type { Telemetry } from "../telemetry.js";
import { BroadcastService } from "./broadcasts.js";
import { ConsultationCache } from "./cache.js";
import { ClosingService } from "./closing.js";
import { ConsultationService } from "./consultations.js";
import { OutboxWorker, type MessageSender, type OutboxWorkerDeps } from "./outboxWorker.js";
import type { AudienceStore, BallotStore, ConsultationStore, OutboxStore, SchedulerLock } from "./ports.js";
import type { Leases } from "../leases.js";
import { shareSchedule, soloFeed, type PeerFeed } from "../peers.js";
import { Scheduler, type ScheduledJob } from "./scheduler.js";
import { Signal } from "./signal.js";
import { VotingService } from "./voting.js";

export interface ConsultationServices {
  cache: ConsultationCache;
  signals: { scheduleChanged: Signal; outboxQueued: Signal };
  /** Create (spec, CLI, /new), open, list with turnout, publish. */
  lifecycle: ConsultationService;
  voting: VotingService;
  closing: ClosingService;
  broadcasts: BroadcastService;
  timeZone: string;
  /** The scheduler (opening, reminders, closing): start() after polling begins, stop() at shutdown. */
  createScheduler(logger: Logger, jobs?: readonly ScheduledJob[]): Scheduler;
  /** Closes what these services opened themselves (the driver connection); the Database is the caller's. */
  close(): Promise<void>;
  /** The outbox worker for a sender (the bot's API): start() after polling begins, stop() at shutdown. */
  createOutboxWorker(sender: MessageSender, logger: Logger, opts?: Partial<Pick<OutboxWorkerDeps, "limits" | "maxInFlight" | "sleep" | "idleMs">>): OutboxWorker;
}

export interface ConsultationStores {
  consultations: ConsultationStore;
  ballots: BallotStore;
  audience: AudienceStore;
  outbox: OutboxStore;
}

export function createConsultationServices(
  stores: ConsultationStores,
  deps: {
    clock: Clock;
    configuredAdmins: readonly bigint[];
    timeZone?: string;
    translator?: Translator;
    /** Closes what the stores opened themselves (the vote path's driver connection, src/wiring/). */
    closeStores?: () => Promise<void>;
    telemetry?: Telemetry;
    audit?: AuditSink;
    /** Several instances on one database (src/app/services.ts): what they tell each other, closings under a lease, the scheduler under a lock. */
    instances?: { peers: PeerFeed; leases: Leases; schedulerLock: (() => SchedulerLock) | null };
  },
): ConsultationServices {
  const { clock } = deps;
  const timeZone = deps.timeZone ?? "Asia/Shanghai";
  const { consultations, ballots, audience, outbox } = stores;
  const signals = { scheduleChanged: new Signal(), outboxQueued: new Signal() };
  const peers = deps.instances?.peers ?? soloFeed;
  const cache = new ConsultationCache(consultations, { peers });
  shareSchedule(peers, signals.scheduleChanged);
  const broadcasts = new BroadcastService({
    audience,
    consultations,
    ballots,
    outbox,
    translator: deps.translator ?? sharedTranslator(),
    timeZone,
    clock,
    configuredAdmins: deps.configuredAdmins,
    queued: signals.outboxQueued,
    ...(deps.audit ? { audit: deps.audit } : {}),
  });
  const closing = new ClosingService({
    consultations, ballots, audience, broadcasts, cache, clock, scheduleChanged: signals.scheduleChanged,
    ...(deps.audit ? { audit: deps.audit } : {}),
    ...(deps.instances ? { leases: deps.instances.leases } : {}),
  });
  const lifecycle = new ConsultationService({ consultations, ballots, audience, broadcasts, cache, clock, timeZone, scheduleChanged: signals.scheduleChanged, preview: (c) => closing.preview(c), ...(deps.audit ? { audit: deps.audit } : {}) });
  return {
    cache,
    signals,
    lifecycle,
    voting: new VotingService({ consultations, ballots, cache, clock, ...(deps.telemetry ? { telemetry: deps.telemetry } : {}) }),
    closing,
    broadcasts,
    timeZone,
    createScheduler: (logger, jobs) => {
      const lock = deps.instances?.schedulerLock?.();
      return new Scheduler({ consultations, service: lifecycle, closing, broadcasts, clock, logger, changed: signals.scheduleChanged, ...(lock ? { lock } : {}), ...(jobs ? { jobs } : {}) });
    },
    close: async () => {
      await deps.closeStores?.();
    },
    createOutboxWorker: (sender, logger, opts = {}) => new OutboxWorker({ store: outbox, sender, clock, logger, queued: signals.outboxQueued, ...opts }),
  };
}
