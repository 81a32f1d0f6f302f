/**
 * Name rules every artifact shares: the compiler refuses what a runtime reader would refuse, from the
 * same definitions.
 */

/** A feature a view serves from Redis: a hash field the client reads back by name (`clicks_5m`). */
export const SERVED_FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** featc's own fields and columns start with `__` (`__as_of_ms`, `__window_start_ms`, …). */
export const RESERVED_PREFIX = '__';

/** Why `name` cannot be a Redis-served feature, or null when it can. */
export function servedFeatureNameProblem(name: string): string | null {
  if (name.startsWith(RESERVED_PREFIX)) return `starts with ${RESERVED_PREFIX}, which featc reserves`;
  if (!SERVED_FEATURE_NAME.test(name)) return 'is not an identifier (letters, digits and _, not starting with a digit), which a Redis-served feature must be';
  return null;
}

/** Job, view and source names end up in table names, transactional ids and topics: identifiers of at most 100 characters. */
export const DEFINITION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** Whether Kafka accepts `topic` as a topic name ([A-Za-z0-9._-], 1 to 249 characters, not `.` or `..`). */
export function isKafkaTopic(topic: string): boolean {
  return /^[A-Za-z0-9._-]{1,249}$/.test(topic) && topic !== '.' && topic !== '..';
}
