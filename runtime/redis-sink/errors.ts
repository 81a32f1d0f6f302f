import { FeatcError } from '../../common/errors.js';
import { ContractCodes } from '../../contracts/index.js';

/**
 * Coded, readable errors of the Redis sink and the feature client:
 *
 *   error FEATC_E6104 fenced: a newer sink instance owns topic "features.user" (epoch 8, ours 7)
 *     at redis://127.0.0.1:6379 › featc:__sink:epoch
 *     hint: only one sink per topic writes; stop the older instance or let it exit
 *
 * Codes: E60xx specs and input, E61xx sink runtime, E62xx feature client.
 */
export class FeatcRuntimeError extends FeatcError {
  /** Exit 2 unless told otherwise: most runtime failures are infrastructure (Redis, Kafka). */
  constructor(code: string, what: string, opts: { where?: string; hint?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(code as `FEATC_${string}`, what, { ...opts, exitCode: opts.exitCode ?? 2 });
    this.name = 'FeatcRuntimeError';
  }
}

export const ErrorCodes = {
  invalidJobGraph: ContractCodes.invalidJobGraph,
  otherGraphVersion: ContractCodes.otherGraphVersion,
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
  newerViewVersion: 'FEATC_E6108',
  clientRead: 'FEATC_E6201',
} as const;

export function isFeatcRuntimeError(err: unknown): err is FeatcRuntimeError {
  return err instanceof FeatcRuntimeError;
}
