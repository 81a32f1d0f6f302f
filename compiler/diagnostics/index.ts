export * from './catalogue.js';
export * from './diagnostic.js';
export * from './codes.js';
