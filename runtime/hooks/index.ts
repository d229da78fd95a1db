export * from './context.js';
export * from './registry.js';
export * from './trace.js';
export * from './rust-debug.js';
