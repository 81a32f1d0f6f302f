import type { Command } from 'commander';
import type { EntityInput, FeatureRow } from '../../runtime/feature-client/index.js';
import { FeatcError } from '../../common/errors.js';
import { ErrorCodes, FeatcRuntimeError } from '../../runtime/redis-sink/errors.js';
import { projectPrefix } from '../../runtime/redis-sink/key-layout.js';
import { definitionPaths, environment, projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';

interface GetFlags { graph?: string[]; definitions?: string[]; redis?: string; prefix?: string; project?: string; json?: boolean; timeoutMs: string }

/** `u1` (one key column), `userId=u1,movieId=m2`, or a JSON object. */
function parseEntity(text: string): EntityInput {
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as Record<string, string | number>;
    } catch (err) {
      throw new FeatcRuntimeError(ErrorCodes.badEntity, `entity is not valid JSON: ${(err as Error).message}`, {
        where: text, hint: 'write `u1`, `userId=u1,movieId=m2` or \'{"userId":"u1"}\'', exitCode: 1,
      });
    }
  }
  if (!text.includes('=')) return text;
  return Object.fromEntries(text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at).trim(), pair.slice(at + 1)];
  }));
}

function show(value: unknown): string {
  if (value === null) return '∅';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function printTable(row: FeatureRow<Record<string, unknown>>): void {
  const window = row.windowStartMs === null ? '' : `, window from ${new Date(row.windowStartMs).toISOString()}`;
  console.log(`${row.view} ${row.entity.join(' · ')}: ${row.found ? `as of ${new Date(row.asOfMs ?? 0).toISOString()}${window}` : 'not in Redis (defaults)'}`);
  const names = Object.keys(row.values);
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const meta = row.meta[name];
    console.log(`  ${name.padEnd(width)}  ${show(row.values[name])}${meta && meta.state !== 'fresh' ? `  (${meta.state})` : ''}`);
  }
}

export function registerGet(program: Command): void {
  program
    .command('get')
    .summary('read the online feature values of one entity from Redis')
    .description('read the online feature values of one entity from Redis (compiles the definitions to find the view)')
    .argument('<view>', 'view name, or a job name for all its Redis-served views')
    .argument('<entity>', 'entity key: `u1`, `userId=u1,movieId=m2` or a JSON object')
    .argument('[paths...]', 'definition files or directories, as for `featc compile` (default: definitions in featc.config.ts)')
    .option('--definitions <paths...>', 'definition files or directories (same as [paths...])')
    .option('--graph <files...>', 'read compiled job-graph.json files or out dirs instead of compiling definitions')
    .option('--redis <url>', 'Redis URL (default: the target\'s redisUrl, FEATC_REDIS_URL, the local stack\'s Redis, then redis://127.0.0.1:6380)')
    .option('--prefix <prefix>', 'key prefix in Redis (default: featc.<project> with a project, else featc)')
    .option('--project <name>', 'whose features (default: featc.config project)')
    .option('--timeout-ms <ms>', 'connect and read timeout', '2000')
    .option('--json', 'machine-readable output')
    .action((view: string, entity: string, paths: string[], o: GetFlags) => runAction(async () => {
      const explicitPaths = o.definitions ?? (paths.length > 0 ? paths : undefined);
      if (o.graph && explicitPaths) {
        throw new FeatcError('FEATC_E0403', 'both --graph and definition paths given', { hint: 'read compiled graphs (--graph) or compile definitions (paths, --definitions), not both' });
      }
      const [{ connectRedisOnce }, { createFeatureClient }, { catalogFromGraphs, redisSpecsOf }] = await Promise.all([
        import('../../runtime/feature-client/connect.js'), import('../../runtime/feature-client/index.js'), import('../../runtime/feature-client/view-catalog.js'),
      ]);
      const catalog = o.graph
        ? await catalogFromGraphs(o.graph)
        : await (await import('../support/definition-catalog.js')).catalogFromDefinitions(await definitionPaths(explicitPaths ?? []));
      const specs = redisSpecsOf(catalog, view);
      const key = parseEntity(entity);
      const { redisUrl } = await environment({ redis: o.redis });
      const redis = await connectRedisOnce(redisUrl.value, Number(o.timeoutMs) || 2000, redisUrl.source);
      const prefix = o.prefix ?? projectPrefix(await projectName(o.project));
      const client = createFeatureClient<Record<string, Record<string, unknown>>>({ redis, views: specs, prefix });
      try {
        const rows = await Promise.all(specs.map((spec) => client.get(spec.view, key)));
        // A view name: its row's fields at the top level; a job name: every view's row in `rows`.
        if (o.json) printJson(specs.length === 1 && specs[0]?.view === view ? { ok: true, ...rows[0] } : { ok: true, rows });
        else rows.forEach(printTable);
      } finally {
        await client.close();
        await redis.quit().catch(() => redis.disconnect());
      }
    }, o.json));
}
