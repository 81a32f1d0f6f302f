import type { Command } from 'commander';
import { environment } from '../support/context.js';
import { runAction } from '../support/exit.js';

interface GatewayFlags {
  port?: string;
  host?: string;
  upstream?: string;
  redis?: string;
  config?: string;
}

/** Resolves once SIGTERM or SIGINT arrives. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => resolve(signal);
    process.once('SIGTERM', on('SIGTERM'));
    process.once('SIGINT', on('SIGINT'));
  });
}

export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .summary('the replay-safe inference gateway in front of a model API (cache, budgets, breakers)')
    .description('run the replay-safe inference gateway: an OpenAI-compatible endpoint for Flink ML_PREDICT with a Redis answer cache, coalescing, batching, budgets and circuit breakers')
    .option('--port <n>', 'port to listen on (default 8090, 0 = any free port)')
    .option('--host <addr>', 'address to bind (default 127.0.0.1)')
    .option('--upstream <url>', 'OpenAI base URL of the model server, e.g. http://127.0.0.1:9000/v1 (the upstream named "default")')
    .option('--redis <url>', 'Redis for the answer cache (default: the target\'s redisUrl, then FEATC_REDIS_URL); without one, answers are cached in memory only')
    .option('--config <file>', 'gateway.json with upstreams, routes, budgets, breaker and batching settings')
    .action((o: GatewayFlags) => runAction(async () => {
      const [{ loadGatewayConfig, startGateway }, { redisUrl }] = await Promise.all([import('../../runtime/inference-gateway/index.js'), environment({ redis: o.redis })]);
      // The cache is optional: only a Redis someone named (flag, target, FEATC_REDIS_URL), never the local stack's or the default.
      const redis = redisUrl.from === 'flag' || redisUrl.from === 'target' || redisUrl.from === 'env' ? redisUrl.value : undefined;
      const config = await loadGatewayConfig({
        ...(o.config === undefined ? {} : { config: o.config }),
        ...(o.port === undefined ? {} : { port: Number(o.port) }),
        ...(o.host === undefined ? {} : { host: o.host }),
        ...(o.upstream === undefined ? {} : { upstream: o.upstream }),
        ...(redis === undefined ? {} : { redis }),
      });
      const gateway = await startGateway(config);
      const upstreams = Object.entries(config.upstreams).map(([name, u]) => `${name}=${u.url}`).join(', ');
      process.stderr.write(`gateway: listening on ${gateway.url} (chat: ${gateway.url}/v1/chat/completions, embeddings: ${gateway.url}/v1/embeddings)\n`
        + `gateway: upstreams ${upstreams}; cache ${config.redis ? `redis ${config.redis.url}` : 'in memory (answers are lost on restart; pass --redis)'}\n`);
      const signal = await untilSignal();
      process.stderr.write(`gateway: ${signal}, finishing in-flight requests\n`);
      await gateway.close();
    }));
}
