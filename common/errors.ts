import type { RegisteredCode } from './error-codes.js';

/**
 * What an error is to the person who reads it: theirs to fix (`user`: definitions, flags, config,
 * environment; exit 1), the systems featc talks to (`infra`: Flink, Kafka, Redis, a model; exit 2),
 * or featc's own bug (`internal`; exit 2).
 */
export type ErrorKind = 'user' | 'infra' | 'internal';

export type FeatcCode = `FEATC_${string}`;

export interface FeatcErrorOptions {
  hint?: string | undefined;
  where?: string | undefined;
  /** Default `user`; `exitCode: 2` (older call sites) means `infra`. */
  kind?: ErrorKind;
  exitCode?: 1 | 2;
  cause?: unknown;
  /** Extra lines printed under the message (e.g. the services a check found down). */
  details?: readonly string[];
}

/** One coded block as featc prints it (STYLE.md): `<severity> <code> <message>`, details, `at`, `hint`. */
export function formatBlock(b: { severity?: 'error' | 'warning'; code: string; message: string; details?: readonly string[] | undefined; where?: string | undefined; hint?: string | undefined }): string {
  const lines = [`${b.severity ?? 'error'} ${b.code} ${b.message}`];
  for (const d of b.details ?? []) lines.push(`  ${d}`);
  if (b.where !== undefined && b.where !== '') lines.push(`  at ${b.where}`);
  if (b.hint !== undefined) lines.push(`  hint: ${b.hint}`);
  return lines.join('\n');
}

/**
 * The one error type of featc: a code, what is wrong, where, what to do, and whose it is. Every
 * area's errors are FeatcErrors (some with fields of their own, e.g. the HTTP status of a gateway
 * error); the CLI prints them with {@link FeatcError.format} and exits with {@link FeatcError.exitCode}:
 *
 *   error FEATC_E0101 the Kafka client (@confluentinc/kafka-javascript) is not installed
 *     at featc status
 *     hint: npm install @confluentinc/kafka-javascript
 */
export class FeatcError extends Error {
  readonly code: FeatcCode;
  readonly hint: string | undefined;
  readonly where: string | undefined;
  readonly kind: ErrorKind;
  readonly details: readonly string[];

  /** `code` is one of an area's registry (common/error-codes.ts); an unregistered code is a type error. */
  constructor(code: RegisteredCode, message: string, opts: FeatcErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FeatcError';
    this.code = code;
    this.hint = opts.hint;
    this.where = opts.where;
    this.kind = opts.kind ?? (opts.exitCode === 2 ? 'infra' : 'user');
    this.details = opts.details ?? [];
  }

  /** 1 for the user's errors, 2 for infrastructure and featc's own. */
  get exitCode(): 1 | 2 {
    return this.kind === 'user' ? 1 : 2;
  }

  format(): string {
    return formatBlock(this);
  }
}

export function isFeatcError(err: unknown): err is FeatcError {
  return err instanceof FeatcError;
}
