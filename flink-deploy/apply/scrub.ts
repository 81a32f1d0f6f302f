import { envNames } from '../../contracts/index.js';

const MASK = '***';

/**
 * The values of the secrets the statements use, as set in `env`, in every form Flink may echo them:
 * raw, SQL-quoted, and JSON-escaped (Flink's error answers are JSON; `"` and newlines arrive escaped).
 */
export function secretValues(statements: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const values = envNames(statements).map((n) => env[n]).filter((v): v is string => v !== undefined && v.length >= 4);
  const forms = values.flatMap((v) => {
    const quoted = v.replaceAll("'", "''");
    return [v, quoted, jsonEscaped(v), jsonEscaped(quoted)];
  });
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** `text` with every secret value masked: Flink echoes statements and options back in its errors. */
export function scrubText(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.replaceAll(s, MASK), text);
}

/** A deep copy of a report with every string scrubbed. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, secrets)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets)])) as T;
  }
  return value;
}

/** Masks secrets in an error's message (and Flink's full text) in place, and returns it. */
export function scrubError(err: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(err instanceof Error)) return err;
  err.message = scrubText(err.message, secrets);
  if (err.stack) err.stack = scrubText(err.stack, secrets);
  const withText = err as Error & { fullText?: unknown; hint?: unknown };
  for (const key of ['fullText', 'hint'] as const) {
    if (typeof withText[key] === 'string') Object.defineProperty(err, key, { value: scrubText(withText[key], secrets), enumerable: true });
  }
  return err;
}
