/**
 * `featc test`: feature definitions tested like code, on the real engine.
 * discover (`*.test.ts`) → isolate (renamed copy of the job) → compile → produce fixtures and drive
 * event time → collect (read_committed) → compare → report (text, JSON, JUnit).
 */
import { FeatcError } from '../common/errors.js';
import { Progress, resolveStackOptions, stackPaths, stackStatus, stackUp } from '../flink-deploy/local/index.js';
import { resolveTarget, type Target, type TargetOptions } from '../flink-deploy/index.js';
import { featureTestFiles, loadFeatureTests, type ModuleImporter } from './discover.js';
import type { TestRunReport } from './report.js';
import { timedFeatureTest, type LoadedTest, type TestResult } from './run-test.js';

export { formatReport, junitReport, formatMismatches, type TestRunReport } from './report.js';
export type { TestResult, LoadedTest } from './run-test.js';
export type { Mismatch } from './compare.js';
export { featureTestFiles, loadFeatureTests, type ModuleImporter } from './discover.js';

export interface FeatureTestRunOptions extends TargetOptions {
  /** Tests run at the same time (each is its own Flink job, one slot at parallelism 1); default 2. */
  concurrency?: number;
  /** Only tests whose name contains this text. */
  filter?: string;
  /** Called as each test finishes. */
  onResult?: (result: TestResult) => void;
  /** Start the local stack when no target is reachable; default true. */
  startStack?: boolean;
  /** How test files are loaded; default tsx. */
  importModule?: ModuleImporter;
}

/**
 * The target's endpoints: flags, config or env when given, else the local stack, started when no
 * cluster is named and it is down (only then: a half-named or invalid target is the user's error).
 */
export async function testTarget(opts: FeatureTestRunOptions): Promise<Target> {
  try {
    return await resolveTarget(opts);
  } catch (err) {
    if (opts.startStack === false || !(err instanceof FeatcError) || err.code !== 'FEATC_E7104') throw err;
    const paths = stackPaths();
    const before = await stackStatus(paths);
    if (!Object.values(before.services).every((s) => s.healthy)) await stackUp(paths, resolveStackOptions(), new Progress());
    return await resolveTarget(opts);
  }
}

async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Runs already-loaded tests against one target (the Flink session cluster is shared by the run). */
export async function runLoadedTests(tests: readonly LoadedTest[], opts: FeatureTestRunOptions = {}): Promise<TestRunReport> {
  const t0 = Date.now();
  const concurrency = opts.concurrency ?? 2;
  const selected = opts.filter ? tests.filter((t) => t.test.name.includes(opts.filter ?? '')) : tests;
  const target = selected.length > 0 ? await testTarget(opts) : undefined;
  const runId = Date.now().toString(36);
  const results = target
    ? await pool(selected, concurrency, async (t, i) => {
      const r = await timedFeatureTest(t, target, runId, i);
      opts.onResult?.(r);
      return r;
    })
    : [];
  const count = (s: TestResult['status']): number => results.filter((r) => r.status === s).length;
  return {
    ok: results.length > 0 && results.every((r) => r.status === 'passed'),
    durationMs: Date.now() - t0, concurrency,
    passed: count('passed'), failed: count('failed'), errors: count('error'),
    tests: results, loadProblems: [],
  };
}

/**
 * Finds the `*.test.ts` files under `paths`, loads their `featureTest(...)` exports and runs them.
 * @example `const report = await runFeatureTests(['jobs/']); if (!report.ok) console.log(formatReport(report))`
 */
export async function runFeatureTests(paths: readonly string[], opts: FeatureTestRunOptions = {}): Promise<TestRunReport> {
  const t0 = Date.now();
  const found = featureTestFiles(paths);
  const loaded = await loadFeatureTests(found.files, opts.importModule);
  const report = await runLoadedTests(loaded.tests, opts);
  const loadProblems = [...found.problems, ...loaded.problems];
  return { ...report, ok: report.ok && loadProblems.length === 0, durationMs: Date.now() - t0, loadProblems };
}
