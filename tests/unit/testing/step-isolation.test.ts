import { compileJob } from '../../../compiler/index.js';
import { featureTest, gateway } from '../../../dsl/index.js';
import moderatedResponses, { moderation } from '../../../jobs/moderated-responses.js';
import { fedSourcesOf, fixtureEvents } from '../../../testing/fixtures.js';
import { isolateJob } from '../../../testing/isolate.js';
import { stepFedTimes } from '../../../testing/step-chain.js';

const p = (topic: string): string => `featc-test.run1_2.${topic}`;

describe('featc test: jobs with inference steps', () => {
  test('the copy renames step outputs and the stepSource reading them, so the chain stays on private topics', () => {
    const iso = isolateJob(moderatedResponses, 'run1', 2);
    const job = iso.compiled;
    expect(job.graph.sources.map((s) => [s.name, s.topic])).toEqual([['queries', p('user-queries')], ['verdicts', p('query-verdicts')]]);
    expect(job.graph.steps.map((s) => [s.name, s.sinks.map((k) => k.topic)])).toEqual([
      ['moderation', [p('query-verdicts'), p('flagged-queries')]], ['answer', [p('llm-responses')]],
    ]);
    expect([...iso.topics].sort()).toEqual([
      p('featc.dlq.moderatedResponses.queries'), p('featc.dlq.moderatedResponses.verdicts'),
      p('featc.features.userToxicity'), p('flagged-queries'), p('llm-responses'), p('query-verdicts'), p('user-queries'),
    ]);
    expect(job.graph.steps.flatMap((s) => s.sinks.map((k) => k.transactionalIdPrefix)).every((t) => t.startsWith('featc.featc_test_run1_2_moderatedResponses.'))).toBe(true);
    expect(job.sql).not.toMatch(/'topic' = '(user-queries|query-verdicts|flagged-queries|llm-responses)'/);
    // The endpoint keeps its ${env:…} placeholder: the runner sets FEATC_INFERENCE_GATEWAY to the test gateway.
    expect(job.graph.steps.map((s) => s.endpoint)).toEqual([
      '${env:FEATC_INFERENCE_GATEWAY}/steps/moderation/v1/chat/completions', '${env:FEATC_INFERENCE_GATEWAY}/steps/answer/v1/chat/completions',
    ]);
    // The original definitions are untouched.
    expect(compileJob(moderatedResponses).graph.sources.map((s) => s.topic)).toEqual(['user-queries', 'query-verdicts']);
  });

  test('a literal model endpoint is replaced in the copy, so a test never calls the model it names', () => {
    const literal = { ...moderatedResponses, steps: [{ ...moderation, model: { ...moderation.model, endpoint: 'https://api.example.com/v1/chat/completions' } }] };
    const iso = isolateJob({ ...literal, views: [] }, 'run1', 2, () => gateway('http://127.0.0.1:4242'));
    expect(iso.compiled.graph.steps[0]?.endpoint).toBe('http://127.0.0.1:4242/steps/moderation/v1/chat/completions');
  });

  test('fixtures go to the steps\' sources; the verdicts\' event time follows the queries\' ts', () => {
    expect([...fedSourcesOf(moderatedResponses).keys()]).toEqual(['queries']);
    expect(Object.fromEntries(stepFedTimes(moderatedResponses))).toEqual({ verdicts: { root: 'queries', field: 'ts' } });
    const bad = featureTest({ name: 't', job: moderatedResponses, expect: {}, input: { verdicts: [{}] } as never });
    expect(() => fixtureEvents(bad)).toThrow(/input\.verdicts: 'verdicts' holds the answers of step moderation; give fixtures to its source 'queries' instead/);
  });

  test('a view over a filtered step output cannot be driven, and says why', () => {
    const flagged = { ...moderatedResponses.views[0], sources: [{ ...moderatedResponses.views[0]!.sources[0]!, topic: 'flagged-queries' }] };
    expect(() => stepFedTimes({ ...moderatedResponses, views: [flagged as never], steps: [moderation] })).toThrow(/step moderation filters what it writes to flagged-queries/);
  });
});
