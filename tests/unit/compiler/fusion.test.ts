import { compileJob } from '../../../compiler/index.js';
import { count, featureView, kafka, minutes, redis, sum, tumbling } from '../../../dsl/index.js';
import { clicks, ctrView, impressions, jobOf } from './fixtures.js';

describe('fusion and planning', () => {
  test('features sharing key and window fuse into one operator over a UNION ALL', () => {
    const job = compileJob(jobOf([ctrView()]));
    expect(job.plan.aggregates).toHaveLength(1);
    const [op] = job.graph.operators;
    expect(op).toMatchObject({ id: 'userEngagement__hop_10m_1m', sources: ['clicks', 'impressions'], features: ['clicks_10m', 'impressions_10m', 'spend_10m'], derived: ['ctr_10m'] });
    expect(job.sql.match(/UNION ALL/g)).toHaveLength(1);
    expect(job.sql.match(/GROUP BY/g)).toHaveLength(1);
    expect(job.sql).toContain("COUNT(*) FILTER (WHERE `__source` = 'clicks') AS `clicks_10m`");
    expect(job.sql).toContain("SUM(`clicks__amount`) FILTER (WHERE `__source` = 'clicks') AS `spend_10m`");
  });

  test('different windows become different operators; every view shares one statement set; sources are declared once', () => {
    const second = featureView({
      name: 'clicksPerDoc', entity: ['docId'], sources: [clicks], window: tumbling(minutes(5)),
      features: { n: count(clicks), spend: sum(clicks, 'amount') }, outputs: [redis({ ttl: minutes(5) })],
    });
    const job = compileJob(jobOf([ctrView({ features: { ...ctrView().features, c5: count(clicks, { window: tumbling(minutes(5)) }) }, outputs: [kafka({ topic: 'engagement' })] }), second]));
    expect(job.graph.operators.map((o) => o.id)).toEqual(['userEngagement__hop_10m_1m', 'userEngagement__tumble_5m', 'clicksPerDoc__tumble_5m']);
    expect(job.statements.filter((s) => s.startsWith('CREATE TEMPORARY TABLE `src_clicks__raw`'))).toHaveLength(1);
    expect(job.statements.filter((s) => s.startsWith('EXECUTE STATEMENT SET'))).toHaveLength(1);
    // three feature operators, plus one dead-letter insert per source (clicks, impressions)
    expect(job.statements.at(-1)?.match(/INSERT INTO/g)).toHaveLength(5);
    expect(job.statements.at(-1)?.match(/INSERT INTO `dlq_/g)).toHaveLength(2);
  });

  test('statements come in submission order without trailing semicolons', () => {
    const job = compileJob(jobOf([ctrView()]));
    const kinds = job.statements.map((s) => s.split(/\s+/).slice(0, 3).join(' '));
    expect(kinds[0]).toBe("SET 'pipeline.name' =");
    expect(kinds.at(-1)).toBe('EXECUTE STATEMENT SET');
    expect(job.statements.every((s) => !s.endsWith(';'))).toBe(true);
    expect(job.sql).toContain(`${job.statements.at(-1)};\n`);
  });

  test('redis outputs: exactly-once feature topic sink and an outputs[] entry per CONTRACTS.md', () => {
    const job = compileJob(jobOf([ctrView({ online: { ctr_10m: { default: 0, ttl: minutes(5) } } })]));
    expect(job.graph.outputs).toEqual([{
      kind: 'redis', view: 'userEngagement', topic: 'featc.features.userEngagement', entityKey: ['userId'],
      features: [
        { name: 'clicks_10m', type: 'bigint', ttlSeconds: 1800 },
        { name: 'impressions_10m', type: 'bigint', ttlSeconds: 1800 },
        { name: 'spend_10m', type: 'double', ttlSeconds: 1800 },
        { name: 'ctr_10m', type: 'double', ttlSeconds: 300, default: 0 },
      ],
    }]);
    expect(job.sql).toContain("'sink.delivery-guarantee' = 'exactly-once'");
    expect(job.sql).toContain("'sink.transactional-id-prefix' = 'featc.engagement.userEngagement__hop_10m_1m.redis'");
    expect(job.sql).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  test('sources are read committed, raw, and send malformed or late records to their dead-letter topic', () => {
    const job = compileJob(jobOf([ctrView()]));
    const ddl = job.statements.find((s) => s.startsWith('CREATE TEMPORARY TABLE `src_impressions__raw`')) ?? '';
    expect(ddl).toContain("'properties.isolation.level' = 'read_committed'");
    expect(ddl).toContain("'format' = 'raw'");
    expect(ddl).toContain('WATERMARK FOR `__rowtime` AS `__rowtime` - INTERVAL \'2\' SECOND');
    const wellFormed = job.statements.find((s) => s.startsWith('CREATE TEMPORARY VIEW `src_impressions` AS')) ?? '';
    expect(wellFormed).toMatch(/WHERE `__record`\.`error` IS NULL$/);
    const dlqSink = job.statements.find((s) => s.startsWith('CREATE TEMPORARY TABLE `dlq_impressions`')) ?? '';
    expect(dlqSink).toContain(`'topic' = 'featc.dlq.${job.name}.impressions'`);
    expect(dlqSink).toContain("'sink.delivery-guarantee' = 'exactly-once'");
    expect(job.statements.at(-1)).toContain('FROM `src_impressions__checked`\nWHERE `__record`.`error` IS NOT NULL OR COALESCE(`__rowtime` < CURRENT_WATERMARK(`__rowtime`), FALSE)');
    expect(job.graph.sources.find((s) => s.name === 'impressions')?.deadLetter.topic).toBe(`featc.dlq.${job.name}.impressions`);
    expect(impressions.topic).toBe('impressions');
  });
});
