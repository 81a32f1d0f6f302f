import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jobsOfModule } from '../../../compiler/index.js';
import { lastTurns } from '../../../jobs/conversation.test.js';
import { clickRate, lateClick } from '../../../jobs/engagement.test.js';
import { lateQuery } from '../../../jobs/moderated-responses.test.js';
import { healthPerMinute } from '../../../jobs/system-health.test.js';
import { formatReport, junitReport, runFeatureTests, runLoadedTests, type TestRunReport } from '../../../testing/index.js';
import { bootstrap } from '../../support/kafka.js';

// `featc test jobs` through its programmatic API, on the real stack: the shipped tests pass, and a
// test whose expectation is wrong fails with a diff naming view, entity, window and both values.
const target = { flink: process.env.FEATC_FLINK_URL ?? '', gateway: process.env.FEATC_SQL_GATEWAY_URL ?? '', kafka: bootstrap() };

async function activeJobsNamed(prefix: string): Promise<string[]> {
  const res = await fetch(`${target.flink}/jobs/overview`);
  const { jobs } = (await res.json()) as { jobs: { name: string; state: string }[] };
  return jobs.filter((j) => j.name.startsWith(prefix) && !['CANCELED', 'FINISHED', 'FAILED'].includes(j.state)).map((j) => j.name);
}

describe('featc test jobs', () => {
  let report: TestRunReport;

  beforeAll(async () => {
    // Jest loads TypeScript itself (tsx hooks are not allowed inside it); the CLI uses tsx.
    report = await runFeatureTests(['jobs'], { ...target, concurrency: 2, importModule: (file) => import(file) });
  });

  test('every shipped job has feature tests, and they all pass on Flink', async () => {
    expect(report.loadProblems).toEqual([]);
    const shipped: string[] = [];
    for (const file of readdirSync('jobs').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      shipped.push(...jobsOfModule((await import(resolve(join('jobs', file)))) as Record<string, unknown>).map((j) => j.name));
    }
    // Every shipped job, those with inference steps included (moderatedResponses), has tests: no exception.
    expect(shipped.length).toBeGreaterThanOrEqual(5);
    expect(shipped).toContain('moderatedResponses');
    expect([...new Set(report.tests.map((t) => t.job))].sort()).toEqual(shipped.sort());
    for (const t of report.tests) {
      expect({ name: t.name, status: t.status, error: t.error, diff: t.mismatches }).toEqual({ name: t.name, status: 'passed', error: undefined, diff: [] });
      expect(t.rowsRead).toBeGreaterThan(0);
    }
    expect(report.ok).toBe(true);
  });

  test('late events beyond the watermark delay are dead-lettered, counted by no view, and counted as late', () => {
    const late = report.tests.filter((t) => t.name === lateClick.name || t.name === healthPerMinute.name);
    expect(late.map((t) => [t.job, t.status, t.lateRecordsDropped])).toEqual([['engagement', 'passed', 1], ['systemHealth', 'passed', 1]]);
  });

  test('a job with inference steps runs against the test model server, and a late query is dropped from its view', () => {
    const steps = report.tests.filter((t) => t.job === 'moderatedResponses');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    // Every query and the flush event reach the moderation model; the clean ones also reach the LLM step.
    for (const t of steps) expect(t.modelCalls).toBeGreaterThan(0);
    // Dead-lettered as late by queries, and its verdict by verdicts.
    expect(steps.find((t) => t.name === lateQuery.name)).toMatchObject({ status: 'passed', lateRecordsDropped: 2 });
  });

  test('the run cancels its jobs', async () => {
    expect(await activeJobsNamed('featc_test_')).toEqual([]);
  });
});

describe('featc test with one wrong expected value', () => {
  test('fails with a diff naming view, entity, window and both values', async () => {
    const [first, ...rest] = clickRate.expect.userClickRate ?? [];
    if (!first) throw new Error('the clickRate test expects userClickRate rows');
    const wrong = { ...clickRate, name: `${clickRate.name} (one value changed)`, expect: { userClickRate: [{ ...first, values: { click_rate_5m: 5 } }, ...rest] } };
    const report = await runLoadedTests([{ file: 'jobs/engagement.test.ts', exportName: 'clickRate', test: wrong }], target);

    expect(report.ok).toBe(false);
    const [result] = report.tests;
    expect(result?.status).toBe('failed');
    expect(result?.mismatches).toEqual([{
      kind: 'value', view: 'userClickRate', entity: '{"userId":"u1"}', window: '[2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)',
      feature: 'click_rate_5m', expected: 5, actual: 4,
    }]);
    const text = formatReport(report);
    expect(text).toContain('FAIL  jobs/engagement.test.ts');
    expect(text).toContain('view userClickRate › entity {"userId":"u1"} › window [2024-01-01T00:00:00Z, 2024-01-01T00:05:00Z)');
    expect(text).toContain('click_rate_5m: expected 5, actual 4');
    const junit = junitReport(report);
    expect(junit).toContain('<failure message="1 difference(s) in the output">');
    expect(junit).toContain('click_rate_5m: expected 5, actual 4');
  });

  test('fails when an expected window start differs from the row\'s __window_start_ms', async () => {
    const [first, ...rest] = lastTurns.expect.conversationContext ?? [];
    if (!first) throw new Error('the lastTurns test expects conversationContext rows');
    const start = first.window.end - 30 * 60_000;
    const shifted = { ...first, window: { start: start + 1, end: first.window.end } };
    const wrong = { ...lastTurns, name: `${lastTurns.name} (one window start changed)`, expect: { conversationContext: [shifted, ...rest] } };
    const report = await runLoadedTests([{ file: 'jobs/conversation.test.ts', exportName: 'lastTurns', test: wrong }], target);
    expect(report.tests[0]?.mismatches).toEqual([{
      kind: 'value', view: 'conversationContext', entity: '{"userId":"u1"}', window: `as of ${new Date(first.window.end).toISOString().replace('.000Z', 'Z')}`,
      feature: 'window.start', expected: start + 1, actual: start,
    }]);
    expect(report.ok).toBe(false);
  });
});
