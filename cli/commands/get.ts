import type { Command } from 'commander';
import { createFeatureClient } from '../../runtime/feature-client/index.js';
import type { EntityInput, FeatureRow } from '../../runtime/feature-client/index.js';
import { loadRedisOutputs } from '../../runtime/redis-sink/job-graph-files.js';
import { runAction } from '../support/exit.js';

interface GetFlags { graph?: string[]; redis: string; prefix: string; json?: boolean }

/** `u1` (one key column), `userId=u1,movieId=m2`, or a JSON object. */
function parseEntity(text: string): EntityInput {
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, string | number>;
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
  console.log(`${row.view} ${row.entity.join(' · ')}: ${row.found ? `as of ${new Date(row.asOfMs ?? 0).toISOString()}` : 'not in Redis (defaults)'}`);
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
    .description('read the online feature values of one entity from Redis')
    .argument('<view>', 'view name')
    .argument('<entity>', 'entity key: `u1`, `userId=u1,movieId=m2` or a JSON object')
    .requiredOption('--graph <files...>', 'job-graph.json files or compiled out dirs with the view specs')
    .option('--redis <url>', 'Redis URL (env FEATC_REDIS_URL)', process.env.FEATC_REDIS_URL ?? 'redis://127.0.0.1:6379')
    .option('--prefix <prefix>', 'key prefix in Redis', 'featc')
    .option('--json', 'machine-readable output')
    .action((view: string, entity: string, o: GetFlags) => runAction(async () => {
      const views = await loadRedisOutputs(o.graph ?? []);
      const client = createFeatureClient<Record<string, Record<string, unknown>>>({ redis: o.redis, views, prefix: o.prefix });
      try {
        const row = await client.get(view, parseEntity(entity));
        if (o.json) console.log(JSON.stringify(row, null, 2));
        else printTable(row);
      } finally {
        await client.close();
      }
    }));
}
