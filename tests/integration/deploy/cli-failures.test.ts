import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileJob } from '../../../compiler/index.js';
import { deployJobs, findDeployedJob } from '../../../flink-deploy/index.js';
import { resolveStatements } from '../../../flink-deploy/apply/resolve.js';
import { artifactOf } from '../../../flink-deploy/identity/artifact.js';
import { submitJob } from '../../../flink-deploy/apply/submit.js';
import { closedPortUrl, flinkErrorBody, startFaultServer, startSilentPort } from '../../support/fault-http-server.js';
import { runFeatc, stackTraceLines, type CliResult } from '../../support/run-cli.js';
import { variantJob, type VariantNames } from './fixtures/variant-job.js';
import { writeDefinition } from './fixtures/write-definition.js';
import { cancelJobsNamed, freshNames, jobManager, testTarget } from './helpers.js';

/** A Kafka client option Flink accepts at submit and the source cannot start with: the job goes RESTARTING. */
const BROKEN = { sourceProperties: { 'security.protocol': 'BOGUS' } };

/**
 * `featc deploy` on the real stack when the job fails at runtime, or the SQL Gateway fails mid-way:
 * a coded message, a non-zero exit, no stack trace, and a "left on the cluster" line that matches
 * what the JobManager says; `featc status <job>` shows the job afterwards.
 */
