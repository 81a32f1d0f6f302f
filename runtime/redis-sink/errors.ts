/**
 * Coded, readable errors of the Redis sink and the feature client:
 *
 *   error FEATC_E6104 fenced: a newer sink instance owns topic "features.user" (epoch 8, ours 7)
 *     at redis://127.0.0.1:6379 › featc:__sink:epoch
 *     hint: only one sink per topic writes; stop the older instance or let it exit
 *
 * Codes: E60xx specs and input, E61xx sink runtime, E62xx feature client.
 */
export class FeatcRuntimeError extends Error {
  readonly code: string;
  readonly where: string | undefined;
  readonly hint: string | undefined;
  /** 1 for a user error (bad input, bad arguments), 2 for infrastructure and internal errors. */
  readonly exitCode: 1 | 2;

  constructor(code: string, what: string, opts: { where?: string; hint?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(what, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FeatcRuntimeError';
    this.code = code;
    this.where = opts.where;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 2;
  }

  /** The multi-line form printed by the CLI. */
  format(): string {
    const lines = [`error ${this.code} ${this.message}`];
    if (this.where !== undefined) lines.push(`  at ${this.where}`);
    if (this.hint !== undefined) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}

export const ErrorCodes = {
  invalidJobGraph: 'FEATC_E6001',
  duplicateTopic: 'FEATC_E6002',
  unknownView: 'FEATC_E6003',
  badEntity: 'FEATC_E6004',
  noRedisOutput: 'FEATC_E6005',
  redisUnavailable: 'FEATC_E6101',
  kafkaUnavailable: 'FEATC_E6102',
  generationLost: 'FEATC_E6103',
  fenced: 'FEATC_E6104',
  scriptFailed: 'FEATC_E6105',
  retentionGap: 'FEATC_W6106',
  topicBehindState: 'FEATC_W6107',
  clientRead: 'FEATC_E6201',
} as const;

export function isFeatcRuntimeError(err: unknown): err is FeatcRuntimeError {
  return err instanceof FeatcRuntimeError;
}
