import { request } from 'undici';

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** Small undici wrapper for tests: POST/GET JSON, read everything. */
export async function http(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
  const res = await request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: flat, text, json };
}

export const chatBody = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'featc-test-chat',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: text },
  ],
  ...extra,
});

export const embeddingBody = (input: string | string[], extra: Record<string, unknown> = {}) => ({ model: 'featc-test-embedding', input, ...extra });

/** Value of one sample line in Prometheus text, e.g. metricValue(text, 'featc_gateway_coalesced_total'). */
export function metricValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