describe('featc deploy (CLI): runtime failures and a failing gateway', () => {
  const target = testTarget();
  const jobs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await cancelJobsNamed(...jobs);
    await Promise.all(closers.map((c) => c()));
  });

  async function names(prefix: string): Promise<VariantNames> {
    const n = await freshNames(prefix);
    jobs.push(n.job);
    return n;
  }

  function expectClean(r: CliResult): void {
    expect(stackTraceLines(r.stdout + r.stderr)).toEqual([]);
  }

  it('a new job that fails at runtime: exit 1, FEATC_E7150 with the cause, the job cancelled, status shows it', async () => {
    const n = await names('cli-rt');
    const r = await runFeatc(['deploy', writeDefinition(n, BROKEN), '--yes']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`✗ ${n.job}: create FAILED after \\d+\\.\\ds\\n`));
    expect(r.stdout).toContain(`    error FEATC_E7150 ${n.job}: the new version did not come up: RESTARTING: Invalid value BOGUS for configuration security.protocol`);
    expect(r.stdout).toContain('    hint: fix the definition and deploy again');
    const cancelled = /left on the cluster: no job named \S+ runs on the cluster \(the new job ([0-9a-f]{32}) was cancelled\)/.exec(r.stdout)?.[1];
    expect(cancelled).toBeDefined();
    expect(r.stdout).toMatch(/\ndeploy FAILED in /);

    // What the JobManager says, independently of featc's report.
    expect((await jobManager().job(cancelled!)).state).toBe('CANCELED');
    expect(await findDeployedJob(jobManager(), n.job)).toBeUndefined();

    const s = await runFeatc(['status', n.job]);
    expectClean(s);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`${n.job}  CANCELED (not running)  job ${cancelled}\n`);
    expect(s.stdout).toMatch(/ {2}last failure: Invalid value BOGUS for configuration security\.protocol/);
    const json = JSON.parse((await runFeatc(['status', n.job, '--json'])).stdout) as { schemaVersion: number; ok: boolean; jobs: { jobId: string; state: string }[] };
    expect(json).toMatchObject({ schemaVersion: 1, ok: true, jobs: [expect.objectContaining({ jobId: cancelled, state: 'CANCELED' })] });
    expect(json.jobs).toHaveLength(1);
  });

  it('an upgrade that fails at runtime is rolled back; the output names the job that runs again', async () => {
    const n = await names('cli-rb');
    const first = await deployJobs([compileJob(variantJob(n, {}))], { target });
    expect(first.ok).toBe(true);
    const r = await runFeatc(['deploy', writeDefinition(n, BROKEN), '--yes']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ ${n.job}: update-compatible FAILED after`);
    expect(r.stdout).toContain('    error FEATC_E7150 ');
    expect(r.stdout).toContain('    rolled back\n');
    const [, jobId, savepoint] = /left on the cluster: the previous version runs again as job ([0-9a-f]{32}) \(RUNNING\), restored from savepoint (\S+)/.exec(r.stdout) ?? [];
    expect(jobId).toBeDefined();
    const running = await findDeployedJob(jobManager(), n.job);
    expect(running).toMatchObject({ jobId, state: 'RUNNING', hash: compileJob(variantJob(n, {})).hash });
    expect((await jobManager().checkpoints(jobId!)).latest.restored?.external_path).toBe(savepoint);
  });

  it('the gateway fails after the old version was stopped: exit 2, rollback FAILED, the savepoint is named', async () => {
    const n = await names('cli-gw');
    const first = await deployJobs([compileJob(variantJob(n, {}))], { target });
    expect(first.ok).toBe(true);
    const previous = first.jobs[0]!.jobId!;
    const gateway = await startFaultServer(() => ({ status: 500, body: flinkErrorBody('org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to open a new session') }));
    closers.push(() => gateway.close());

    const file = writeDefinition(n, { sourceProperties: { 'client.rack': 'rack-2' } });
    const r = await runFeatc(['deploy', file, '--yes', '--flink', target.flinkUrl, '--gateway', gateway.url, '--kafka', target.kafkaBootstrap]);
    expectClean(r);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`✗ ${n.job}: update-compatible FAILED after`);
    expect(r.stdout).toContain('    error FEATC_E7002 POST /v3/sessions failed with HTTP 500: Failed to open a new session; the rollback failed: POST /v3/sessions failed with HTTP 500');
    expect(r.stdout).toContain('    rollback FAILED\n');
    const savepoint = /left on the cluster: no job named \S+ runs on the cluster; the previous version's state is in savepoint (\S+)/.exec(r.stdout)?.[1];
    expect(savepoint).toBeDefined();
    expect(gateway.requests).toEqual(['POST /v3/sessions', 'POST /v3/sessions']);

    // The JobManager agrees: the old job finished with that savepoint, nothing runs under the name.
    expect(await findDeployedJob(jobManager(), n.job)).toBeUndefined();
    expect((await jobManager().job(previous)).state).toBe('FINISHED');
    expect(existsSync(savepoint!.startsWith('file:') ? fileURLToPath(savepoint!.replace(/^file:\/*/, 'file:///')) : savepoint!)).toBe(true);
    const s = await runFeatc(['status', n.job]);
    expect(s.stdout).toContain(`${n.job}  FINISHED (not running)  job ${previous}\n`);
  });

  it('the gateway is unreachable or hangs when a new job is submitted: exit 2, nothing left on the cluster', async () => {
    const n = await names('cli-nogw');
    const file = writeDefinition(n, {});
    const silent = await startSilentPort();
    closers.push(() => silent.close());
    const common = ['deploy', file, '--yes', '--flink', target.flinkUrl, '--kafka', target.kafkaBootstrap];
    const [refused, hung] = await Promise.all([
      runFeatc([...common, '--gateway', await closedPortUrl()]),
      runFeatc([...common, '--gateway', silent.url, '--rest-timeout', '1500']),
    ]);
    for (const [r, code, message] of [[refused, 'FEATC_E7001', 'cannot reach the SQL Gateway at'], [hung, 'FEATC_E7003', 'the SQL Gateway did not answer within 1500 ms']] as const) {
      expectClean(r);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(`✗ ${n.job}: create FAILED after`);
      expect(r.stdout).toContain(`    error ${code} `);
      expect(r.stdout).toContain(message);
      expect(r.stdout).toContain(`    left on the cluster: no job named ${n.job} runs on the cluster\n`);
    }
    expect(await findDeployedJob(jobManager(), n.job)).toBeUndefined();
  });

  it('Ctrl-C while a step is under way: exit 130, FEATC_E7170 names the step, no stack trace', async () => {
    const n = await names('cli-int');
    const silent = await startSilentPort();
    closers.push(() => silent.close());
    const r = await runFeatc(['deploy', writeDefinition(n, {}), '--yes', '--flink', target.flinkUrl, '--gateway', silent.url, '--kafka', target.kafkaBootstrap],
      { signalOnStderr: { text: `${n.job}: submit (empty state)…`, signal: 'SIGINT' } });
    expectClean(r);
    expect(r.code).toBe(130);
    // Deploy first created the job's dead-letter topic (a completed step), then was interrupted while submitting.
    expect(r.stderr).toContain(`error FEATC_E7170 deploy interrupted (SIGINT) during "${n.job}: submit (empty state)": the job may be half-deployed\n  completed: ${n.job}: create missing topics (featc.dlq.${n.job}.events (1))\n  hint: `);
    expect(await findDeployedJob(jobManager(), n.job)).toBeUndefined();
  });
  it('featc status without names shows a featc job whose newest run FAILED; an unknown name is FEATC_E7161', async () => {
    // What the restart strategy giving up leaves: featc's job, submitted as deploy does but with no restarts allowed.
    const n = await names('cli-failed');
    const compiled = compileJob(variantJob(n, BROKEN));
    const jobId = await submitJob(artifactOf(compiled), resolveStatements(n.job, compiled.statements, target), target, { configuration: { 'restart-strategy.type': 'none' } });
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    const deadline = Date.now() + 60_000;
    while ((await jobManager().job(jobId)).state !== 'FAILED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect((await jobManager().job(jobId)).state).toBe('FAILED');

    const s = await runFeatc(['status']);
    expectClean(s);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`${n.job}  FAILED (not running)  job ${jobId}\n`);
    expect(s.stdout).toMatch(/ {2}last failure: Invalid value BOGUS for configuration security\.protocol/);
    const json = JSON.parse((await runFeatc(['status', '--json'])).stdout) as { jobs: { name: string; jobId: string; state: string }[] };
    expect(json.jobs.filter((j) => j.name === n.job)).toEqual([expect.objectContaining({ jobId, state: 'FAILED' })]);

    const unknown = await runFeatc(['status', n.job, `${n.job}_nope`]);
    expectClean(unknown);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`error FEATC_E7161 no featc job named ${n.job}_nope on ${target.flinkUrl} (neither running nor remembered by the JobManager)\n  hint: `);
  });
});
