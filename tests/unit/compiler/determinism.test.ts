import { compiledFiles, compileJob } from '../../../compiler/index.js';
import engagement from '../../../jobs/engagement.js';
import { ctrView, jobOf } from './fixtures.js';

describe('determinism', () => {
  test('compiling twice gives byte-identical files and hash', () => {
    const first = compileJob(engagement);
    const second = compileJob(engagement);
    expect(compiledFiles(second)).toEqual(compiledFiles(first));
    expect(second.hash).toBe(first.hash);
    expect(first.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('equal definitions built separately compile identically', () => {
    expect(compileJob(jobOf([ctrView()])).sql).toBe(compileJob(jobOf([ctrView()])).sql);
  });

  test('the hash follows the SQL', () => {
    const a = compileJob(jobOf([ctrView()]));
    const b = compileJob(jobOf([ctrView()], { parallelism: 4 }));
    expect(a.hash).not.toBe(b.hash);
    expect(a.graph.sqlHash).toBe(a.hash);
  });
});
