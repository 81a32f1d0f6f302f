import { errors, request, type Dispatcher } from 'undici';
import { FeatcError } from '../../common/errors.js';
import { flinkRestCodes, type FlinkRestCode } from './codes.js';

/** A failed call to Flink: the HTTP status, Flink's root cause in one or two lines, and the full text for `--verbose`. Infrastructure (exit 2). */
export class FlinkRestError extends FeatcError {
  declare readonly code: FlinkRestCode;
  declare readonly hint: string;
  /** What Flink said, without featc's framing (the message is `<what featc did>: <reason>`). */
  readonly reason: string;

  constructor(
    code: FlinkRestCode,
    message: string,
    readonly status: number | undefined,
    readonly fullText: string,
    /** Default: the registry's hint (rest/codes.ts). */
    hint: string | undefined,
    reason?: string,
  ) {
    super(code, message, { hint: hint ?? flinkRestCodes[code].hint, kind: 'infra' });
    this.name = 'FlinkRestError';
    this.reason = reason ?? message;
  }
}

/** Which Flink REST service a client talks to: named in messages, with the CLI flag that sets its URL. */
export type RestService = 'JobManager' | 'SQL Gateway';

export interface HttpOptions {
  /** Per request: until the response headers arrive, and between body chunks. Default 30 s. */
  timeoutMs?: number;
  /** Attempts on connection errors only (refused, reset); HTTP errors are never retried. */
  retries?: number;
  service?: RestService;
}

export const DEFAULT_REST_TIMEOUT_MS = 30_000;

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

interface Peer { baseUrl: string; service: string; flag: string; log: string }

function peerOf(baseUrl: string, opts: HttpOptions): Peer {
  if (opts.service === 'JobManager') return { baseUrl, service: 'the JobManager REST API', flag: '--flink', log: 'the JobManager log' };
  if (opts.service === 'SQL Gateway') return { baseUrl, service: 'the SQL Gateway', flag: '--gateway', log: 'the SQL Gateway log' };
  return { baseUrl, service: 'Flink', flag: '--flink/--gateway', log: 'the Flink logs' };
}

/** JSON over HTTP with a timeout and retries on connection errors; throws FlinkRestError with the root cause. */
export async function callJson<T>(baseUrl: string, method: Dispatcher.HttpMethod, path: string, body?: unknown, opts: HttpOptions = {}): Promise<T> {
  const peer = peerOf(baseUrl, opts);
  const { status, text } = await send(peer, method, path, body, opts);
  if (status >= 400) throw httpError(peer, method, path, status, text);
  if (text.trim() === '') return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw notJson(peer, method, path, status, text);
  }
}

async function send(peer: Peer, method: Dispatcher.HttpMethod, path: string, body: unknown, opts: HttpOptions): Promise<{ status: number; text: string }> {
  const timeout = opts.timeoutMs ?? DEFAULT_REST_TIMEOUT_MS;
  const attempts = (opts.retries ?? 3) + 1;
  let lastErr: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await request(`${peer.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      return { status: res.statusCode, text: await res.body.text() };
    } catch (err) {
      lastErr = err;
      const code = (err as { code?: string }).code ?? '';
      const retriable = CONNECTION_ERRORS.has(code) || err instanceof errors.SocketError;
      if (!retriable || attempt === attempts) break;
      await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
    }
  }
  const e = lastErr as Error & { code?: string };
  if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError) {
    throw new FlinkRestError('FEATC_E7003', `${method} ${peer.baseUrl}${path}: ${peer.service} did not answer within ${timeout} ms`, undefined, String(e),
      `the cluster is overloaded or hung: check \`featc local status\` or its log; if it is only slow, raise the limit with --rest-timeout <ms> (or FEATC_REST_TIMEOUT_MS)`);
  }
  throw new FlinkRestError('FEATC_E7001', `cannot reach ${peer.service} at ${peer.baseUrl} (${e.code ?? e.message})`, undefined, String(e),
    `is the cluster running? check \`featc local status\` (start it with \`featc local up\`), or pass ${peer.flag} with the right URL`);
}

