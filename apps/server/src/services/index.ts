import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { systemClock, type Clock } from './context.js';
import { ReferenceService } from './reference.service.js';
import { TokensService } from './tokens.service.js';
import { UsersService } from './users.service.js';

export interface Services {
  auth: AuthService;
  users: UsersService;
  tokens: TokensService;
  reference: ReferenceService;
  audit: AuditService;
}

export function createServices(db: Kysely<Database>, clock: Clock = systemClock): Services {
  return {
    auth: new AuthService(db, clock),
    users: new UsersService(db, clock),
    tokens: new TokensService(db, clock),
    reference: new ReferenceService(db, clock),
    audit: new AuditService(db),
  };
}
