import { jest } from '@jest/globals';
import { deployExitCode } from '../../../cli/commands/deploy.js';
import { runAction } from '../../../cli/support/exit.js';
import { DeployError, type DeployReport, type JobDeployReport } from '../../../flink-deploy/index.js';
import { FlinkRestError } from '../../../flink-deploy/rest/index.js';
import { FeatcError } from '../../../common/errors.js';
import { DiagnosticsError } from '../../../compiler/index.js';
import { StackError } from '../../../flink-deploy/local/errors.js';
import { K8sError } from '../../../flink-deploy/k8s/k8s-error.js';
import { GatewayError, GatewayErrorCode } from '../../../runtime/inference-gateway/gateway-errors.js';
import { FeatcRuntimeError } from '../../../runtime/redis-sink/errors.js';

async function printed(error: unknown): Promise<{ text: string; exitCode: number | string | undefined }> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
  const before = process.exitCode;
  try {
    await runAction(() => Promise.reject(error));
    return { text: lines.join('\n'), exitCode: process.exitCode };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

describe('CLI exit codes and messages', () => {
  it('coded errors print code, message and hint; the exit code is theirs', async () => {
    expect(await printed(new DeployError('FEATC_E7140', 'refusing a state reset', 'use --allow-state-reset'))).toEqual({ text: 'error FEATC_E7140 refusing a state reset\n  hint: use --allow-state-reset', exitCode: 1 });
    expect(await printed(new FlinkRestError('FEATC_E7001', 'cannot reach x', undefined, '', 'start it'))).toEqual({ text: 'error FEATC_E7001 cannot reach x\n  hint: start it', exitCode: 2 });
  });

  it('every area\'s error is one FeatcError: one formatter, the exit code from its kind (user 1, infrastructure 2)', async () => {
    const errors = [
      new DeployError('FEATC_E7164', 'not ours', 'rename it'),
      new StackError('FEATC_E9010', 'services down', 'featc local logs', 2, ['kafka: not healthy']),
      new K8sError('FEATC_E7201', 'bad manifest', 'fix it'),
      new FlinkRestError('FEATC_E7002', 'GET /jobs failed with HTTP 500: boom', 500, 'boom', 'see the log', 'boom'),
      new GatewayError(GatewayErrorCode.configInvalid, 'bad config', 'fix gateway.json', 400),
      new GatewayError(GatewayErrorCode.upstreamTimeout, 'model slow', 'raise timeoutMs', 504),
      new FeatcRuntimeError('FEATC_E6101', 'cannot reach Redis', { where: 'redis://x', hint: 'check --redis' }),
      new DiagnosticsError([{ severity: 'error', code: 'FEATC_E1101', message: 'view name must be an identifier, got "a-b"', file: 'features/a.ts', path: 'a-b', hint: 'use letters' }]),
    ];
    expect(errors.every((e) => e instanceof FeatcError)).toBe(true);
    expect(errors.map((e) => [e.code, e.kind, e.exitCode])).toEqual([
      ['FEATC_E7164', 'user', 1], ['FEATC_E9010', 'infra', 2], ['FEATC_E7201', 'user', 1], ['FEATC_E7002', 'infra', 2],
      ['FEATC_E5001', 'user', 1], ['FEATC_E5031', 'infra', 2], ['FEATC_E6101', 'infra', 2], ['FEATC_E1101', 'user', 1],
    ]);
    expect(await printed(errors[1])).toEqual({ text: 'error FEATC_E9010 services down\n  kafka: not healthy\n  hint: featc local logs', exitCode: 2 });
    expect(await printed(errors[6])).toEqual({ text: 'error FEATC_E6101 cannot reach Redis\n  at redis://x\n  hint: check --redis', exitCode: 2 });
    expect(await printed(errors[7])).toEqual({
      text: 'error FEATC_E1101 view name must be an identifier, got "a-b"\n  at features/a.ts › a-b\n  hint: use letters\n\n1 error(s)', exitCode: 1,
    });
    // What Flink said travels as a field: callers compose messages without parsing other errors' text.
    expect((errors[3] as FlinkRestError).reason).toBe('boom');
  });

  it('an error without a code is reported as FEATC_E0001, exit 2, without its stack trace', async () => {
    const saved = process.env.FEATC_DEBUG;
    delete process.env.FEATC_DEBUG;
    try {
      const r = await printed(new TypeError("Cannot read properties of undefined (reading 'filter')"));
      expect(r.exitCode).toBe(2);
      expect(r.text).toBe("error FEATC_E0001 unexpected error: Cannot read properties of undefined (reading 'filter')\n  hint: likely a featc bug: run again with FEATC_DEBUG=1 for the stack trace and report it");
      process.env.FEATC_DEBUG = '1';
      expect((await printed(new Error('boom'))).text).toMatch(/^error FEATC_E0001 unexpected error: boom\nError: boom\n {4}at /);
    } finally {
      if (saved === undefined) delete process.env.FEATC_DEBUG;
      else process.env.FEATC_DEBUG = saved;
    }
  });

  it('deploy: 0 when all jobs deployed, 2 when any failure came from the cluster, else 1', () => {
    const job = (j: Partial<JobDeployReport>): JobDeployReport => ({ name: 'j', action: 'create', reasons: [], ok: true, steps: [], ms: 1, ...j });
    const report = (...jobs: JobDeployReport[]): DeployReport => ({ ok: jobs.every((j) => j.ok), jobs, ms: 1 });
    expect(deployExitCode(report(job({}), job({ action: 'unchanged' })))).toBe(0);
    expect(deployExitCode(report(job({}), job({ ok: false, exitCode: 1, errorCode: 'FEATC_E7150' })))).toBe(1);
    expect(deployExitCode(report(job({ ok: false, exitCode: 1 }), job({ ok: false, exitCode: 2, errorCode: 'FEATC_E7001' })))).toBe(2);
  });
});