function httpError(peer: Peer, method: string, path: string, status: number, text: string): FlinkRestError {
  const html = looksLikeHtml(text);
  const hint = status === 404
    ? /\/[0-9a-f]{32}\b|\/[0-9a-f]{8}-[0-9a-f-]{27}/.test(path)
      ? `the job, session or operation in ${path.split('?')[0]} is not (or no longer) known to ${peer.service} at ${peer.baseUrl}; check \`featc status\``
      : `${peer.baseUrl} has no ${method} ${path.split('?')[0]}: is ${peer.flag} the URL of ${peer.service} (not the other Flink service, a proxy or another server)?`
    : html
      ? `${peer.baseUrl} answered with an HTML page, not Flink's JSON: a proxy or another server sits at that URL, or Flink is behind one that failed; check ${peer.flag}`
      : `Flink answered with an error: see ${peer.log} (\`featc local logs\` for the local stack) and retry`;
  const reason = rootCause(text);
  return new FlinkRestError('FEATC_E7002', `${method} ${path} failed with HTTP ${status}: ${reason}`, status, text, hint, reason);
}

function notJson(peer: Peer, method: string, path: string, status: number, text: string): FlinkRestError {
  return new FlinkRestError('FEATC_E7005', `${method} ${path}: ${peer.service} at ${peer.baseUrl} answered HTTP ${status} with a body that is not JSON: ${snippet(text)}`, status, text,
    `is ${peer.flag} the URL of ${peer.service}? A proxy or another server may answer there`);
}

/** Throws FEATC_E7005 when Flink's answer lacks a field featc relies on (a different API version, or not Flink at all). */
export function expectField<T extends object, K extends keyof T>(answer: T, field: K, what: string, baseUrl: string): T & Required<Pick<T, K>> {
  if (answer[field] === undefined || answer[field] === null) {
    throw new FlinkRestError('FEATC_E7005', `${what}: ${baseUrl} answered without "${String(field)}": ${snippet(JSON.stringify(answer))}`, undefined, JSON.stringify(answer),
      'featc talks to Flink 2.2 (REST v1, SQL Gateway v3): check that the URL points at that version of Flink');
  }
  return answer as T & Required<Pick<T, K>>;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype html|html|head|body)\b/i.test(text);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : JSON.stringify(flat.length > 120 ? `${flat.slice(0, 119)}…` : flat);
}

/** The readable part of an HTML error page: its title, else its first heading, else its text. */
function htmlCause(text: string): string {
  const pick = (re: RegExp): string | undefined => re.exec(text)?.[1]?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || undefined;
  return pick(/<title[^>]*>([\s\S]*?)<\/title>/i) ?? pick(/<h1[^>]*>([\s\S]*?)<\/h1>/i) ?? pick(/<body[^>]*>([\s\S]*?)<\/body>/i) ?? 'an HTML page';
}

/**
 * Flink's REST errors carry a whole Java stack trace. The useful part is the innermost cause:
 * the last "Caused by:" line, or the first line of the first error. HTML error pages (a proxy)
 * give their title; an empty body says so.
 */
export function rootCause(text: string): string {
  if (text.trim() === '') return '(empty body)';
  if (looksLikeHtml(text)) return `HTML page "${htmlCause(text).slice(0, 200)}"`;
  let messages: string[] = [text];
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(parsed.errors)) messages = parsed.errors.map(String);
  } catch {
    /* not JSON */
  }
  const joined = messages.join('\n');
  const causes = [...joined.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1] ?? '');
  const pick = causes.at(-1) ?? joined.split('\n').find((l) => l.trim() !== '' && !l.startsWith('org.apache.flink.runtime.rest')) ?? joined;
  return pick.replace(/^(?:[a-z0-9_$]+\.)+[A-Za-z0-9_$]*(?:Exception|Error): /, '').trim().slice(0, 500) || '(no message)';
}
