/**
 * `featc`: declare sources, feature views, inference steps, jobs and their feature tests as typed
 * TypeScript, and the repository's `featc.config.ts`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { count, featureView, job, minutes, redis, source, tumbling } from 'featc';
 *
 * const clicks = source({ name: 'clicks', topic: 'clicks', schema: z.object({ userId: z.string(), ts: z.number().int() }),
 *   key: ['userId'], eventTime: 'ts' });
 * export const userClicks = featureView({ name: 'userClicks', source: clicks, key: ['userId'],
 *   features: { clicks_5m: count({ window: tumbling(minutes(5)) }) }, outputs: [redis()] });
 * export default job({ name: 'clicks', views: [userClicks] });
 * ```
 */
export * from '../dsl/index.js';
export { defineConfig, type FeatcConfig, type TargetConfig, type ConfigValue } from '../config/define-config.js';
