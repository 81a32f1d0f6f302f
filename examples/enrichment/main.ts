// Runs the enrichment example against a running stack, sink, and an OpenAI-compatible endpoint:
//   node bin/run-ts.js examples/enrichment/main.ts --model-url http://127.0.0.1:8090/v1 --model featc-test-chat --server model-a
//   curl -s localhost:8088/enrich -d '{"userId":"u001","prompt":"What next?"}'
import { parseArgs } from 'node:util';
import { conversationContext } from '../../jobs/conversation.js';
import { userClickRate, userCtr } from '../../jobs/engagement.js';
import { serverHealth } from '../../jobs/system-health.js';
import { startEnrichmentServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8088' },
    redis: { type: 'string', default: process.env.FEATC_REDIS_URL ?? 'redis://127.0.0.1:6380' },
    prefix: { type: 'string', default: 'featc' },
    'model-url': { type: 'string', default: 'http://127.0.0.1:8090/v1' },
    model: { type: 'string', default: 'featc-test-chat' },
    server: { type: 'string' },
    'timeout-ms': { type: 'string', default: '5000' },
  },
});

const server = await startEnrichmentServer({
  port: Number(values.port),
  redis: values.redis,
  prefix: values.prefix,
  views: [userClickRate, userCtr, conversationContext, serverHealth],
  ...(values.server === undefined ? {} : { server: values.server }),
  modelUrl: values['model-url'],
  model: values.model,
  ...(process.env.OPENAI_API_KEY ? { apiKey: process.env.OPENAI_API_KEY } : {}),
  timeoutMs: Number(values['timeout-ms']),
});
process.stderr.write(`enrichment: POST ${server.url}/enrich {"userId": "...", "prompt": "...", "server"?: "..."}\n`);
await new Promise<void>((resolve) => {
  process.once('SIGTERM', () => resolve());
  process.once('SIGINT', () => resolve());
});
await server.close();
