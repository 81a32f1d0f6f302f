import { dirname } from 'node:path';
import { runFeatc } from '../../support/run-cli.js';
import { writeDefinition } from './fixtures/write-definition.js';
import { cancelJobsNamed, freshNames } from './helpers.js';

interface Envelope { schemaVersion: number; ok: boolean; [key: string]: unknown }

/**
 * What CI reads: `plan --detailed-exitcode` (0 nothing changes, 2 changes, 3 a state reset, 1 an
 * error) and the one `--json` envelope of plan, deploy, status, stop and destroy, on success and on
 * error, through the real CLI against the real stack (docs/JSON.md).
 */
describe('featc plan --detailed-exitcode and the --json envelope of the deploy verbs', () => {
  const jobs: string[] = [];
  afterAll(() => cancelJobsNamed(...jobs));

  const json = async (args: string[]): Promise<{ code: number | null; body: Envelope }> => {
    const r = await runFeatc([...args, '--json']);
    return { code: r.code, body: JSON.parse(r.stdout) as Envelope };
  };

  it('exit codes 2, 0, 3 and 1; each verb prints one versioned envelope', async () => {
    const names = await freshNames('cli-json');
    jobs.push(names.job);
    const base = writeDefinition(names);
    const withFeature = writeDefinition(names, { extraFeature: true });

    expect((await runFeatc(['plan', base, '--detailed-exitcode'])).code).toBe(2);
    const planned = await json(['plan', base]);
    expect(planned.code).toBe(0);
    expect(planned.body).toMatchObject({
      schemaVersion: 1, ok: true,
      jobs: [{ name: names.job, action: 'create', serving: { viewsAdded: ['hourly', 'totals'], featuresAdded: ['hourly.clicks', 'totals.n', 'totals.total'] }, topics: { reads: [names.input] } }],
    });

    const deployed = await json(['deploy', base, '--yes']);
    expect(deployed.code).toBe(0);
    expect(deployed.body).toMatchObject({ schemaVersion: 1, ok: true, jobs: [{ name: names.job, action: 'create', ok: true }] });

    expect((await runFeatc(['plan', base, '--detailed-exitcode'])).code).toBe(0);
    expect((await runFeatc(['plan', withFeature, '--detailed-exitcode'])).code).toBe(3);
    const reset = await json(['plan', withFeature]);
    expect(reset.body).toMatchObject({ ok: true, jobs: [{ action: 'update-state-reset', serving: { featuresAdded: ['totals.largest'] }, refillFrom: 'earliest' }] });
    const refused = await json(['deploy', withFeature, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.body).toMatchObject({ schemaVersion: 1, ok: false, error: { code: 'FEATC_E7140' } });
    // A definition that does not compile: exit 1 for --detailed-exitcode too, never 0/2/3.
    expect((await runFeatc(['plan', `${dirname(base)}/missing.ts`, '--detailed-exitcode'])).code).toBe(1);

    const status = await json(['status', names.job]);
    expect(status.body).toMatchObject({ schemaVersion: 1, ok: true, jobs: [{ name: names.job, state: 'RUNNING' }] });
    const unknown = await json(['status', `${names.job}_nope`]);
    expect([unknown.code, unknown.body]).toEqual([1, expect.objectContaining({ schemaVersion: 1, ok: false, error: expect.objectContaining({ code: 'FEATC_E7161' }) })]);

    const stopped = await json(['stop', names.job, '--savepoint']);
    expect(stopped.body).toMatchObject({ schemaVersion: 1, ok: true, savepoint: expect.stringMatching(/savepoint-/) });
    const resumable = await json(['plan', base]);
    expect(resumable.body).toMatchObject({ jobs: [{ action: 'create', stoppedWithSavepoint: { path: stopped.body.savepoint } }] });

    expect((await json(['deploy', base, '--yes'])).body).toMatchObject({ ok: true, jobs: [{ action: 'create', ok: true }] });
    const destroyed = await json(['destroy', names.job, '--yes']);
    expect(destroyed.body).toMatchObject({ schemaVersion: 1, ok: true });
    const gone = await json(['destroy', names.job, '--yes']);
    expect([gone.code, gone.body]).toEqual([1, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: expect.stringMatching(/^FEATC_E71/) }) })]);
  }, 300_000);
});
