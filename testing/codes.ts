import { defineCodes } from '../common/error-codes.js';

/** FEATC_E73xx: `featc test` (feature tests run against a cluster), thrown as FeatcErrors. */
export const testingCodes = defineCodes({
  FEATC_E7301: { kind: 'user', summary: 'unknown --reporter', hint: 'use --reporter junit' },
  FEATC_E7303: { kind: 'internal', summary: 'the isolated copy of a job under test has a job name or topic Flink or Kafka would refuse', hint: 'a featc bug (or a run id / tag that is not an identifier): report it with the command you ran' },
  FEATC_E7302: { kind: 'internal', summary: 'the isolated copy of a job under test would use topics outside its prefix', hint: 'a featc bug: testing/isolate.ts does not rename this kind of topic yet; report it with the definition' },
});

export type TestingCode = keyof typeof testingCodes;

declare module '../common/error-codes.js' {
  interface FeatcCodeRegistry { testing: typeof testingCodes }
}
