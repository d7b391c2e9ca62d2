// Statements, moderation, rating and the background analysis, wired to the stores
// the composition root (src/wiring/) built for them.

import type { AuditSink } from "../audit/log.js";
import type { RandomSource } from "../../domain/consensus/random.js";
import type { Clock, ResidentStore } from "../ports.js";
import type { Leases } from "../leases.js";
import type { PeerFeed } from "../peers.js";
import { noTelemetry, type Telemetry } from "../telemetry.js";
import { AnalysisRefresher, type RefresherOptions } from "./analysisRefresher.js";
import { StatementInputs } from "./inputs.js";
import { ModerationService } from "./moderation.js";
import { OpinionService } from "./opinions.js";
import { consultationPolisExport, exportConsultationToPolis } from "./polisExport.js";
import { importPolisDirectory, type PolisImportOptions } from "./polisImport.js";
import type { AnalysisCacheStore, ConsultationFacts, PolisImportStore, StatementStore } from "./ports.js";
import type { AnalysisResult } from "./analysisRefresher.js";
import type { ConversationService } from "../conversations/index.js";
import { RatingService } from "./rating.js";
import { RoutingTables } from "./routingTables.js";
import { consultationThemes } from "./themes.js";

export interface StatementServices {
  inputs: StatementInputs;
  routing: RoutingTables;
  /** The background analysis: start() from src/main.ts, stop() at shutdown. */
  analysis: AnalysisRefresher;
  opinions: OpinionService;
  moderation: ModerationService;
  rating: RatingService;
  /** Open consultations, oldest first (for the committee's pickers). */
  openConsultations: () => Promise<ConsultationFacts[]>;
  consultationThemes: (consultationId: number, top?: number) => ReturnType<typeof consultationThemes>;
  polisExport: (consultationId: number) => ReturnType<typeof consultationPolisExport>;
  exportPolis: (consultationId: number, dir: string) => ReturnType<typeof exportConsultationToPolis>;
  importPolis: (dir: string, options?: PolisImportOptions) => ReturnType<typeof importPolisDirectory>;
}

export interface StatementStores {
  statements: StatementStore;
  analysisCache: AnalysisCacheStore;
  polisImports: PolisImportStore;
}

export function createStatementServices(
  stores: StatementStores,
  deps: {
    clock: Clock;
    residents: ResidentStore;
    /** Where the statement inputs live between messages. */
    conversations: ConversationService;
    random?: RandomSource;
    refresher?: RefresherOptions;
    telemetry?: Telemetry;
    audit?: AuditSink;
    /** Analyse elsewhere (a worker thread reading the database, src/wiring/analysisThread.ts); without it, on the calling thread. */
    analyzer?: { analyze(consultationId: number): Promise<AnalysisResult>; close(): Promise<void> };
    /** Several instances on one database (src/app/services.ts): routing tables rebuilt on their changes, one analysis at a time. */
    instances?: { peers: PeerFeed; leases: Leases };
  },
): StatementServices {
  const { clock, residents } = deps;
  const telemetry = deps.telemetry ?? noTelemetry;
  const { statements, analysisCache, polisImports } = stores;
  const inputs = new StatementInputs({ conversations: deps.conversations });
  const thread = deps.analyzer ?? null;
  const routing = new RoutingTables({ statements, cache: analysisCache, ...(deps.instances ? { peers: deps.instances.peers } : {}) });
  const analysis = new AnalysisRefresher(
    {
      statements,
      cache: analysisCache,
      routing,
      clock,
      telemetry,
      ...(thread ? { analyze: (id: number) => thread.analyze(id), closeAnalyzer: () => thread.close() } : {}),
      ...(deps.instances ? { leases: deps.instances.leases } : {}),
    },
    deps.refresher,
  );
  return {
    inputs,
    routing,
    analysis,
    opinions: new OpinionService({ statements, inputs, routing, refresher: analysis, clock }),
    moderation: new ModerationService({ statements, residents, inputs, routing, refresher: analysis, clock, ...(deps.audit ? { audit: deps.audit } : {}) }),
    rating: new RatingService({ statements, routing, refresher: analysis, clock, telemetry, ...(deps.random ? { random: deps.random } : {}) }),
    openConsultations: () => statements.consultationsIn(["open"]),
    consultationThemes: (id, top) => consultationThemes(statements, id, top),
    polisExport: (id) => consultationPolisExport(statements, id),
    exportPolis: (id, dir) => exportConsultationToPolis(statements, id, dir),
    importPolis: (dir, options) => importPolisDirectory(polisImports, clock, dir, options),
  };
}

export type { Card, CardOutcome, StanceOutcome, VoteOutcome } from "./rating.js";
export type { Refusal, ConsultationChoice } from "./access.js";
export { consultationTitle } from "./access.js";
