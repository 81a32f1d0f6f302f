export * from './types.js';
export * from './window.js';
export * from './expr.js';
export * from './aggregation.js';
export * from './feature.js';
export * from './source.js';
export * from './view.js';
export * from './job.js';
