import { DiagnosticsError, formatDiagnostics, graphTopics, LATE_REASON } from '../compiler/index.js';
import type { CommittedRecord } from './kafka.js';
import type { AnyFeatureTest, ExpectedRow } from '../dsl/index.js';
import { resolveStatements } from '../flink-deploy/apply/resolve.js';
import type { Target } from '../flink-deploy/index.js';
import { JobManagerClient, SqlGatewayClient } from '../flink-deploy/rest/index.js';
import { actualRows, compareOutputs, windowStartProblems, type Mismatch } from './compare.js';
import { EventTimeDriver } from './drive.js';
import { fedSourcesOf, fixtureEvents, flushEvent, flushTime, segments, sourcesOf } from './fixtures.js';
import { assertIsolated, isolateJob, type IsolatedJob } from './isolate.js';
import { JobProbe, type MetricsSource } from './job-probe.js';
import { TestKafka } from './kafka.js';
import { stepFedTimes } from './step-chain.js';
import { compareStepRecords, stepTargets, waitForStepWriters } from './step-expectations.js';
import { startTestModels, type TestModels } from './test-models.js';

/** A test found in a file. */
export interface LoadedTest {
  readonly file: string;
  readonly exportName: string;
  readonly test: AnyFeatureTest;
}

/** The outcome of one feature test. */
export interface TestResult {
  readonly file: string;
  readonly name: string;
  readonly job: string;
  /** `failed`: the output differs; `error`: the test could not run (bad fixture, Flink rejected the job, timeout). */
  readonly status: 'passed' | 'failed' | 'error';
  readonly durationMs: number;
  /** Wall time per step: compile, topics (create + first fixtures), submit (SQL Gateway), start (tasks running, metrics found), drive (produce + watermarks), collect, cleanup. */
  readonly phasesMs: Readonly<Record<string, number>>;
  readonly mismatches: readonly Mismatch[];
  readonly error?: string;
  readonly rowsRead: number;
  readonly lateRecordsDropped?: number;
  readonly metrics?: MetricsSource;
  /** Part of `drive` spent waiting for watermarks to reach the window operators. */
  readonly watermarkWaitMs?: number;
  /** Jobs with inference steps: chat/embedding calls that reached the test model server (the gateway caches repeats). */
  readonly modelCalls?: number;
}

type AnyExpect = Readonly<Record<string, readonly (ExpectedRow<unknown> & { values: Readonly<Record<string, unknown>> })[] | undefined>>;

const BARRIER_TIMEOUT_MS = 60_000;

/**
 * Runs one feature test on the real stack, in isolation: its own topics and job (a renamed copy of
 * the definitions), fixtures produced in segments with watermark barriers, a flush event per source
 * to fire every window, output read with read_committed, and the job cancelled and topics deleted.
 * A job with inference steps gets its own test model server and gateway (see test-models.ts).
 */
