/**
 * Feature tests of jobs/moderated-responses.ts (`featc test jobs`): queries go through the real
 * moderation step (Flink's ML_PREDICT → featc inference gateway → the deterministic test model server,
 * started by the runner), the verdicts come back through Kafka (stepSource), and `userToxicity`
 * counts them per user over the hour before each verdict.
 *
 * The test model's moderation rule (runtime/model-server/deterministic-answers.ts `moderate`): a text
 * is toxic when one of its lower-cased words is on the blocklist — idiot, stupid, hate, kill, moron,
 * scam, trash (score 0.45 per word, plus a hash jitter of at most 0.05, toxic from 0.45). Every
 * expected value below is counted by hand from the fixtures with that rule.
 */
import { featureTest } from '../dsl/index.js';
import moderatedResponses from './moderated-responses.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (hours: number, minutes: number, seconds = 0): number => T0 + hours * 3_600_000 + minutes * 60_000 + seconds * 1000;
const query = (userId: string, requestId: string, text: string, ts: number) => ({ userId, requestId, text, ts });
/** Per-event (OVER) view: each verdict emits one row, as of its query's event time. */
const asOf = (ts: number): { end: number } => ({ end: ts });

export const toxicityPerUser = featureTest({
  name: 'userToxicity counts each user\'s queries and flagged queries over the hour before each query',
  job: moderatedResponses,
  input: {
    queries: [
      query('u1', 'q1', 'hello there', at(0, 0, 10)), //             clean
      query('u2', 'r1', 'good morning', at(0, 5)), //                clean
      query('u2', 'r2', 'Stupid printer', at(0, 6)), //              toxic (words are lower-cased: "stupid")
      query('u2', 'r3', 'have a nice day', at(0, 7)), //             clean
      query('u1', 'q2', 'you idiot', at(0, 10)), //                  toxic
      query('u3', 's1', 'skill up in typescript', at(0, 10, 30)), // clean: "skill" is not "kill" (words, not substrings)
      query('u3', 's2', 'kill the process', at(0, 10, 29)), //       toxic (the test model only knows a word list); 1 s out of order, within the 2 s delay
      query('u1', 'q3', 'what a scam', at(0, 20)), //                toxic
      query('u1', 'q4', 'thanks for the help', at(1, 15)), //        clean
      query('u1', 'q5', 'i hate mondays', at(2, 30)), //             toxic
    ],
  },
  expect: {
    userToxicity: [
      // u1: q1 → 1 query, 0 flagged; q2 → 2, 1; q3 → 3, 2; q4 at 1:15 looks back to 0:15: q3, q4 → 2, 1;
      // q5 at 2:30 looks back to 1:30: q5 alone → 1, 1. Rate = flagged / queries.
      { entity: { userId: 'u1' }, window: asOf(at(0, 0, 10)), values: { queries_1h: 1, flagged_1h: 0, toxicity_rate_1h: 0 } },
      { entity: { userId: 'u1' }, window: asOf(at(0, 10)), values: { queries_1h: 2, flagged_1h: 1, toxicity_rate_1h: 1 / 2 } },
      { entity: { userId: 'u1' }, window: asOf(at(0, 20)), values: { queries_1h: 3, flagged_1h: 2, toxicity_rate_1h: 2 / 3 } },
      { entity: { userId: 'u1' }, window: asOf(at(1, 15)), values: { queries_1h: 2, flagged_1h: 1, toxicity_rate_1h: 1 / 2 } },
      { entity: { userId: 'u1' }, window: asOf(at(2, 30)), values: { queries_1h: 1, flagged_1h: 1, toxicity_rate_1h: 1 } },
      // u2: r1 → 1, 0; r2 → 2, 1; r3 → 3, 1.
      { entity: { userId: 'u2' }, window: asOf(at(0, 5)), values: { queries_1h: 1, flagged_1h: 0, toxicity_rate_1h: 0 } },
      { entity: { userId: 'u2' }, window: asOf(at(0, 6)), values: { queries_1h: 2, flagged_1h: 1, toxicity_rate_1h: 1 / 2 } },
      { entity: { userId: 'u2' }, window: asOf(at(0, 7)), values: { queries_1h: 3, flagged_1h: 1, toxicity_rate_1h: 1 / 3 } },
      // u3, in event-time order: s2 (0:10:29) → 1, 1; s1 (0:10:30) → 2, 1.
      { entity: { userId: 'u3' }, window: asOf(at(0, 10, 29)), values: { queries_1h: 1, flagged_1h: 1, toxicity_rate_1h: 1 } },
      { entity: { userId: 'u3' }, window: asOf(at(0, 10, 30)), values: { queries_1h: 2, flagged_1h: 1, toxicity_rate_1h: 1 / 2 } },
    ],
  },
});

export const lateQuery = featureTest({
  name: 'a query later than the 2 s watermark delay is moderated but left out of userToxicity, and counted',
  job: moderatedResponses,
  input: {
    queries: [
      query('u1', 'a1', 'hello', at(0, 0, 10)), //     clean
      query('u1', 'a2', 'you moron', at(0, 1)), //     toxic
      query('u1', 'a3', 'fine thanks', at(0, 2)), //   clean; watermark now 0:01:58, so u1's row as of 0:01 has fired
      query('u1', 'a4', 'trash talk', at(0, 0, 30)), // toxic but late: behind u1's last fired row (0:01), dropped
    ],
  },
  expect: {
    userToxicity: [
      // a1 → 1, 0; a2 → 2, 1; a3 → 3, 1 (a4 is not counted, so no 4, 2); a4 emits no row.
      { entity: { userId: 'u1' }, window: asOf(at(0, 0, 10)), values: { queries_1h: 1, flagged_1h: 0, toxicity_rate_1h: 0 } },
      { entity: { userId: 'u1' }, window: asOf(at(0, 1)), values: { queries_1h: 2, flagged_1h: 1, toxicity_rate_1h: 1 / 2 } },
      { entity: { userId: 'u1' }, window: asOf(at(0, 2)), values: { queries_1h: 3, flagged_1h: 1, toxicity_rate_1h: 1 / 3 } },
    ],
  },
  // The steps see every query, the late one too: lateness matters to windows, not to model calls.
  expectSteps: {
    moderation: {
      'query-verdicts': [
        { requestId: 'a1', toxic: false }, { requestId: 'a2', toxic: true }, { requestId: 'a3', toxic: false }, { requestId: 'a4', toxic: true, text: 'trash talk' },
      ],
      'flagged-queries': [{ requestId: 'a2', userId: 'u1' }, { requestId: 'a4', userId: 'u1' }],
    },
    // Only the clean queries reach the LLM.
    answer: { 'llm-responses': [{ requestId: 'a1', userId: 'u1', ts: at(0, 0, 10) }, { requestId: 'a3', userId: 'u1', ts: at(0, 2) }] },
  },
  // a4 is dead-lettered as late twice: by queries, and its verdict by verdicts (the stepSource userToxicity reads).
  lateRecordsDropped: 2,
});
