import { JobManagerClient } from '../../flink-deploy/rest/index.js';
import { seededRandom } from '../../runtime/shared/seeded-random.js';
import type { ChaosConfig } from './config.js';
import { compileEngagement, deployEngagement } from './engagement-job.js';
import type { EventPlan } from './events.js';
import { faultPlan, FAULT_KINDS, injectFault, type FaultContext, type FaultKind, type FaultRecord } from './faults.js';
import { createTopics, endOffsets, readCommitted } from './kafka-io.js';
import { EngagementOracle } from './oracle.js';
import { OutputTail } from './output-tail.js';
import { startPrivateStack } from './private-stack.js';
import { produceClosingEvents, produceEvents } from './produce-events.js';
import { SinkRunner } from './sink-runner.js';
import { mismatchCount, recoveryStats, round, type ChaosSummary } from './summary.js';
import { checkKafkaView, checkRedisView } from './verify.js';

const SINK_PREFIX = 'chaos';
const DRAIN_STALL_MS = 120_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const secondsSince = (t: number): number => round((Date.now() - t) / 1000);

/**
 * One chaos run on a private stack: deploy the engagement job, start the Redis sink, produce the
 * seeded events while injecting the planned faults one after another (each waits for recovery),
 * let the outputs drain, then compare Kafka and Redis with the oracle.
 */
export async function runChaos(config: ChaosConfig, log: (line: string) => void): Promise<ChaosSummary> {
  const t0 = Date.now();
  const startedAt = new Date(t0).toISOString();
  const stack = await startPrivateStack(config.home, log);
  const stackUpS = secondsSince(t0);
  const env = stack.endpoints;
  const jm = new JobManagerClient(env.flinkUrl);
  const compiled = compileEngagement(config.checkpointSeconds, config.idleTimeout);
  const outputs = compiled.graph.outputs;
  const featureTopics = outputs.map((o) => o.topic);
  const sink = new SinkRunner({ graph: '', kafka: env.kafkaBootstrap, redis: env.redisUrl, prefix: SINK_PREFIX, topics: featureTopics });
  const tail = new OutputTail(env.kafkaBootstrap, featureTopics);
  let jobId: string | undefined;
  try {
    await createTopics(env.kafkaBootstrap, ['clicks', 'impressions', ...featureTopics], 1);
    const tDeploy = Date.now();
    const deployed = await deployEngagement(env, `${config.home}/work`, compiled);
    jobId = deployed.jobId;
    const deployS = secondsSince(tDeploy);
    log(`engagement job ${jobId} RUNNING with a checkpoint (${deployS} s)`);
    sink.setGraph(deployed.graphFile);
    await sink.start();
    await tail.start();

    const plan: EventPlan = { seed: config.seed, events: config.events, users: config.users, startTs: Math.ceil((Date.now() + 3_600_000) / 300_000) * 300_000, spanMs: config.spanMinutes * 60_000 };
    const oracle = new EngagementOracle();
    let produced = 0;
    const tRun = Date.now();
    const production = produceEvents(env.kafkaBootstrap, plan, oracle, config.ratePerSecond, (n) => { produced = n; });
    production.catch(() => undefined);

    const ctx: FaultContext = { paths: stack.paths, jm, jobId, sink, tail, recoveryTimeoutMs: config.recoveryTimeoutMs };
    const random = seededRandom(config.seed ^ 0x5eed);
    const faults: FaultRecord[] = [];
    for (const [i, f] of faultPlan(config.faults, random).entries()) {
      await sleep(config.maxGapMs * (0.25 + 0.75 * random()));
      const at = Date.now();
      const producedAt = produced;
      const r = await injectFault(ctx, f.kind, f.signal);
      faults.push({ n: i + 1, kind: f.kind, signal: f.signal, atS: round((at - tRun) / 1000), producedAt, ...r });
      log(`fault ${i + 1}/${config.faults} ${f.kind} (${f.signal}) at ${producedAt.toLocaleString('en-US')} events: restarted in ${(r.restartMs / 1000).toFixed(1)} s, `
        + `${r.runningMs === undefined ? '' : `RUNNING in ${(r.runningMs / 1000).toFixed(1)} s, `}recovered in ${(r.recoveryMs / 1000).toFixed(1)} s`);
    }
    const faultPhaseS = secondsSince(tRun);
    const producedReport = await production;
    log(`produced ${oracle.events.toLocaleString('en-US')} events in ${(producedReport.ms / 1000).toFixed(1)} s; now the closing events`);
    await produceClosingEvents(env.kafkaBootstrap, plan, oracle, producedReport.byTopic);
    await assertInputExact(env.kafkaBootstrap, producedReport.byTopic);

    const tDrain = Date.now();
    const expected = { userClickRate: oracle.clickRate().size, userCtr: oracle.ctr().size } as Record<string, number>;
    await drain(tail, sink, outputs.map((o) => ({ topic: o.topic, expected: expected[o.view] ?? 0 })), log);
    const drainS = secondsSince(tDrain);
    const processingS = (Date.now() - tRun) / 1000;

    const tVerify = Date.now();
    const kafka = await Promise.all(outputs.map((o) => checkKafkaView(env.kafkaBootstrap, o, oracle)));
    const redis = [];
    for (const o of outputs) redis.push(await checkRedisView(env.redisUrl, SINK_PREFIX, o, oracle));
    const deadLetters = await countDeadLetters(env.kafkaBootstrap, deployed.compiled.graphJson);
    const restarts = await jm.jobMetrics(jobId, ['numRestarts']).then((m) => (m.numRestarts === undefined ? null : Number(m.numRestarts)), () => null);
    const verifyS = secondsSince(tVerify);

    const faultsByKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, faults.filter((f) => f.kind === k).length])) as Record<FaultKind, number>;
    const { home: _h, resultsDir: _r, keepStack: _k, ...shown } = config;
    return {
      startedAt,
      config: shown,
      events: { produced: config.events, byTopic: producedReport.byTopic, closing: oracle.events - config.events, produceSeconds: round(producedReport.ms / 1000) },
      faults,
      faultsByKind,
      recoverySecondsByKind: recoveryStats(faults),
      kafka,
      redis,
      deadLetters,
      flinkRestarts: restarts,
      sinkUnexpectedExits: sink.unexpectedExits,
      mismatches: mismatchCount(kafka, redis, deadLetters),
      seconds: { stackUp: stackUpS, deploy: deployS, faultPhase: faultPhaseS, drain: drainS, verify: verifyS, total: secondsSince(t0) },
      eventsPerSecondWithFaults: config.events / processingS,
    };
  } finally {
    if (jobId) await jm.cancel(jobId).catch(() => undefined);
    await sink.stop().catch(() => undefined);
    await tail.stop();
    if (!config.keepStack) await stack.stop();
  }
}

