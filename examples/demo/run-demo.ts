import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinitions, formatDiagnostics, writeCompiled, type CompiledJob } from '../../compiler/index.js';
import { Progress, resolveStackOptions, stackDown, stackPaths, stackUp, stackEnv } from '../../flink-deploy/local/index.js';
import { freePort } from '../../flink-deploy/local/ports.js';
import { createFeatureClient, type FeatureMap, type ViewSpecInput } from '../../runtime/feature-client/index.js';
import { startEnrichmentServer } from '../enrichment/server.js';
import { runGenerator } from '../generator/run.js';
import { startFeatcProcess, type ChildService } from './child-services.js';
import { deployDemoJobs, destroyJobsUsing } from './deploy-jobs.js';
import { demoStartTs, saveDemoEventTime } from './event-clock.js';
import { renderFrame } from './live-table.js';

export interface DemoOptions {
  durationSec: number;
  rate: number;
  speed: number;
  seed: number;
  users: number;
  keepStack: boolean;
  jobsDir: string;
  out: (text: string) => void;
  tty: boolean;
}

export interface DemoSummary {
  wallSec: number;
  produced: number;
  sinkApplied: number | null;
  enrichment: unknown;
  finalRows: unknown[];
}

const SHOWN_USERS = ['u001', 'u002', 'u003', 'u004', 'u005'];
/** The inference gateway lives as long as one demo run; jobs that call it do too. */
const GATEWAY_ENV = ['FEATC_INFERENCE_GATEWAY'];

