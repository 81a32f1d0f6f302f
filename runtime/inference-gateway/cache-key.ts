import { createHash } from 'node:crypto';

/** Bump when the cached value layout changes, so old entries are not misread. */
export const CACHE_KEY_VERSION = 1;

/**
 * Request fields that never change the model's answer. Everything else (temperature, max_tokens,
 * response_format, tools, seed…) is part of the key, so an unknown new parameter is cached safely.
 */
const NON_SEMANTIC_FIELDS = new Set(['user', 'metadata', 'store', 'service_tier', 'stream', 'stream_options', 'prompt_cache_key', 'safety_identifier']);

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function digest(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** Key of a chat completion: the caller's model, messages and every answer-changing parameter. */
export function chatCacheKey(body: Record<string, unknown>): string {
  const semantic = Object.fromEntries(Object.entries(body).filter(([k]) => !NON_SEMANTIC_FIELDS.has(k)));
  return `chat:${digest({ v: CACHE_KEY_VERSION, ...semantic })}`;
}

/** Key of one embedding input: model, the input text and `dimensions` (encoding is normalised). */
export function embeddingCacheKey(model: string, input: string, dimensions: number | undefined): string {
  return `emb:${digest({ v: CACHE_KEY_VERSION, model, input, dimensions: dimensions ?? null })}`;
}
