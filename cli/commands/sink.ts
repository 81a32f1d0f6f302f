import type { Command } from 'commander';
import { ErrorCodes, FeatcRuntimeError } from '../../runtime/redis-sink/errors.js';
import { projectPrefix } from '../../runtime/redis-sink/key-layout.js';
import type { SinkMetrics } from '../../runtime/redis-sink/sink-metrics.js';
import { FeatcError } from '../../common/errors.js';
import type { RedisOutputSpec } from '../../contracts/index.js';
import { configuredTarget, environment, projectName } from '../support/context.js';
import { runAction } from '../support/exit.js';
import type { Environment } from '../../flink-deploy/environment.js';

interface SinkRedisFlags {
  graph?: string[];
  views?: string[];
  kafka?: string;
  redis?: string;
  prefix?: string;
  batchSize: string;
  pollSize: string;
  metricsPort?: string;
  metricsHost: string;
  progress: boolean;
  flink?: string;
  project?: string;
  allProjects?: boolean;
  followInterval: string;
}

/**
 * What the sink applies: the given compiled graphs (fixed), or — with none given — the Redis
 * outputs of the project's jobs deployed on the cluster, re-read as deploys change them.
 */
async function outputSource(paths: string[], o: SinkRedisFlags, project: string | undefined, endpoints: Environment): Promise<{ outputs: RedisOutputSpec[]; follow?: () => Promise<RedisOutputSpec[]>; from: string }> {
  if (paths.length > 0) {
    const { loadRedisOutputs } = await import('../../runtime/redis-sink/job-graph-files.js');
    return { outputs: await loadRedisOutputs(paths), from: paths.join(', ') };
  }
  const [{ deployedRedisOutputs }, { targetOf }] = await Promise.all([import('../../flink-deploy/index.js'), import('../../flink-deploy/target.js')]);
  // --flink alone is enough: the sink reads the JobManager only.
  const target = o.flink ? { flinkUrl: o.flink } : await targetOf(endpoints, await configuredTarget());
  const follow = async (): Promise<RedisOutputSpec[]> => (await deployedRedisOutputs(target, o.allProjects ? undefined : project ?? null)).outputs;
  const whose = o.allProjects ? 'every project' : project === undefined ? 'no project' : `project ${project}`;
  return { outputs: await follow(), follow, from: `the jobs of ${whose} deployed on ${target.flinkUrl} (following deploys)` };
}

