/**
 * Where the sink puts things in Redis, shared by the sink and the feature client
 * (runtime/redis-sink/README.md › Key layout).
 *
 *   <prefix>:<view>:<entity>         hash: one field per feature + `__as_of_ms` + `__window_start_ms`
 *   <prefix>:__sink:topic:<topic>    hash: `gen` (generation id; missing ⇒ Redis lost data ⇒ rebuild),
 *                                    `epoch` (fencing epoch of the owning instance),
 *                                    `offset:<partition>` (last applied Kafka offset)
 *   <prefix>:__sink:dead:<topic>     list of records that could not be decoded (newest first, capped)
 */
export const DEFAULT_PREFIX = 'featc';

/**
 * The default key prefix of a project's features: `featc.<project>` (projects are named
 * `[A-Za-z0-9][A-Za-z0-9_-]*`, so two projects, or a project and the project-less `featc`, never
 * share a key). Without a project, `featc`.
 */
export function projectPrefix(project: string | null | undefined): string {
  return project ? `${DEFAULT_PREFIX}.${project.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}` : DEFAULT_PREFIX;
}
export const AS_OF_FIELD = '__as_of_ms';
export const WINDOW_START_FIELD = '__window_start_ms';

function escapePart(part: string): string {
  return part.replace(/%/g, '%25').replace(/:/g, '%3A');
}

export interface SinkKeys {
  topicState(topic: string): string;
  deadLetters(topic: string): string;
}

export function sinkKeys(prefix: string): SinkKeys {
  return {
    topicState: (topic) => `${prefix}:__sink:topic:${escapePart(topic)}`,
    deadLetters: (topic) => `${prefix}:__sink:dead:${escapePart(topic)}`,
  };
}

/** Entity key values in the order of the view's `entityKey`. */
export type EntityParts = readonly (string | number | bigint | boolean)[];

export function featureKey(prefix: string, view: string, entity: EntityParts): string {
  return `${prefix}:${escapePart(view)}:${entity.map((p) => escapePart(String(p))).join(':')}`;
}

/** Builds `featureKey` for many entities of one view without re-escaping the prefix each time. */
export function featureKeyBuilder(prefix: string, view: string): (entity: EntityParts) => string {
  const head = `${prefix}:${escapePart(view)}:`;
  return (entity) => {
    if (entity.length === 1) return head + escapePart(String(entity[0]));
    return head + entity.map((p) => escapePart(String(p))).join(':');
  };
}
