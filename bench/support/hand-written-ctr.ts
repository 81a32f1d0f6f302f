import { KAFKA_BOOTSTRAP } from '../../contracts/index.js';

/**
 * userCtr as a Flink SQL expert writes it by hand: one HOP window over a UNION ALL of clicks and
 * impressions, COUNT(*) FILTER per source, the same watermark, checkpointing and exactly-once sink.
 */
export function handWrittenCtrSql(o: { run: string; clicks: string; impressions: string; out: string; checkpointSeconds: number }): string[] {
  const source = (name: string, topic: string) => `CREATE TEMPORARY TABLE ${name} (
  userId STRING, docId STRING, ts BIGINT,
  rt AS TO_TIMESTAMP_LTZ(ts, 3),
  WATERMARK FOR rt AS rt - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'properties.group.id' = '${o.run}.${name}', 'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset', 'scan.watermark.idle-timeout' = '5 s', 'format' = 'json')`;
  return [
    `SET 'pipeline.name' = '${o.run}_ctr_hand'`,
    "SET 'parallelism.default' = '1'",
    `SET 'execution.checkpointing.interval' = '${o.checkpointSeconds} s'`,
    "SET 'table.local-time-zone' = 'UTC'",
    source('clicks', o.clicks),
    source('impressions', o.impressions),
    `CREATE TEMPORARY TABLE ctr (userId STRING, clicks_10m BIGINT, impressions_10m BIGINT, ctr_10m DOUBLE, window_end TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = '${o.out}', 'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
  'key.format' = 'json', 'key.fields' = 'userId', 'value.format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${o.run}.ctr_hand',
  'properties.transaction.timeout.ms' = '900000')`,
    `CREATE TEMPORARY VIEW interactions AS
SELECT 'c' AS kind, userId, rt FROM clicks
UNION ALL
SELECT 'i' AS kind, userId, rt FROM impressions`,
    `INSERT INTO ctr
SELECT userId, clicks_10m, impressions_10m, CAST(clicks_10m AS DOUBLE) / NULLIF(impressions_10m, 0), window_end
FROM (
  SELECT userId, window_end,
    COUNT(*) FILTER (WHERE kind = 'c') AS clicks_10m,
    COUNT(*) FILTER (WHERE kind = 'i') AS impressions_10m
  FROM TABLE(HOP(TABLE interactions, DESCRIPTOR(rt), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))
  GROUP BY window_start, window_end, userId
)`,
  ];
}