function progressPrinter(tty: boolean): (m: SinkMetrics) => void {
  let lastLine = 0;
  return (m) => {
    const t = m.totals();
    const line = `redis-sink ${Math.round(m.recordsPerSecond()).toLocaleString('en-US')} rec/s · applied ${t.applied.toLocaleString('en-US')}`
      + ` · duplicate ${t.duplicate} · stale ${t.stale} · bad ${t.bad} · lag ${t.lag} · rebuilds ${m.rebuilds}`;
    if (tty) process.stderr.write(`\r\x1b[K${line}`);
    else if (Date.now() - lastLine >= 10_000) {
      lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
}

export function registerSink(program: Command): void {
  const sink = program.command('sink').description('move feature values from Kafka feature topics into online stores, exactly once');
  sink
    .command('redis')
    .description('consume feature topics (read_committed) and apply them to Redis with offsets fenced inside Redis')
    .argument('[paths...]', 'compiled out dirs or job-graph.json files (default: follow the project\'s jobs deployed on the cluster)')
    .option('--graph <files...>', 'job-graph.json files (same as paths)')
    .option('--flink <url>', 'JobManager REST URL whose deployed jobs the sink follows when no graph is given (default: the target\'s, FEATC_FLINK_URL, then the local stack)')
    .option('--project <name>', 'whose deployed jobs to follow (default: featc.config project)')
    .option('--all-projects', 'follow every project\'s deployed jobs')
    .option('--follow-interval <seconds>', 'how often to re-read the deployed jobs', '10')
    .option('--views <names...>', 'only these views')
    .option('--kafka <bootstrap>', 'Kafka bootstrap servers (default: the target\'s kafkaBootstrap, FEATC_KAFKA_BOOTSTRAP, the local stack\'s Kafka, then 127.0.0.1:9092)')
    .option('--redis <url>', 'Redis URL (default: the target\'s redisUrl, FEATC_REDIS_URL, the local stack\'s Redis, then redis://127.0.0.1:6380)')
    .option('--prefix <prefix>', 'key prefix in Redis (default: featc.<project> with a project, else featc)')
    .option('--batch-size <n>', 'records per atomic Lua batch', '500')
    .option('--poll-size <n>', 'records per Kafka poll (their batches are pipelined)', '5000')
    .option('--metrics-port <port>', 'serve Prometheus metrics on <metrics-host>:<port>')
    .option('--metrics-host <host>', 'address the metrics endpoint binds (0.0.0.0 for a scraper on another host, e.g. in a pod)', '127.0.0.1')
    .option('--no-progress', 'no progress line on stderr')
    .action((paths: string[], o: SinkRedisFlags) => runAction(async () => {
      // Flags first: a bad one is reported before Flink, Kafka or Redis is contacted.
      const followIntervalS = Number(o.followInterval);
      if (!(followIntervalS > 0)) throw new FeatcError('FEATC_E0402', `--follow-interval must be a positive number of seconds, got ${o.followInterval}`, { hint: 'e.g. --follow-interval 10' });
      const project = o.allProjects ? undefined : await projectName(o.project);
      const endpoints = await environment({ kafka: o.kafka, redis: o.redis, flink: o.flink });
      const kafka = endpoints.kafkaBootstrap.value;
      const redis = endpoints.redisUrl.value;
      const [{ startRedisSink }, source] = await Promise.all([
        import('../../runtime/redis-sink/sink.js'), outputSource([...paths, ...(o.graph ?? [])], o, project, endpoints),
      ]);
      const { follow } = source;
      const prefix = o.prefix ?? projectPrefix(project);
      let outputs = source.outputs;
      const only = (specs: RedisOutputSpec[]): RedisOutputSpec[] => (o.views ? specs.filter((s) => o.views?.includes(s.view)) : specs);
      if (o.views && !follow) {
        const missing = o.views.filter((v) => !outputs.some((s) => s.view === v));
        if (missing.length > 0) {
          throw new FeatcRuntimeError(ErrorCodes.unknownView, `no Redis output for view(s) ${missing.join(', ')}`, {
            hint: `views with a Redis output: ${outputs.map((s) => s.view).join(', ')}`, exitCode: 1,
          });
        }
      }
      outputs = only(outputs);
      const tty = Boolean(process.stderr.isTTY);
      // Installed before the sink starts: a SIGTERM during start-up stops it as soon as it is up.
      let stopRequested = false;
      let stop = (): void => { stopRequested = true; };
      const onSignal = (): void => stop();
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      const handle = await startRedisSink({
        outputs,
        kafka,
        redis,
        prefix,
        batchSize: Number(o.batchSize),
        pollSize: Number(o.pollSize),
        ...(o.metricsPort === undefined ? {} : { metricsPort: Number(o.metricsPort), metricsHost: o.metricsHost }),
        ...(o.progress ? { onProgress: progressPrinter(tty) } : {}),
        ...(follow ? { followOutputs: async () => only(await follow()), followIntervalMs: followIntervalS * 1000 } : {}),
      });
      process.stderr.write(`redis-sink: ${outputs.length} view(s) of ${source.from} → ${redis} (prefix "${prefix}")`
        + `${handle.metricsPort === undefined ? '' : `, metrics on http://${o.metricsHost}:${handle.metricsPort}/metrics`}\n`);
      stop = (): void => { void handle.stop(); };
      if (stopRequested) stop();
      try {
        await handle.done;
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        if (tty && o.progress) process.stderr.write('\n');
      }
      const t = handle.metrics.totals();
      process.stderr.write(`redis-sink: stopped; applied ${t.applied}, duplicate ${t.duplicate}, stale ${t.stale}, bad ${t.bad}\n`);
    }));
}
