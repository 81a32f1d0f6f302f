export { startGateway, type Gateway, type GatewayOptions } from './gateway-server.js';
export { loadGatewayConfig, parseGatewayConfig, gatewayConfigSchema, type GatewayConfig, type GatewayConfigInput, type GatewayCliOverrides } from './gateway-config.js';
export { GatewayError, GatewayErrorCode } from './gateway-errors.js';
export { chatCacheKey, embeddingCacheKey, canonicalJson } from './cache-key.js';
