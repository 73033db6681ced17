export * from './enums.js';
export * from './errors.js';
export * from './limits.js';
export * from './labels.js';
export * from './permissions.js';
export * from './routes.js';
export * from './exports.js';
export * from './demographics.js';
