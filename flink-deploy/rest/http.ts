import { errors, request, type Dispatcher } from 'undici';

/** A failed call to Flink: the HTTP status, Flink's root cause in one or two lines, and the full text for `--verbose`. */
export class FlinkRestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | undefined,
    readonly fullText: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'FlinkRestError';
  }

  get exitCode(): 1 | 2 {
    return 2;
  }

  format(): string {
    return `error ${this.code} ${this.message}\n  hint: ${this.hint}`;
  }
}

export interface HttpOptions {
  timeoutMs?: number;
  /** Attempts on connection errors only (refused, reset); HTTP errors are never retried. */
  retries?: number;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** JSON over HTTP with a timeout and retries on connection errors; throws FlinkRestError with the root cause. */
export async function callJson<T>(baseUrl: string, method: Dispatcher.HttpMethod, path: string, body?: unknown, opts: HttpOptions = {}): Promise<T> {
  const timeout = opts.timeoutMs ?? 30_000;
  const attempts = (opts.retries ?? 3) + 1;
  let lastErr: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await request(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await res.body.text();
      if (res.statusCode >= 400) {
        throw new FlinkRestError('FEATC_E7002', `${method} ${path} failed with HTTP ${res.statusCode}: ${rootCause(text)}`, res.statusCode, text, 'the message above is Flink\'s own; fix the statement or the cluster and retry');
      }
      return (text ? JSON.parse(text) : {}) as T;
    } catch (err) {
      if (err instanceof FlinkRestError) throw err;
      lastErr = err;
      const code = (err as { code?: string }).code ?? '';
      const retriable = CONNECTION_ERRORS.has(code) || err instanceof errors.SocketError;
      if (!retriable || attempt === attempts) break;
      await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
    }
  }
  const e = lastErr as Error & { code?: string };
  if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError) {
    throw new FlinkRestError('FEATC_E7003', `${method} ${baseUrl}${path} timed out after ${timeout} ms`, undefined, String(e), 'the cluster is overloaded or hung; check `featc local status` or the JobManager log');
  }
  throw new FlinkRestError('FEATC_E7001', `cannot reach ${baseUrl} (${e.code ?? e.message})`, undefined, String(e), 'is the cluster running? `featc local up`, or pass --flink/--gateway with the right URLs');
}

/**
 * Flink's REST errors carry a whole Java stack trace. The useful part is the innermost cause:
 * the last "Caused by:" line, or the first line of the first error.
 */
export function rootCause(text: string): string {
  let messages: string[] = [text];
  try {
    const parsed = JSON.parse(text) as { errors?: string[] };
    if (Array.isArray(parsed.errors)) messages = parsed.errors;
  } catch {
    /* not JSON */
  }
  const joined = messages.join('\n');
  const causes = [...joined.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1] ?? '');
  const pick = causes.at(-1) ?? joined.split('\n').find((l) => l.trim() !== '' && !l.startsWith('org.apache.flink.runtime.rest')) ?? joined;
  return pick.replace(/^(?:[a-z0-9_$]+\.)+[A-Za-z0-9_$]*(?:Exception|Error): /, '').trim().slice(0, 500);
}
