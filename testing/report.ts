import type { Mismatch } from './compare.js';
import type { LoadProblem } from './discover.js';
import type { TestResult } from './run-test.js';

/** The outcome of `featc test`. */
export interface TestRunReport {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly concurrency: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly tests: readonly TestResult[];
  readonly loadProblems: readonly LoadProblem[];
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

function showValues(values: Record<string, unknown>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${show(v)}`).join(', ');
}

/** One line per difference, grouped by view, entity and window. */
export function formatMismatches(mismatches: readonly Mismatch[]): string[] {
  const lines: string[] = [];
  let group = '';
  for (const m of mismatches) {
    if (m.kind === 'late-dropped') {
      lines.push(`late records dropped: expected ${m.expected}, actual ${m.actual} (${showValues(m.byOperator) || 'no window operator'})`);
      continue;
    }
    if (m.kind === 'step-missing' || m.kind === 'step-unexpected') {
      lines.push(`${m.kind === 'step-missing' ? 'missing' : 'unexpected'}: step ${m.step} › topic ${m.topic}`);
      lines.push(m.kind === 'step-missing' ? `    expected ${showValues(m.expected)}, but the step wrote no such record` : `    actual ${showValues(m.actual)}, but the test expects no such record`);
      group = '';
      continue;
    }
    const header = `view ${m.view} › entity ${m.entity} › window ${m.window}`;
    const prefix = m.kind === 'value' ? '' : `${m.kind}: `;
    if (m.kind === 'value' && header === group) {
      lines.push(`    ${m.feature}: expected ${show(m.expected)}, actual ${show(m.actual)}`);
      continue;
    }
    group = m.kind === 'value' ? header : '';
    switch (m.kind) {
      case 'value': lines.push(header, `    ${m.feature}: expected ${show(m.expected)}, actual ${show(m.actual)}`); break;
      case 'missing': lines.push(`${prefix}${header}`, `    expected ${showValues(m.expected)}, but the job emitted no such row`); break;
      case 'unexpected': lines.push(`${prefix}${header}`, `    actual ${showValues(m.actual)}, but the test expects no such row`); break;
      case 'duplicate': lines.push(`${prefix}${header}`, `    emitted ${m.count} times by the same sink (exactly-once violated)`); break;
    }
  }
  return lines;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Human-readable report: one line per test, a diff under each failure, a summary. */
export function formatReport(report: TestRunReport): string {
  const out: string[] = [];
  for (const p of report.loadProblems) out.push(`ERROR ${p.file}: ${p.message}`);
  for (const t of report.tests) {
    const label = t.status === 'passed' ? 'PASS ' : t.status === 'failed' ? 'FAIL ' : 'ERROR';
    out.push(`${label} ${t.file} › ${t.name} (${seconds(t.durationMs)})`);
    if (t.error) out.push(...t.error.split('\n').map((l) => `      ${l}`));
    out.push(...formatMismatches(t.mismatches).map((l) => `      ${l}`));
  }
  out.push('', `${report.passed} passed, ${report.failed} failed, ${report.errors} error(s) — ${report.tests.length} test(s) in ${seconds(report.durationMs)} (concurrency ${report.concurrency})`);
  return out.join('\n');
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JUnit XML (one testsuite per test file) for CI systems. */
export function junitReport(report: TestRunReport): string {
  const byFile = new Map<string, TestResult[]>();
  for (const t of report.tests) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
  const suites: string[] = [];
  for (const [file, tests] of byFile) {
    const failures = tests.filter((t) => t.status === 'failed').length;
    const errors = tests.filter((t) => t.status === 'error').length;
    const time = tests.reduce((s, t) => s + t.durationMs, 0) / 1000;
    const cases = tests.map((t) => {
      const head = `    <testcase classname="${xml(file)}" name="${xml(t.name)}" time="${(t.durationMs / 1000).toFixed(3)}"`;
      if (t.status === 'passed') return `${head}/>`;
      const body = xml(t.error ?? formatMismatches(t.mismatches).join('\n'));
      const tag = t.status === 'failed' ? 'failure' : 'error';
      const message = xml(t.status === 'failed' ? `${t.mismatches.length} difference(s) in the output` : (t.error ?? '').split('\n')[0] ?? '');
      return `${head}>\n      <${tag} message="${message}">${body}</${tag}>\n    </testcase>`;
    });
    suites.push(`  <testsuite name="${xml(file)}" tests="${tests.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  for (const p of report.loadProblems) {
    suites.push(`  <testsuite name="${xml(p.file)}" tests="1" failures="0" errors="1" time="0">\n    <testcase classname="${xml(p.file)}" name="load"><error message="${xml(p.message)}"/></testcase>\n  </testsuite>`);
  }
  const total = report.tests.length + report.loadProblems.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="featc test" tests="${total}" failures="${report.failed}" errors="${report.errors + report.loadProblems.length}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
