import Handlebars from 'handlebars';
import { z } from 'zod';
import { compileJob, type CompiledJob } from '../../../compiler/index.js';
import { deadLetter, env, gateway, inference, job, kafka, retry, seconds, source, type ErrorPolicy } from '../../../dsl/index.js';
import { resolveStatements } from '../../../flink-deploy/apply/resolve.js';
import { JobManagerClient, SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { startGateway, type Gateway, type GatewayConfigInput } from '../../../runtime/inference-gateway/index.js';
import { moderate, startModelServer, type ModelServer, type ModelServerOptions } from '../../../runtime/model-server/index.js';
import { bootstrap } from '../../support/kafka.js';

/** The prompt template and system prompt of the moderation step under test. */
export const PROMPT = 'Message from {{userId}}: {{text}}';
export const SYSTEM_PROMPT = 'You are a content moderator. Answer only JSON {"toxic": boolean, "score": number}.';
export const MODEL = 'featc-test-moderation';

export interface Message { userId: string; requestId: string; text: string; ts: number }
export interface Verdict { requestId: string; userId: string; toxic: boolean; score: number }

/** What the test model answers for a message, computed here from the template with Handlebars itself. */
export function expectedVerdict(m: Message): Verdict {
  const prompt = Handlebars.compile(PROMPT, { noEscape: true, strict: true })(m);
  return { requestId: m.requestId, userId: m.userId, ...moderate(prompt) };
}

export function renderedPrompt(m: Message): string {
  return Handlebars.compile(PROMPT, { noEscape: true, strict: true })(m);
}

/** `n` messages over a few users; some texts repeat per user (same prompt → one model call). */
export function makeMessages(n: number, tag: string): Message[] {
  const words = ['hello there', 'you idiot', 'great game', 'this is a scam', 'see you soon', 'i hate mondays', 'nice work'];
  return Array.from({ length: n }, (_, i) => ({
    userId: `u${i % 5}`,
    requestId: `${tag}-${i}`,
    text: i % 4 === 3 ? words[i % words.length]! : `${words[i % words.length]} #${i}`,
    ts: 1_700_000_000_000 + i * 100,
  }));
}

/** The moderation job, as a user would declare it, on this test's topics. */
export function moderationJob(name: string, topics: { input: string; output: string; deadLetter?: string }, onError?: ErrorPolicy): CompiledJob {
  const messages = source({
    name: 'messages', topic: topics.input, format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
    schema: z.object({ userId: z.string(), requestId: z.string(), text: z.string(), ts: z.number().int() }),
  });
  const step = inference({
    name: 'moderation', source: messages, fields: ['requestId', 'userId'], prompt: PROMPT, systemPrompt: SYSTEM_PROMPT,
    model: { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: MODEL, apiKey: env('OPENAI_API_KEY'), temperature: 0, maxTokens: 50 },
    output: z.object({ toxic: z.boolean(), score: z.number() }),
    onError: onError ?? (topics.deadLetter ? retry(2, deadLetter(topics.deadLetter)) : retry(2)),
    concurrency: 8, timeout: seconds(60),
    outputs: [kafka({ topic: topics.output })],
  });
  return compileJob(job({ name, views: [], steps: [step], checkpointInterval: seconds(2) }));
}

/** Test model server + gateway (Redis cache on the stack's Redis under a unique prefix), loopback, free ports. */
export interface InferenceRig { model: ModelServer; gateway: Gateway; prefix: string; close(): Promise<void> }

export async function startInferenceRig(opts: { model?: ModelServerOptions; gateway?: Partial<GatewayConfigInput> } = {}): Promise<InferenceRig> {
  const model = await startModelServer({ latencyMs: 5, ...opts.model });
  const prefix = `featc:it:inference:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;
  const redisUrl = process.env.FEATC_REDIS_URL;
  if (!redisUrl) throw new Error('FEATC_REDIS_URL is not set: run the integration project');
  const gw = await startGateway({
    port: 0, redis: { url: redisUrl, keyPrefix: prefix },
    ...opts.gateway,
    // `primary` is always this rig's model server; other upstreams come from opts.
    upstreams: { ...opts.gateway?.upstreams, primary: { retry: { attempts: 1, baseDelayMs: 50 }, ...opts.gateway?.upstreams?.['primary'], url: model.baseUrl } },
  });
  return { model, gateway: gw, prefix, close: async () => { await gw.close(); await model.close(); } };
}

/** Submits a compiled job through the SQL Gateway in one session, placeholders resolved; returns the Flink job id. */
export async function submitJob(compiled: CompiledJob, gatewayUrl: string, urls = { sql: process.env.FEATC_SQL_GATEWAY_URL ?? '', flink: process.env.FEATC_FLINK_URL ?? '' }): Promise<string> {
  const target = { flinkUrl: urls.flink, gatewayUrl: urls.sql, kafkaBootstrap: bootstrap(), from: 'env' as const };
  const statements = resolveStatements(compiled.name, compiled.statements, target, { FEATC_INFERENCE_GATEWAY: gatewayUrl, OPENAI_API_KEY: 'sk-test-not-a-secret' });
  const sql = new SqlGatewayClient(urls.sql);
  const session = await sql.openSession();
  try {
    let jobId: string | undefined;
    for (const statement of statements) jobId = (await sql.execute(session, statement)).jobId ?? jobId;
    if (!jobId) throw new Error('the statement set did not start a job');
    await new JobManagerClient(urls.flink).waitForState(jobId, ['RUNNING']);
    return jobId;
  } finally {
    await sql.closeSession(session);
  }
}

export function parseVerdicts(values: readonly string[]): Verdict[] {
  return values.map((v) => JSON.parse(v) as Verdict);
}