export async function runFeatureTest(loaded: LoadedTest, target: Target, runId: string, index: number): Promise<TestResult> {
  const { test, file } = loaded;
  const phases: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string): void => {
    const now = Date.now();
    phases[name] = (phases[name] ?? 0) + now - mark;
    mark = now;
  };
  const kafka = new TestKafka(target.kafkaBootstrap);
  const gateway = new SqlGatewayClient(target.gatewayUrl);
  const jobManager = new JobManagerClient(target.flinkUrl);
  let isolated: IsolatedJob | undefined;
  let models: TestModels | undefined;
  let session: string | undefined;
  let jobId: string | undefined;
  /** Every topic the compiled copy reads or writes: created before, deleted after the test. */
  let topics: string[] = [];
  const base = { file, name: test.name, job: test.job.name };
  try {
    const events = fixtureEvents(test);
    if ((test.job.steps?.length ?? 0) > 0) models = await startTestModels(`${runId}_${index}`);
    isolated = isolateJob(test.job, runId, index, models?.endpoint);
    const sources = sourcesOf(isolated.def);
    // Fixtures and flush events go to the sources the job does not write itself.
    const fed = fedSourcesOf(isolated.def);
    const compiled = isolated.compiled;
    assertIsolated(compiled, isolated.topicPrefix);
    topics = graphTopics(compiled.graph).all;
    const problems = windowStartProblems(compiled.graph, test.expect as AnyExpect);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    const steps = stepTargets(test.expectSteps, compiled.graph, isolated.topicMap);
    phase('compile');

    const driver = new EventTimeDriver(kafka, sources, isolated.sourceTopics, compiled.plan, stepFedTimes(isolated.def));
    const [first = [], ...rest] = segments(events, sources);
    await kafka.createTopics(topics);
    // The first segment is in Kafka before the job starts: no source is idle while it is read.
    await driver.produce(first);
    phase('topics');
    session = await gateway.openSession({}, compiled.name);
    for (const statement of resolveStatements(compiled.name, compiled.statements, target, { ...process.env, ...models?.env(isolated.def) })) {
      const result = await gateway.execute(session, statement);
      if (result.jobId) jobId = result.jobId;
    }
    if (!jobId) throw new Error('the statement set did not start a job');
    phase('submit');
    await jobManager.waitForState(jobId, ['RUNNING']);
    const probe = new JobProbe(target.flinkUrl, jobId);
    await probe.discover();
    await driver.attach(probe);
    phase('start');

    for (const segment of rest) {
      await driver.barrier(probe, BARRIER_TIMEOUT_MS);
      await driver.produce(segment);
    }
    const flushAt = flushTime(events);
    await driver.produce([...fed.values()].map((s) => ({ source: s.name, eventTime: flushAt, value: flushEvent(s, flushAt) })));
    await driver.barrier(probe, BARRIER_TIMEOUT_MS + Math.max(0, ...[...sources.values()].map((s) => s.idleTimeout?.ms ?? 0)));
    const late = await probe.lateRecordsDropped();
    phase('drive');

    await waitForStepWriters(probe, steps, { timeoutMs: BARRIER_TIMEOUT_MS, settleMs: 2_000 });
    const deadLetters = compiled.graph.sources.map((s) => s.deadLetter);
    const sinkCounts = await probe.sinkRecords([...compiled.graph.sinks.map((s) => s.table), ...steps.map((t) => t.table), ...deadLetters.map((d) => d.table)]);
    // Without live writer counts, wait for a checkpoint after the last window fired: its transactions hold every row.
    if (!sinkCounts) await checkpointAfter(jobManager, jobId, Date.now(), 60_000);
    const perTopic = new Map<string, number>();
    for (const sink of [...compiled.graph.sinks, ...steps, ...deadLetters]) perTopic.set(sink.topic, (perTopic.get(sink.topic) ?? 0) + (sinkCounts?.get(sink.table) ?? Number.MAX_SAFE_INTEGER / 1e6));
    const records = await kafka.readCommitted(perTopic, { timeoutMs: sinkCounts ? 60_000 : 5_000, settleMs: sinkCounts ? 300 : 3_000 });
    phase('collect');

    const { rows, duplicates } = actualRows(compiled.graph, records);
    // Late = not counted by any view: dead-lettered as behind its source's watermark, or dropped by a window operator.
    const lateDeadLettered = lateDeadLetters(records, new Set(deadLetters.map((d) => d.topic)));
    const lateTotal = lateDeadLettered + late.reduce((n, s) => n + s.value, 0);
    const mismatches: Mismatch[] = [
      ...duplicates, ...compareOutputs(compiled.graph, test.expect as AnyExpect, rows, test.tolerance ?? 1e-9),
      ...compareStepRecords(steps, records, test.tolerance ?? 1e-9),
    ];
    if (test.lateRecordsDropped !== undefined && test.lateRecordsDropped !== lateTotal) {
      mismatches.push({ kind: 'late-dropped', expected: test.lateRecordsDropped, actual: lateTotal, byOperator: { [LATE_DEAD_LETTERS]: lateDeadLettered, ...Object.fromEntries(late.map((s) => [s.operator, s.value])) } });
    }
    return {
      ...base, status: mismatches.length === 0 ? 'passed' : 'failed', durationMs: 0, phasesMs: phases, mismatches,
      rowsRead: records.length, lateRecordsDropped: lateTotal, metrics: probe.source, watermarkWaitMs: driver.waitedMs,
      ...(models ? { modelCalls: models.model.stats().chatCalls + models.model.stats().embeddingCalls } : {}),
    };
  } catch (err) {
    phase('aborted');
    const message = err instanceof DiagnosticsError ? formatDiagnostics(err.diagnostics) : (err as Error).message;
    return { ...base, status: 'error', durationMs: 0, phasesMs: phases, mismatches: [], error: message, rowsRead: 0 };
  } finally {
    if (jobId) await jobManager.cancel(jobId).catch(() => undefined);
    if (session) await gateway.closeSession(session);
    await models?.close();
    await kafka.deleteTopics(topics);
    phase('cleanup');
  }
}

async function checkpointAfter(jobManager: JobManagerClient, jobId: string, since: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const completed = (await jobManager.checkpoints(jobId)).latest.completed;
    if (completed && completed.latest_ack_timestamp > since) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no checkpoint completed within ${timeoutMs} ms, so the exactly-once output was never committed`);
}

/** The result with its total wall time filled in (set after cleanup, which the finally block times). */
export async function timedFeatureTest(loaded: LoadedTest, target: Target, runId: string, index: number): Promise<TestResult> {
  const t0 = Date.now();
  const result = await runFeatureTest(loaded, target, runId, index);
  return { ...result, durationMs: Date.now() - t0 };
}

const LATE_DEAD_LETTERS = 'dead-lettered as late';

/** Dead-letter records whose reason is a late event time (source-ddl.ts prints it). */
function lateDeadLetters(records: readonly CommittedRecord[], topics: ReadonlySet<string>): number {
  return records.filter((r) => topics.has(r.topic) && (JSON.parse(r.value ?? '{}') as { reason?: string }).reason?.startsWith(LATE_REASON)).length;
}
