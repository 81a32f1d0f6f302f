import moderatedResponses from '../../../jobs/moderated-responses.js';
import { formatMismatches } from '../../../testing/report.js';
import { renameJob } from '../../../testing/isolate.js';
import { compareStepRecords, stepTargets } from '../../../testing/step-expectations.js';
import type { CommittedRecord } from '../../../testing/kafka.js';

const renamed = renameJob(moderatedResponses, { name: 'it_mod', topicPrefix: 't1' });
const graph = renamed.compiled.graph;
const record = (topic: string, value: unknown, offset: number): CommittedRecord => ({ topic, key: null, value: JSON.stringify(value), partition: 0, offset: String(offset) });

describe('expectSteps', () => {
  test('resolve declared topics to the test copy\'s topics and sink tables', () => {
    const targets = stepTargets({ moderation: { 'flagged-queries': [{ requestId: 'q1' }] }, answer: { 'llm-responses': [] } }, graph, renamed.topicMap);
    expect(targets.map((t) => [t.step, t.declaredTopic, t.topic, t.table])).toEqual([
      ['moderation', 'flagged-queries', 't1.flagged-queries', 'sink_moderation__kafka1'],
      ['answer', 'llm-responses', 't1.llm-responses', 'sink_answer__kafka'],
    ]);
  });

  test('name what does not exist: a step, or a topic the step does not write', () => {
    expect(() => stepTargets({ summarize: { x: [] } }, graph, renamed.topicMap)).toThrow('expectSteps.summarize: the job has no step "summarize" (steps: moderation, answer)');
    expect(() => stepTargets({ moderation: { 'llm-responses': [] } }, graph, renamed.topicMap))
      .toThrow('expectSteps.moderation["llm-responses"]: step moderation writes no such topic (it writes: query-verdicts, flagged-queries)');
  });

  test('match expected records one-to-one on the fields given; report the missing and the extra', () => {
    const [target] = stepTargets({ moderation: { 'query-verdicts': [{ requestId: 'q1', toxic: false }, { requestId: 'q2', score: 0.5 }, { requestId: 'q2', score: 0.5 }] } }, graph, renamed.topicMap);
    const records = [
      record('t1.query-verdicts', { requestId: 'q2', userId: 'u1', toxic: true, score: 0.5 + 1e-12 }, 0),
      record('t1.query-verdicts', { requestId: 'q1', userId: 'u1', toxic: false, score: 0.01 }, 1),
      record('t1.query-verdicts', { requestId: 'q3', userId: 'u2', toxic: false, score: 0.02 }, 2),
      record('t1.flagged-queries', { requestId: 'q2', userId: 'u1', toxic: true, score: 0.5 }, 0),
      // the runner's flush event goes through the step too: not a record of the test
      record('t1.query-verdicts', { requestId: '__featc_flush__', userId: '__featc_flush__', toxic: false, score: 0.01 }, 3),
    ];
    const mismatches = compareStepRecords([target!], records, 1e-9);
    expect(mismatches).toEqual([
      { kind: 'step-missing', step: 'moderation', topic: 'query-verdicts', expected: { requestId: 'q2', score: 0.5 } },
      { kind: 'step-unexpected', step: 'moderation', topic: 'query-verdicts', actual: { requestId: 'q3', userId: 'u2', toxic: false, score: 0.02 } },
    ]);
    expect(formatMismatches(mismatches)).toEqual([
      'missing: step moderation › topic query-verdicts',
      '    expected requestId="q2", score=0.5, but the step wrote no such record',
      'unexpected: step moderation › topic query-verdicts',
      '    actual requestId="q3", userId="u2", toxic=false, score=0.02, but the test expects no such record',
    ]);
  });

  test('an empty list expects no record at all', () => {
    const [target] = stepTargets({ answer: { 'llm-responses': [] } }, graph, renamed.topicMap);
    expect(compareStepRecords([target!], [record('t1.llm-responses', { requestId: 'q1' }, 0)], 1e-9)).toEqual([
      { kind: 'step-unexpected', step: 'answer', topic: 'llm-responses', actual: { requestId: 'q1' } },
    ]);
    expect(compareStepRecords([target!], [], 1e-9)).toEqual([]);
  });
});
