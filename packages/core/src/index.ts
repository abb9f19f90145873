export * from './limits.js';
export * from './text/csv.js';
export * from './i18n/languages.js';
export * from './reference/countries.js';
export * from './access/actions.js';
export * from './access/can-access.js';
export * from './audit/hash-chain.js';