/** The README's main command: stack, services, jobs, events, live features, one enriched request. */
export async function runDemo(opts: DemoOptions): Promise<DemoSummary> {
  const t0 = Date.now();
  const progress = new Progress((l) => opts.out(l));
  const paths = stackPaths();
  const status = await stackUp(paths, resolveStackOptions(), progress);
  const env = stackEnv(status);
  const demoDir = join(paths.home, 'demo');
  mkdirSync(demoDir, { recursive: true });
  const children: ChildService[] = [];
  let deployed: CompiledJob[] = [];
  try {
    const compiled = await progress.step(`compiling ${opts.jobsDir}/`, async () => {
      const result = await compileDefinitions([opts.jobsDir]);
      if (result.diagnostics.length > 0) throw new Error(formatDiagnostics(result.diagnostics));
      const jobs = result.jobs.map((j) => j.job);
      writeCompiled(join(demoDir, 'compiled'), jobs);
      return jobs;
    });
    const modelPort = await freePort();
    const gatewayPort = await freePort();
    const metricsPort = await freePort();
    const model = await progress.step('test model server (OpenAI protocol)', () =>
      startFeatcProcess('model-server', ['model-server', '--port', String(modelPort), '--latency-ms', '20'], `http://127.0.0.1:${modelPort}/healthz`, demoDir));
    children.push(model);
    const gateway = await progress.step('inference gateway (Redis answer cache)', () =>
      startFeatcProcess('gateway', ['gateway', '--port', String(gatewayPort), '--upstream', `http://127.0.0.1:${modelPort}/v1`, '--redis', env.FEATC_REDIS_URL ?? ''], `http://127.0.0.1:${gatewayPort}/healthz`, demoDir));
    children.push(gateway);
    deployed = compiled;
    await deployDemoJobs(compiled, env, progress, {
      env: { FEATC_INFERENCE_GATEWAY: `http://127.0.0.1:${gatewayPort}`, OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? 'featc-local-test-key' },
      recreateJobsUsing: GATEWAY_ENV,
    });
    const outputs = compiled.flatMap((j) => j.graph.outputs.filter((o) => o.kind === 'redis')) as unknown as ViewSpecInput[];
    const graphs = compiled.map((j) => join(demoDir, 'compiled', j.name, 'job-graph.json'));
    const sink = await progress.step('Redis sink (exactly-once, offsets fenced in Redis)', () =>
      startFeatcProcess('redis-sink', ['sink', 'redis', '--graph', ...graphs, '--kafka', env.FEATC_KAFKA_BOOTSTRAP ?? '', '--redis', env.FEATC_REDIS_URL ?? '', '--metrics-port', String(metricsPort), '--no-progress'], `http://127.0.0.1:${metricsPort}/metrics`, demoDir));
    children.push(sink);

    const client = createFeatureClient<FeatureMap>({ redis: env.FEATC_REDIS_URL ?? '', views: outputs });
    const startTs = demoStartTs(demoDir);
    let latest = { produced: 0, eventTimeMs: startTs, wallMs: 0 };
    let frameRows: unknown[] = [];
    const draw = async (): Promise<void> => {
      const [clickRate, ctr] = await Promise.all([client.getMany('userClickRate', SHOWN_USERS), client.getMany('userCtr', SHOWN_USERS)]);
      const rows = SHOWN_USERS.map((userId, i) => ({ userId, clickRate: clickRate[i], ctr: ctr[i] }));
      frameRows = rows.map((r) => ({ userId: r.userId, ...r.clickRate?.values, ...r.ctr?.values, asOfMs: r.ctr?.asOfMs ?? null }));
      const frame = renderFrame({
        elapsedSec: (Date.now() - t0) / 1000, produced: latest.produced, eventsPerSec: latest.produced / Math.max(1, latest.wallMs / 1000),
        eventTimeMs: latest.eventTimeMs, sinkApplied: await sinkApplied(metricsPort), rows,
      });
      opts.out(opts.tty ? `\x1b[2J\x1b[H${frame}` : `${frame}\n`);
    };
    let lastDraw = 0;
    opts.out(`producing ${opts.rate} impressions/s for ${opts.durationSec}s (event time ×${opts.speed}, seed ${opts.seed}); features appear as windows close`);
    const generated = await runGenerator({
      kafka: env.FEATC_KAFKA_BOOTSTRAP ?? '', rate: opts.rate, durationSec: opts.durationSec, speed: opts.speed, seed: opts.seed, users: opts.users, startTs,
      onProgress: (p) => {
        latest = p;
        if (Date.now() - lastDraw > (opts.tty ? 1000 : 10_000)) {
          lastDraw = Date.now();
          void draw();
        }
      },
    });
    saveDemoEventTime(demoDir, generated.eventTimeMs);
    await new Promise((r) => setTimeout(r, 3000));
    await draw();

    const enrichment = await startEnrichmentServer({ redis: env.FEATC_REDIS_URL ?? '', views: outputs, server: 'model-a', modelUrl: `http://127.0.0.1:${gatewayPort}/v1`, model: 'demo-chat' });
    let answer: unknown;
    try {
      const res = await fetch(`${enrichment.url}/enrich`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u001', prompt: 'Which documents should I read next?' }) });
      answer = await res.json();
      opts.out(`\nenrichment example: POST ${enrichment.url}/enrich {"userId":"u001", …}\n${JSON.stringify(answer, null, 2)}`);
    } finally {
      await enrichment.close();
      await client.close();
    }
    return { wallSec: (Date.now() - t0) / 1000, produced: generated.produced, sinkApplied: await sinkApplied(metricsPort), enrichment: answer, finalRows: frameRows };
  } finally {
    // With --keep-stack the other jobs keep running; the ones calling the gateway would only fail without it.
    if (opts.keepStack) await destroyJobsUsing(deployed, GATEWAY_ENV, env, progress).catch((err: Error) => opts.out(`could not stop the jobs that call the gateway: ${err.message}`));
    for (const c of children.reverse()) await c.stop();
    if (!opts.keepStack) await stackDown(paths, progress);
    else opts.out('the local stack stays up (--keep-stack): `npx featc local down` stops it');
  }
}

async function sinkApplied(port: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return [...text.matchAll(/^featc_redis_sink_records_total\{[^}]*outcome="applied"[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
  } catch {
    return null;
  }
}
