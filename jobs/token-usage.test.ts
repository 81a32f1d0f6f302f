/** Feature tests of jobs/token-usage.ts (`featc test jobs`): per-model token sums per 1-minute window. */
import { featureTest } from '../dsl/index.js';
import tokenUsageJob from './token-usage.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (minutes: number, seconds = 0): number => T0 + minutes * 60_000 + seconds * 1000;
const minute = (m: number): { start: number; end: number } => ({ start: at(m), end: at(m + 1) });
const response = (requestId: string, model: string, promptTokens: number, completionTokens: number, ts: number) => ({ requestId, model, promptTokens, completionTokens, ts });

export const sumsPerMinute = featureTest({
  name: 'tokenUsage sums prompt and completion tokens per model and minute, an out-of-order response included',
  job: tokenUsageJob,
  input: {
    modelResponses: [
      response('r1', 'model-a', 10, 20, at(0, 5)),
      response('r2', 'model-b', 1, 2, at(0, 10)),
      response('r3', 'model-a', 5, 7, at(0, 30)),
      response('r4', 'model-a', 4, 6, at(1, 0.5)),
      response('r5', 'model-a', 2, 3, at(0, 59)), // 1.5 s behind r4: within the 2 s delay, so in the first minute
    ],
  },
  expect: {
    tokenUsage: [
      { entity: { model: 'model-a' }, window: minute(0), values: { prompt_tokens_1m: 17, completion_tokens_1m: 30, responses_1m: 3 } },
      { entity: { model: 'model-b' }, window: minute(0), values: { prompt_tokens_1m: 1, completion_tokens_1m: 2, responses_1m: 1 } },
      { entity: { model: 'model-a' }, window: minute(1), values: { prompt_tokens_1m: 4, completion_tokens_1m: 6, responses_1m: 1 } },
    ],
  },
  lateRecordsDropped: 0,
});

export const modelsApart = featureTest({
  name: 'tokenUsage sums each model apart, and a minute without responses emits no row',
  job: tokenUsageJob,
  input: {
    modelResponses: [
      response('r1', 'model-a', 100, 200, at(0, 1)),
      response('r2', 'model-b', 7, 9, at(0, 2)),
      response('r3', 'model-b', 3, 1, at(0, 59)),
      // Minute 1: no responses, so no row for either model.
      response('r4', 'model-a', 50, 60, at(2, 30)),
      response('r5', 'model-b', 11, 12, at(2, 31)),
    ],
  },
  expect: {
    tokenUsage: [
      { entity: { model: 'model-a' }, window: minute(0), values: { prompt_tokens_1m: 100, completion_tokens_1m: 200, responses_1m: 1 } },
      { entity: { model: 'model-b' }, window: minute(0), values: { prompt_tokens_1m: 10, completion_tokens_1m: 10, responses_1m: 2 } },
      { entity: { model: 'model-a' }, window: minute(2), values: { prompt_tokens_1m: 50, completion_tokens_1m: 60, responses_1m: 1 } },
      { entity: { model: 'model-b' }, window: minute(2), values: { prompt_tokens_1m: 11, completion_tokens_1m: 12, responses_1m: 1 } },
    ],
  },
  lateRecordsDropped: 0,
});
