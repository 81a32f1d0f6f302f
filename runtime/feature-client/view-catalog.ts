import { ErrorCodes, FeatcRuntimeError } from '../redis-sink/errors.js';
import { loadJobGraphViews } from '../redis-sink/job-graph-files.js';
import type { RedisOutputSpec } from '../redis-sink/spec.js';
import { unknownNameHint } from './did-you-mean.js';

/**
 * The views a set of compiled job graphs (or definitions, compiled by the CLI) declares, and the
 * Redis outputs among them.
 */
export interface ViewCatalog {
  /** Where the views came from, for messages. */
  readonly from: string;
  readonly outputs: readonly RedisOutputSpec[];
  /** Every view name, with or without a Redis output. */
  readonly views: readonly string[];
  /** Job name → its views. */
  readonly jobs?: ReadonlyMap<string, readonly string[]>;
}

/** Reads compiled job graphs (job-graph.json files or out dirs). */
export async function catalogFromGraphs(paths: readonly string[]): Promise<ViewCatalog> {
  const { outputs, views, jobs } = await loadJobGraphViews(paths);
  return { from: paths.join(', '), outputs, views, jobs };
}

/** The Redis output specs of a view, or of every Redis-served view of a job when `name` is a job. */
export function redisSpecsOf(catalog: ViewCatalog, name: string): RedisOutputSpec[] {
  if (!catalog.views.includes(name)) {
    const jobViews = catalog.jobs?.get(name);
    const served = catalog.outputs.filter((o) => jobViews?.includes(o.view));
    if (served.length > 0) return served;
  }
  return [redisSpecOf(catalog, name)];
}

/** The Redis output spec of one view; coded errors for an unknown view (with a likely match) and a view Redis does not serve. */
export function redisSpecOf(catalog: ViewCatalog, view: string): RedisOutputSpec {
  const spec = catalog.outputs.find((o) => o.view === view);
  if (spec) return spec;
  if (catalog.views.includes(view)) {
    throw new FeatcRuntimeError(ErrorCodes.noRedisOutput, `view "${view}" has no Redis output, so there is nothing to read from Redis`, {
      where: catalog.from,
      hint: `add redis({ ttl: … }) to its outputs; views served from Redis: ${catalog.outputs.map((o) => o.view).join(', ') || '(none)'}`,
      exitCode: 1,
    });
  }
  throw new FeatcRuntimeError(ErrorCodes.unknownView, `unknown view "${view}"`, {
    where: catalog.from, hint: unknownNameHint(view, [...new Set(catalog.views)].sort(), 'views'), exitCode: 1,
  });
}
