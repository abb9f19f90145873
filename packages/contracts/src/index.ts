export * from './common.js';
export * from './errors.js';
export * from './accounts.js';
export * from './reference.js';
export * from './audit.js';
export * from './routes.js';
export * from './imports.js';
