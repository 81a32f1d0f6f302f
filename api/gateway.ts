/** `featc/gateway`: the replay-safe inference gateway `featc gateway` runs, as a function. */
export { startGateway, loadGatewayConfig, parseGatewayConfig, type Gateway, type GatewayConfig, type GatewayConfigInput } from '../runtime/inference-gateway/index.js';