/** The input topics hold exactly what was produced: the idempotent producer wrote no duplicate across broker restarts. */
async function assertInputExact(bootstrap: string, byTopic: Record<string, number>): Promise<void> {
  for (const [topic, n] of Object.entries(byTopic)) {
    const end = [...(await endOffsets(bootstrap, topic)).values()].reduce((a, b) => a + b, 0);
    if (end !== n) throw new Error(`topic ${topic} holds ${end} records, ${n} were produced (including the closing event)`);
  }
}

/** Waits until every feature topic has its expected record count and the sink applied all of it (or nothing moved for a while). */
async function drain(tail: OutputTail, sink: SinkRunner, topics: { topic: string; expected: number }[], log: (line: string) => void): Promise<void> {
  let lastProgress = Date.now();
  let lastTotal = -1;
  while (Date.now() - lastProgress < DRAIN_STALL_MS) {
    const total = topics.reduce((n, t) => n + tail.count(t.topic), 0);
    if (total !== lastTotal) {
      lastTotal = total;
      lastProgress = Date.now();
    }
    if (topics.every((t) => tail.count(t.topic) >= t.expected)) {
      await sink.waitCaughtUp(tail.lastOffsets(), DRAIN_STALL_MS);
      return;
    }
    await sleep(500);
  }
  log(`outputs stopped growing before reaching the expected counts: ${topics.map((t) => `${t.topic} ${tail.count(t.topic)}/${t.expected}`).join(', ')}`);
}

/** Committed records in the job's dead-letter topics (malformed or late events); the run produces none, so any is a mismatch. */
async function countDeadLetters(bootstrap: string, graphJson: string): Promise<Record<string, number>> {
  const topics = [...graphJson.matchAll(/"deadLetter":\s*\{[^}]*?"topic":\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
  const out: Record<string, number> = {};
  for (const topic of new Set(topics)) {
    const ends = await endOffsets(bootstrap, topic).catch(() => new Map<number, number>());
    out[topic] = [...ends.values()].some((e) => e > 0) ? (await readCommitted(bootstrap, topic, { timeoutMs: 15_000 })).length : 0;
  }
  return out;
}
