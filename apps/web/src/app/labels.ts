import type { Role, TokenScope } from '@accord/core';
import type { MessageKey } from '../i18n/catalogues';

/** Message keys for the core vocabularies, spelled out so every key in use is visible in the source. */
export const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  who_officer: 'role.who_officer',
  nfp: 'role.nfp',
  partner: 'role.partner',
  observer: 'role.observer',
};

export const TOKEN_SCOPE_KEYS: Record<TokenScope, MessageKey> = {
  read: 'tokens.scope.read',
  write: 'tokens.scope.write',
};
