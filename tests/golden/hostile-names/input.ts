// Names that must compile to valid, harmless SQL: quotes, backticks, SQL keywords, unicode.
import { z } from 'zod';
import { count, env, featureView, job, kafka, lastValue, minutes, ratio, seconds, source, sum, tumbling } from '../../../dsl/index.js';

const events = source({
  name: 'select', topic: 'from.where-group_by', format: 'json', eventTime: 'time', watermarkDelay: seconds(1),
  schema: z.object({ 'user`id': z.string(), "it's": z.number(), 'from': z.string(), 'größe': z.number().int(), time: z.number().int() }),
  properties: { 'sasl.jaas.config': env('KAFKA_JAAS'), 'client.id': "o'brien`s client" },
});

const table = featureView({
  name: 'table',
  entity: ['user`id'],
  sources: [events],
  window: tumbling(minutes(1)),
  features: {
    "o'brien": count(events, { where: (w) => w.eq('from', "'; DROP TABLE x; --") }),
    'x`; DROP TABLE y; --': sum(events, "it's"),
    'select': lastValue(events, 'from'),
    '点击_1m': sum(events, 'größe'),
  },
  derived: { 'ratio "quoted"': ratio("o'brien", '点击_1m') },
  outputs: [kafka({ topic: 'features.table' })],
});

export default job({ name: 'hostile', views: [table] });
