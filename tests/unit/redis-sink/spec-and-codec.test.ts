import { redisOutputsOfJobGraph } from '../../../runtime/redis-sink/spec.js';
import { graphWithOutputs } from '../../support/job-graph.js';
import { decodeFeatureValue, encodeFeatureValue } from '../../../runtime/redis-sink/value-codec.js';
import { FeatureRecordDecoder, UnknownFeaturesError } from '../../../runtime/redis-sink/record-decoder.js';
import { PartitionBatcher } from '../../../runtime/redis-sink/partition-batcher.js';
import { projectPrefix } from '../../../runtime/redis-sink/key-layout.js';

const view = {
  kind: 'redis', view: 'user_stats', topic: 'features.user_stats', entityKey: ['userId'],
  features: [{ name: 'clicks', type: 'bigint', ttlSeconds: 300, default: 0 }, { name: 'geo', type: { row: { city: 'string' } } }],
};

describe('job-graph outputs', () => {
  it('parses the redis outputs of a graph that follows the contract', () => {
    expect(redisOutputsOfJobGraph(graphWithOutputs([view]), 'job-graph.json')).toEqual([view]);
  });

  it('refuses a graph of another schemaVersion, or none, with FEATC_E6006', () => {
    for (const graph of [{ ...graphWithOutputs([view]), schemaVersion: 2 }, {}]) {
      expect(() => redisOutputsOfJobGraph(graph, 'out/job-graph.json')).toThrow(expect.objectContaining({
        code: 'FEATC_E6006', where: 'out/job-graph.json', message: expect.stringMatching(/^job graph schemaVersion (2|missing) is not the version 1 this featc reads$/),
      }));
    }
  });

  it('refuses a Redis-served feature whose name is not an identifier (the rule the compiler applies)', () => {
    const dashed = { ...view, features: [{ name: 'clicks-5m', type: 'bigint' }] };
    expect(() => redisOutputsOfJobGraph(graphWithOutputs([dashed]), 'g')).toThrow(expect.objectContaining({
      code: 'FEATC_E6001', where: 'g › outputs[0].features[0].name', message: expect.stringContaining('feature name "clicks-5m" is not an identifier'),
    }));
  });

  it('names the offending path in a coded error', () => {
    const bad = { ...view, features: [{ name: 'clicks', type: 'decimal' }] };
    expect(() => redisOutputsOfJobGraph(graphWithOutputs([bad]), 'out/job-graph.json')).toThrow(
      expect.objectContaining({ code: 'FEATC_E6001', where: 'out/job-graph.json › outputs[0].features[0].type', message: expect.stringContaining('not a feature value type') }),
    );
    expect(() => redisOutputsOfJobGraph(graphWithOutputs([view, { ...view, view: 'other' }]), 'g')).toThrow(/topic "features.user_stats" is the output of two views/);
  });
});

describe('value codec', () => {
  it.each([
    ['boolean', true, 'true', true],
    ['bigint', 12, '12', 12],
    ['double', 0.1, '0.1', 0.1],
    ['string', 'a:b', 'a:b', 'a:b'],
    ['timestamp', '2024-01-01 12:00:00.250', '1704110400250', new Date(1704110400250)],
    [{ array: 'timestamp' }, [0, '1970-01-01T00:00:01Z'], '[0,1000]', [new Date(0), new Date(1000)]],
    [{ row: { n: 'int', s: 'string' } }, { n: 1 }, '{"n":1,"s":null}', { n: 1, s: null }],
  ] as const)('%j round-trips %j', (type, value, stored, read) => {
    const text = encodeFeatureValue(type, value, 'f');
    expect(text).toBe(stored);
    expect(decodeFeatureValue(type, text as string)).toEqual(read);
  });

  it('rejects values of the wrong type', () => {
    expect(() => encodeFeatureValue('int', 1.5, 'f')).toThrow(/f: expected "int", got 1.5/);
    expect(() => encodeFeatureValue('string', 3, 'f')).toThrow(/expected "string"/);
  });

  it('decodes feature-topic records, taking the entity from the key when the value lacks it', () => {
    const decoder = new FeatureRecordDecoder(redisOutputsOfJobGraph(graphWithOutputs([view]), 'g')[0]!, 'featc');
    const record = decoder.decode({ offset: 3, key: '{"userId":"u:1"}', value: Buffer.from('{"clicks":4,"geo":null,"__as_of_ms":1000}') });
    expect(record).toEqual({ kind: 'value', offset: 3, key: 'featc:user_stats:u%3A1', asOfMs: 1000, windowStartMs: null, expireAtMs: 0, values: ['4', null] });
    expect(decoder.decode({ offset: 4, value: Buffer.from('{"userId":"u1"') })).toMatchObject({ kind: 'bad', offset: 4 });
  });

  it('refuses a record carrying a feature the spec lacks (a newer version of the view) instead of dropping it', () => {
    const decoder = new FeatureRecordDecoder(redisOutputsOfJobGraph(graphWithOutputs([view]), 'g')[0]!, 'featc');
    const newer = { offset: 7, value: Buffer.from('{"userId":"u1","clicks":4,"geo":null,"largest":9,"__as_of_ms":1000,"__window_start_ms":0}') };
    expect(() => decoder.decode(newer)).toThrow(UnknownFeaturesError);
    expect(() => decoder.decode(newer)).toThrow(expect.objectContaining({ offset: 7, fields: ['largest'] }));
    // Entity keys, the as-of and the window start are not features: a current record decodes.
    expect(decoder.decode({ offset: 8, value: Buffer.from('{"userId":"u1","clicks":4,"__as_of_ms":1000,"__window_start_ms":0}') })).toMatchObject({ kind: 'value', values: ['4', null] });
  });

  it('batches a partition up to the first record of a newer view version and reports it; other partitions go on', () => {
    const spec = redisOutputsOfJobGraph(graphWithOutputs([view]), 'g')[0]!;
    const batcher = new PartitionBatcher(new Map([[spec.topic, new FeatureRecordDecoder(spec, 'featc')]]), 2);
    const rec = (partition: number, offset: number, extra = ''): { topic: string; partition: number; offset: number; value: Buffer } => ({
      topic: spec.topic, partition, offset, value: Buffer.from(`{"userId":"u${offset}","clicks":${offset},"__as_of_ms":${offset}${extra}}`),
    });
    const { batches, newer } = batcher.batches([rec(0, 10), rec(0, 11), rec(0, 12), rec(0, 13, ',"largest":1'), rec(0, 14), rec(1, 5)]);
    expect(newer).toEqual([{ topic: spec.topic, partition: 0, offset: 13, fields: ['largest'] }]);
    expect(batches.map((b) => [b.partition, b.prevOffset, b.records.map((r) => r.offset)])).toEqual([[0, -1, [10, 11]], [0, 11, [12]], [1, -1, [5]]]);
  });

  it('gives each project its own default key prefix', () => {
    expect(projectPrefix(undefined)).toBe('featc');
    expect(projectPrefix(null)).toBe('featc');
    expect(projectPrefix('growth')).toBe('featc.growth');
    expect(projectPrefix('risk-team_2')).toBe('featc.risk-team_2');
    expect(projectPrefix('a:b')).toBe('featc.a%3ab');
  });
});
