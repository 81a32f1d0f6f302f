import { FeatcError } from '../../common/errors.js';
// contracts/codes.js, not the contracts barrel: the barrel builds the zod schemas, which every CLI verb would then pay for at start.
import { contractCodes, type ContractCode } from '../../contracts/codes.js';
import { redisSinkCodes, type RedisSinkCode } from './codes.js';

/**
 * Coded, readable errors of the Redis sink and the feature client:
 *
 *   error FEATC_E6104 fenced: a newer sink instance owns topic "features.user" (epoch 8, ours 7)
 *     at redis://127.0.0.1:6380 › featc:__sink:epoch
 *     hint: only one sink per topic writes; stop the older instance or let it exit
 *
 * Codes (runtime/redis-sink/codes.ts): E60xx specs and input, E61xx sink runtime, E62xx feature client;
 * E6001/E6006 are the job-graph contract's (contracts/codes.ts).
 */
export class FeatcRuntimeError extends FeatcError {
  declare readonly code: RuntimeCode;

  /** The kind (exit code) and, without a hint, the hint are the registry's unless given. */
  constructor(code: RuntimeCode, what: string, opts: { where?: string; hint?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    const entry = code in redisSinkCodes ? redisSinkCodes[code as RedisSinkCode] : contractCodes[code as ContractCode];
    const { exitCode, ...rest } = opts;
    super(code, what, { ...rest, hint: opts.hint ?? entry.hint, kind: exitCode === undefined ? entry.kind : exitCode === 2 ? 'infra' : 'user' });
    this.name = 'FeatcRuntimeError';
  }
}

/** The codes a FeatcRuntimeError carries: the sink's and the feature client's, and the job-graph contract's. */
export type RuntimeCode = RedisSinkCode | ContractCode;

export const ErrorCodes = {
  invalidJobGraph: 'FEATC_E6001',
  otherGraphVersion: 'FEATC_E6006',
  duplicateTopic: 'FEATC_E6002',
  unknownView: 'FEATC_E6003',
  badEntity: 'FEATC_E6004',
  noRedisOutput: 'FEATC_E6005',
  redisUnavailable: 'FEATC_E6101',
  kafkaUnavailable: 'FEATC_E6102',
  fenced: 'FEATC_E6104',
  scriptFailed: 'FEATC_E6105',
  retentionGap: 'FEATC_W6106',
  topicBehindState: 'FEATC_W6107',
  newerViewVersion: 'FEATC_E6108',
  clientRead: 'FEATC_E6201',
} as const satisfies Record<string, RuntimeCode>;

export function isFeatcRuntimeError(err: unknown): err is FeatcRuntimeError {
  return err instanceof FeatcRuntimeError;
}
