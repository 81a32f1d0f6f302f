import type { JobGraph } from '../compiler/index.js';
import { isFlushRecord } from './fixtures.js';
import type { CommittedRecord } from './kafka.js';
import type { JobProbe } from './job-probe.js';

type Expected = Readonly<Record<string, unknown>>;
type AnyExpectSteps = Readonly<Record<string, Readonly<Record<string, readonly Expected[]>> | undefined>>;

/** One step topic a test checks: as declared, as renamed for the test, its sink table, the records expected. */
export interface StepTarget {
  readonly step: string;
  readonly declaredTopic: string;
  readonly topic: string;
  readonly table: string;
  readonly expected: readonly Expected[];
}

export type StepMismatch =
  | { readonly kind: 'step-missing'; readonly step: string; readonly topic: string; readonly expected: Expected }
  | { readonly kind: 'step-unexpected'; readonly step: string; readonly topic: string; readonly actual: Expected };

/** Resolves `expectSteps` against the compiled (renamed) job; throws a message naming what does not exist. */
export function stepTargets(expectSteps: AnyExpectSteps | undefined, graph: JobGraph, topicMap: ReadonlyMap<string, string>): StepTarget[] {
  const targets: StepTarget[] = [];
  const problems: string[] = [];
  const declaredTopics = new Map([...topicMap].map(([declared, renamed]) => [renamed, declared]));
  const declared = (renamed: string): string => declaredTopics.get(renamed) ?? renamed;
  for (const [stepName, perTopic] of Object.entries(expectSteps ?? {})) {
    if (!perTopic) continue;
    const step = graph.steps.find((s) => s.name === stepName);
    if (!step) {
      problems.push(`expectSteps.${stepName}: the job has no step "${stepName}" (steps: ${graph.steps.map((s) => s.name).join(', ') || 'none'})`);
      continue;
    }
    const written = [...step.sinks, ...(step.deadLetter ? [step.deadLetter] : [])];
    for (const [declaredTopic, expected] of Object.entries(perTopic)) {
      const sink = written.find((w) => declared(w.topic) === declaredTopic);
      if (!sink) {
        problems.push(`expectSteps.${stepName}["${declaredTopic}"]: step ${stepName} writes no such topic (it writes: ${written.map((w) => declared(w.topic)).join(', ')})`);
        continue;
      }
      targets.push({ step: stepName, declaredTopic, topic: sink.topic, table: sink.table, expected });
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return targets;
}

/**
 * Steps answer asynchronously, after the watermark barriers: waits until each checked topic's
 * writer has received at least the expected number of records and the counts held still for
 * `settleMs` (so extra records show up too). Without live metrics it returns at once.
 */
export async function waitForStepWriters(probe: JobProbe, targets: readonly StepTarget[], opts: { timeoutMs: number; settleMs: number }): Promise<void> {
  if (targets.length === 0) return;
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const counts = await probe.sinkRecords(targets.map((t) => t.table));
    if (!counts) return;
    const now = JSON.stringify([...counts]);
    if (now !== last) { last = now; stableSince = Date.now(); }
    const reached = targets.every((t) => (counts.get(t.table) ?? 0) >= t.expected.length);
    if (reached && Date.now() - stableSince >= opts.settleMs) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function matches(expected: Expected, actual: Expected, tolerance: number): boolean {
  return Object.entries(expected).every(([k, want]) => {
    const got = actual[k];
    if (typeof want === 'number' && typeof got === 'number') return Math.abs(want - got) <= tolerance;
    return JSON.stringify(want) === JSON.stringify(got);
  });
}

/** Expected records matched one-to-one (first fit) with the committed ones of each topic, flush records left out; the rest are differences. */
export function compareStepRecords(targets: readonly StepTarget[], records: readonly CommittedRecord[], tolerance: number): StepMismatch[] {
  const out: StepMismatch[] = [];
  for (const t of targets) {
    const actual = records.filter((r) => r.topic === t.topic && r.value !== null).map((r) => JSON.parse(r.value ?? 'null') as Expected)
      .filter((a) => !isFlushRecord(a));
    const used = new Set<number>();
    for (const e of t.expected) {
      const i = actual.findIndex((a, j) => !used.has(j) && matches(e, a, tolerance));
      if (i < 0) out.push({ kind: 'step-missing', step: t.step, topic: t.declaredTopic, expected: e });
      else used.add(i);
    }
    actual.forEach((a, j) => { if (!used.has(j)) out.push({ kind: 'step-unexpected', step: t.step, topic: t.declaredTopic, actual: a }); });
  }
  return out;
}
