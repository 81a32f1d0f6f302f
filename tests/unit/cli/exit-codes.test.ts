import { jest } from '@jest/globals';
import { deployExitCode } from '../../../cli/commands/deploy.js';
import { runAction } from '../../../cli/support/exit.js';
import { DeployError, type DeployReport, type JobDeployReport } from '../../../flink-deploy/index.js';
import { FlinkRestError } from '../../../flink-deploy/rest/index.js';

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
