import { seededRandom, zipfSampler } from './prng.js';

export interface Interaction { userId: string; docId: string; ts: number }
export interface UserQuery { userId: string; requestId: string; text: string; ts: number }
export interface ModelMetric { server: string; queueLength: number; status: 'ok' | 'error'; latencyMs: number; ts: number }
export interface ModelResponse { requestId: string; model: string; promptTokens: number; completionTokens: number; ts: number }

export interface GeneratedEvent {
  /** The logical topic (the name the shipped jobs read); `runGenerator({ topics })` maps it to the real one. */
  topic: GeneratorTopic;
  key: string;
  value: Interaction | UserQuery | ModelMetric | ModelResponse;
}

export interface GeneratorOptions {
  seed: number;
  users: number;
  /** Impressions per second of wall time (the other topics scale with it). */
  rate: number;
  /** Event time runs `speed` times faster than wall time (30: a 5-minute window closes every 10 s). */
  speed: number;
  /** Event time of the first event, epoch millis. */
  startTs: number;
  /** Out-of-order bound: an event's ts is up to this much earlier than the clock (keep < the sources' watermark delay). */
  maxDisorderMs: number;
}

const TOPICS_PER_TICK = { queries: 0.05, metrics: 0.2 };
const SAFE_QUERIES = ['how do I reset my password', 'summarise this article', 'best pasta recipe', 'translate hello to french', 'explain kafka transactions'];
const TOXIC_QUERIES = ['you are an idiot', 'I hate you, stupid bot'];
const MODELS = ['gpt-small', 'gpt-large'];
const SERVERS = ['model-a', 'model-b', 'model-c'];

/**
 * A deterministic stream of realistic events: given the options, the same events in the same order,
 * whatever the wall clock does. `next()` returns the events of one impression step.
 */
export function createEventStream(opts: GeneratorOptions): { next(): GeneratedEvent[]; clock(): number } {
  const random = seededRandom(opts.seed);
  const pickUser = zipfSampler(opts.users, 1.1, random);
  const userCtr = Array.from({ length: opts.users }, () => 0.02 + random() * 0.28);
  const stepMs = (opts.speed * 1000) / opts.rate;
  let i = 0;
  let requestSeq = 0;
  const userId = (n: number): string => `u${String(n + 1).padStart(3, '0')}`;
  const disorder = (t: number): number => (random() < 0.2 ? t - Math.floor(random() * opts.maxDisorderMs) : t);

  return {
    clock: () => opts.startTs + Math.floor(i * stepMs),
    next() {
      const now = opts.startTs + Math.floor(i * stepMs);
      i += 1;
      const out: GeneratedEvent[] = [];
      const u = pickUser();
      const user = userId(u);
      const docId = `d${Math.floor(random() * 500)}`;
      out.push({ topic: 'impressions', key: user, value: { userId: user, docId, ts: disorder(now) } });
      if (random() < (userCtr[u] ?? 0.1)) out.push({ topic: 'clicks', key: user, value: { userId: user, docId, ts: disorder(now) } });
      if (random() < TOPICS_PER_TICK.queries) {
        const toxic = random() < 0.1;
        const list = toxic ? TOXIC_QUERIES : SAFE_QUERIES;
        const requestId = `r${opts.seed}-${++requestSeq}`;
        const text = list[Math.floor(random() * list.length)] ?? '';
        out.push({ topic: 'user-queries', key: user, value: { userId: user, requestId, text, ts: disorder(now) } });
        const model = MODELS[Math.floor(random() * MODELS.length)] ?? 'gpt-small';
        out.push({ topic: 'model-responses', key: model, value: { requestId, model, promptTokens: 20 + Math.floor(random() * 200), completionTokens: 10 + Math.floor(random() * 400), ts: disorder(now) } });
      }
      if (random() < TOPICS_PER_TICK.metrics) {
        const s = Math.floor(random() * SERVERS.length);
        const server = SERVERS[s] ?? 'model-a';
        const busy = s === 0 ? 3 : 1;
        out.push({ topic: 'model-metrics', key: server, value: { server, queueLength: Math.floor(random() * 10 * busy), status: random() < 0.03 * busy ? 'error' : 'ok', latencyMs: 20 + Math.floor(random() * 200 * busy), ts: disorder(now) } });
      }
      return out;
    },
  };
}

export const GENERATOR_TOPICS = ['impressions', 'clicks', 'user-queries', 'model-metrics', 'model-responses'] as const;
export type GeneratorTopic = (typeof GENERATOR_TOPICS)[number];
