/** Feature tests of jobs/conversation.ts (`featc test jobs`): the last turns per user over a 30-minute OVER window. */
import { featureTest } from '../dsl/index.js';
import conversation from './conversation.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (minutes: number, seconds = 0): number => T0 + minutes * 60_000 + seconds * 1000;
const turn = (userId: string, requestId: string, text: string, ts: number) => ({ userId, requestId, text, ts });
/** Per-event window: each turn emits one row, as of its own event time. */
const asOf = (ts: number): { end: number } => ({ end: ts });

export const lastTurns = featureTest({
  name: 'conversationContext emits, per turn, the turns of the preceding 30 minutes in event-time order',
  job: conversation,
  input: {
    userQueries: [
      turn('u1', 'q1', 'hi', at(0, 10)),
      turn('u2', 'q2', 'yo', at(0, 30)),
      turn('u1', 'q3', 'how are you', at(1, 0)),
      turn('u1', 'q4', 'oops', at(0, 59)), // 1 s out of order: emitted before q3, and part of q3's context
      turn('u1', 'q5', 'again', at(40, 0)), // the earlier turns are more than 30 minutes old
    ],
  },
  expect: {
    conversationContext: [
      { entity: { userId: 'u1' }, window: asOf(at(0, 10)), values: { last_turns: ['hi'], turns_30m: 1 } },
      { entity: { userId: 'u2' }, window: asOf(at(0, 30)), values: { last_turns: ['yo'], turns_30m: 1 } },
      { entity: { userId: 'u1' }, window: asOf(at(0, 59)), values: { last_turns: ['hi', 'oops'], turns_30m: 2 } },
      { entity: { userId: 'u1' }, window: asOf(at(1, 0)), values: { last_turns: ['hi', 'oops', 'how are you'], turns_30m: 3 } },
      { entity: { userId: 'u1' }, window: asOf(at(40, 0)), values: { last_turns: ['again'], turns_30m: 1 } },
    ],
  },
});

const texts = Array.from({ length: 12 }, (_, i) => `turn ${i + 1}`);

export const lastTenTurns = featureTest({
  name: 'conversationContext keeps only the last 10 turns, while turns_30m counts every turn of the 30 minutes',
  job: conversation,
  input: {
    // One turn per minute: all 12 stay within 30 minutes of each other.
    userQueries: texts.map((text, i) => turn('u1', `q${i + 1}`, text, at(i, 5))),
  },
  expect: {
    conversationContext: texts.map((_, i) => ({
      entity: { userId: 'u1' },
      window: asOf(at(i, 5)),
      values: { last_turns: texts.slice(Math.max(0, i + 1 - 10), i + 1), turns_30m: i + 1 },
    })),
  },
});
