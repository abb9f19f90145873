import type { DatabaseHandle } from '../db/database.js';
import { ObservationImportService } from './observation-import.service.js';
import { ImportBatchesService } from './import-batches.service.js';
import { ObservationExportService } from './observation-export.service.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { systemClock, type Clock } from './context.js';
import { ReferenceService } from './reference.service.js';
import { SurveillanceReferenceService } from './surveillance-reference.service.js';
import { Dhis2Service } from './dhis2.service.js';
import { TokensService } from './tokens.service.js';
import { UsersService } from './users.service.js';
import { DetectionService } from './detection.service.js';
import { EventsService } from './events.service.js';
import type { DetectionExecutor } from './detection-run.js';

export interface Services {
  auth: AuthService;
  users: UsersService;
  tokens: TokensService;
  reference: ReferenceService;
  audit: AuditService;
  observationImport: ObservationImportService;
  importBatches: ImportBatchesService;
  observationExport: ObservationExportService;
  surveillanceReference: SurveillanceReferenceService;
  dhis2: Dhis2Service;
  detection: DetectionService;
  events: EventsService;
}

export function createServices(handle: DatabaseHandle, executor: DetectionExecutor, clock: Clock = systemClock): Services {
  const db = handle.db;
  const detection = new DetectionService(db, clock, executor);
  // Every completed import that changed data is followed by a detection run over what it changed.
  const afterImport = (batchId: string) => detection.afterImport(batchId);
  return {
    detection,
    events: new EventsService(db, clock, detection),
    auth: new AuthService(db, clock),
    users: new UsersService(db, clock),
    tokens: new TokensService(db, clock),
    reference: new ReferenceService(db, clock),
    audit: new AuditService(db),
    observationImport: new ObservationImportService(handle, clock, afterImport),
    importBatches: new ImportBatchesService(db),
    observationExport: new ObservationExportService(db),
    surveillanceReference: new SurveillanceReferenceService(db, clock),
    dhis2: new Dhis2Service(handle, clock, afterImport),
  };
}
