import { z } from 'zod';
import { count, days, env, hopping, hours, minutes, ratio, add, coalesce, seconds, source, sum } from '../../../dsl/index.js';

const orders = source({
  name: 'orders', topic: 'orders', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), amount: z.number(), country: z.string(), ts: z.number().int() }),
});

describe('dsl', () => {
  test('durations are plain data in milliseconds', () => {
    expect([seconds(2), minutes(5), hours(1), days(1)].map((d) => d.ms)).toEqual([2000, 300_000, 3_600_000, 86_400_000]);
    expect(hopping(minutes(10), minutes(1))).toEqual({ kind: 'hopping', size: { kind: 'duration', ms: 600_000 }, slide: { kind: 'duration', ms: 60_000 } });
  });

  test('where builders record plain predicates', () => {
    const agg = count(orders, { where: (w) => w.or(w.eq('country', 'DE'), w.not(w.in('country', ['FR', 'IT']))) });
    expect(agg.where).toEqual({
      kind: 'or',
      items: [
        { kind: 'compare', op: '=', field: 'country', value: 'DE' },
        { kind: 'not', item: { kind: 'in', field: 'country', values: ['FR', 'IT'] } },
      ],
    });
    expect(sum(orders, 'amount')).toMatchObject({ kind: 'aggregation', fn: 'sum', field: 'amount' });
  });

  test('derived expressions reference features by name', () => {
    expect(coalesce(ratio('a', add('b', 1)), 0).node).toEqual({
      kind: 'coalesce',
      items: [
        { kind: 'ratio', left: { kind: 'feature', name: 'a' }, right: { kind: 'arith', op: '+', left: { kind: 'feature', name: 'b' }, right: { kind: 'literal', value: 1 } } },
        { kind: 'literal', value: 0 },
      ],
    });
  });

  test('env() holds the variable name, never a value', () => {
    expect(env('KAFKA_PASSWORD')).toEqual({ kind: 'secret', env: 'KAFKA_PASSWORD' });
  });
});
