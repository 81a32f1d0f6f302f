import { checkSavepointRestores, parseSavepointRestore } from '../../../flink-deploy/apply/from-savepoint.js';
import type { JobPlan } from '../../../flink-deploy/plan/plan.js';

const plan = (name: string, action: JobPlan['action']): JobPlan => ({ name, action, reasons: [] });

describe('deploy --from-savepoint <job>=<path>', () => {
  it('takes the job before the first "=" and the rest as the path', () => {
    expect(parseSavepointRestore('engagement=s3://b/sp/savepoint-1a=2')).toEqual({ job: 'engagement', path: 's3://b/sp/savepoint-1a=2' });
  });

  it('FEATC_E7141: a value without a job, a path, or with a job name that cannot be one', () => {
    for (const bad of ['file:///tmp/featc-savepoints/savepoint-1', 'engagement=', '=file:///tmp/sp', 'user-engagement=file:///tmp/sp']) {
      expect(() => parseSavepointRestore(bad)).toThrow(expect.objectContaining({
        code: 'FEATC_E7141', exitCode: 1, message: `--from-savepoint expects <job>=<savepoint path>, got "${bad}"`,
        hint: expect.stringContaining('e.g. --from-savepoint engagement=file:///tmp/featc-savepoints/'),
      }));
    }
  });

  it('FEATC_E7141: one job given two savepoints, refused before anything is touched', () => {
    const jobs = [plan('engagement', 'create'), plan('tokens', 'create')];
    expect(checkSavepointRestores([parseSavepointRestore('tokens=file:///sp/a')], jobs)).toEqual(new Map([['tokens', 'file:///sp/a']]));
    const twice = ['engagement=file:///sp/a', 'tokens=file:///sp/b', 'engagement=file:///sp/c'].map(parseSavepointRestore);
    expect(() => checkSavepointRestores(twice, jobs)).toThrow(expect.objectContaining({
      code: 'FEATC_E7141', message: '--from-savepoint names job "engagement" twice', hint: 'give one savepoint per job',
    }));
  });
});
