import { defineCodes } from '../../common/error-codes.js';

/**
 * FEATC_E60xx specs and input, E61xx (and warnings W61xx) the sink at run time, E62xx the feature
 * client. Thrown as FeatcRuntimeErrors (runtime/redis-sink/errors.ts), named there by ErrorCodes;
 * the job-graph codes FEATC_E6001 and FEATC_E6006 are the contract's (contracts/codes.ts).
 */
export const redisSinkCodes = defineCodes({
  FEATC_E6002: { kind: 'user', summary: 'two Redis outputs share a feature topic, or one view has two Redis outputs', hint: 'give every view with a Redis output its own feature topic' },
  FEATC_E6003: { kind: 'user', summary: 'unknown view: no view (with a Redis output) of that name', hint: 'check the view name; the hint printed with the error lists the known views' },
  FEATC_E6004: { kind: 'user', summary: 'the entity does not fit the entity key of the view', hint: 'write `u1`, `userId=u1,movieId=m2` or \'{"userId":"u1"}\'; the hint printed with the error names the key' },
  FEATC_E6005: { kind: 'user', summary: 'the view has no Redis output, so nothing serves it from Redis', hint: 'add redis({ ttl: minutes(30) }) to the view\'s outputs' },
  FEATC_E6101: { kind: 'infra', summary: 'cannot reach Redis', hint: 'start Redis (`featc local up`), or pass --redis <url> / set FEATC_REDIS_URL' },
  FEATC_E6102: { kind: 'infra', summary: 'a Kafka call of the sink failed, or a feature topic does not exist', hint: 'check that the broker is up (`featc local status`) and --kafka points at it; deploy the job that writes the topic' },
  FEATC_E6104: { kind: 'infra', summary: 'fenced: a newer sink instance owns the topic, so this one stops', hint: 'only the newest sink instance per topic writes; stop the older instance or let it exit' },
  FEATC_E6105: { kind: 'infra', summary: 'applying a batch to Redis failed; nothing of the batch was written', hint: 'a feature key holds a non-hash value, or the prefix is shared with something else' },
  FEATC_W6106: { kind: 'infra', summary: 'offsets of a feature topic were deleted by retention before the sink applied them', hint: 'keep feature topics at least as long as the longest online TTL, or compact them by key' },
  FEATC_W6107: { kind: 'infra', summary: 'a feature topic ends before the offset Redis says was applied (topic recreated?); records up to it are skipped', hint: 'delete the topic\'s offset key `<prefix>:__sink:topic:<topic>` to rebuild the view from this topic' },
  FEATC_E6108: { kind: 'user', summary: 'records carry features the sink\'s job graph does not list: the job was redeployed with a changed view', hint: 'restart the sink with the new job graph, or run `featc sink redis` without paths to follow deploys' },
  FEATC_E6201: { kind: 'infra', summary: 'the feature client failed reading a view from Redis', hint: 'check that Redis is up and the sink has run' },
});

export type RedisSinkCode = keyof typeof redisSinkCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { redisSink: typeof redisSinkCodes }
}
