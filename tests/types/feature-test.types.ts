// Type tests for featureTest(): fixtures are checked against each source's zod schema, expectations
// against the job's views and features. Checked by `npx tsc --noEmit -p tsconfig.json`, never run.
import engagement from '../../jobs/engagement.js';
import moderatedResponses from '../../jobs/moderated-responses.js';
import { featureTest, type FixtureInput, type SourcesOfJob } from '../../dsl/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

type Event = { userId: string; docId: string; ts: number };
export type SourceNames = Expect<Equal<SourcesOfJob<typeof engagement>['name'], 'clicks' | 'impressions'>>;
export type Fixtures = Expect<Equal<Required<FixtureInput<typeof engagement>>, { readonly clicks: readonly Event[]; readonly impressions: readonly Event[] }>>;

const T0 = Date.UTC(2024, 0, 1);

export const ok = featureTest({
  name: 'well-typed',
  job: engagement,
  input: { clicks: [{ userId: 'u1', docId: 'd1', ts: T0 }], impressions: [] },
  expect: { userCtr: [{ entity: { userId: 'u1' }, window: { end: T0 + 60_000 }, values: { clicks_10m: 1, ctr_10m: null } }] },
});

export const wrongField = featureTest({
  name: 'misspelt fixture field',
  job: engagement,
  // @ts-expect-error `user` is not a field of the clicks schema
  input: { clicks: [{ user: 'u1', docId: 'd1', ts: T0 }] },
  expect: {},
});

export const wrongType = featureTest({
  name: 'event time as a string',
  job: engagement,
  // @ts-expect-error `ts` is a number (epoch millis) in the clicks schema
  input: { clicks: [{ userId: 'u1', docId: 'd1', ts: '2024-01-01' }] },
  expect: {},
});

export const unknownSource = featureTest({
  name: 'source the job does not read',
  job: engagement,
  // @ts-expect-error `orders` is not a source of the engagement job
  input: { orders: [] },
  expect: {},
});

export const unknownView = featureTest({
  name: 'view the job does not compute',
  job: engagement,
  input: {},
  // @ts-expect-error `userOrders` is not a view of the engagement job
  expect: { userOrders: [] },
});

export const unknownFeature = featureTest({
  name: 'feature the view does not have',
  job: engagement,
  input: {},
  // @ts-expect-error `clicks_5m` is not a feature of userClickRate
  expect: { userClickRate: [{ entity: { userId: 'u1' }, window: { end: T0 }, values: { clicks_5m: 1 } }] },
});

// Step expectations: per step name and topic, records typed as the step writes them.
export const stepRecords = featureTest({
  name: 'typed step records',
  job: moderatedResponses,
  input: { queries: [] },
  expect: {},
  expectSteps: { moderation: { 'query-verdicts': [{ requestId: 'q1', toxic: false, score: 0.1 }] }, answer: { 'llm-responses': [{ response: 'hi', modelVersion: 'v1' }] } },
});

export const wrongStepField = featureTest({
  name: 'a field the step does not write',
  job: moderatedResponses,
  input: { queries: [] },
  expect: {},
  // @ts-expect-error `verdict` is not a column of the moderation step's records
  expectSteps: { moderation: { 'query-verdicts': [{ verdict: true }] } },
});

export const wrongStepType = featureTest({
  name: 'a step column of the wrong type',
  job: moderatedResponses,
  input: { queries: [] },
  expect: {},
  // @ts-expect-error `toxic` is a boolean
  expectSteps: { moderation: { 'query-verdicts': [{ toxic: 'yes' }] } },
});

export const unknownStep = featureTest({
  name: 'a step the job does not have',
  job: moderatedResponses,
  input: { queries: [] },
  expect: {},
  // @ts-expect-error the job has no step `summarize`
  expectSteps: { summarize: {} },
});
