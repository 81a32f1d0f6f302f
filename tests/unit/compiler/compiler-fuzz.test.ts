import fc from 'fast-check';
import { checkCase, emptyStats, fuzzCases, summary } from './fuzz/fuzz-case.js';

// Property-based fuzzing of the compiler (issue 9): random definitions built with the public DSL,
// valid ones and deliberately broken ones, hostile names throughout. FEATC_FUZZ_RUNS and
// FEATC_FUZZ_SEED override the defaults; a failure prints the seed and path to replay it.
const runs = Number(process.env['FEATC_FUZZ_RUNS'] ?? 10_000);
const seed = Number(process.env['FEATC_FUZZ_SEED'] ?? 20_251_109);

describe('compiler fuzzing', () => {
  test(`${runs} generated definitions: coded diagnostics or deterministic, well-quoted SQL`, () => {
    const stats = emptyStats();
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    fc.assert(fc.property(fuzzCases(), (c) => checkCase(c, stats)), { numRuns: runs, seed, endOnFailure: process.env['FEATC_FUZZ_SHRINK'] !== '1' });
    const cpu = process.cpuUsage(cpu0);
    console.log(summary(stats, runs, seed, Date.now() - t0, (cpu.user + cpu.system) / 1000));
    expect(stats.crashes).toBe(0);
    expect(stats.validCompiled + stats.invalidDiagnosed + stats.mutatedCompiled).toBe(runs);
  }, 600_000);
});
