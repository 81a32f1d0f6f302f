export { startModelServer, DEFAULT_TEST_MODELS, type ModelServer, type ModelServerOptions } from './model-server.js';
export type { ModelServerStats } from './call-stats.js';
export { moderate, embeddingVector, MODERATION_BLOCKLIST } from './deterministic-answers.js';
