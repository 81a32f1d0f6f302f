import type { Command } from 'commander';
import { runAction } from '../support/exit.js';

interface ModelServerFlags {
  port: string;
  host: string;
  latencyMs: string;
  failRate: string;
  seed: string;
  embeddingDim: string;
}

export function registerModelServer(program: Command): void {
  program
    .command('model-server')
    .summary('a deterministic OpenAI-protocol model server for tests and the demo')
    .description('run the deterministic OpenAI-protocol test model server (chat completions, embeddings, /stats) that stands in for a paid model API')
    .option('--port <n>', 'port to listen on (0 = any free port)', '9000')
    .option('--host <addr>', 'address to bind', '127.0.0.1')
    .option('--latency-ms <ms>', 'delay before every model answer', '20')
    .option('--fail-rate <0..1>', 'fraction of model calls answered with HTTP 500 (seeded)', '0')
    .option('--seed <n>', 'seed of the failure injection', '1')
    .option('--embedding-dim <n>', 'embedding size when a request has no dimensions', '64')
    .action((o: ModelServerFlags) => runAction(async () => {
      const { startModelServer } = await import('../../runtime/model-server/index.js');
      const server = await startModelServer({
        port: Number(o.port),
        host: o.host,
        latencyMs: Number(o.latencyMs),
        failRate: Number(o.failRate),
        seed: Number(o.seed),
        embeddingDim: Number(o.embeddingDim),
      });
      process.stderr.write(`model-server: OpenAI base URL ${server.baseUrl} (stats: ${server.url}/stats)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      await server.close();
      process.stderr.write(`model-server: stopped after ${server.calls()} model calls\n`);
    }));
}
