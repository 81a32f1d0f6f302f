import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../../flink-deploy/k8s/index.js';
import { flinkConfig } from '../../../flink-deploy/local/configs.js';
import { resolveStackOptions } from '../../../flink-deploy/local/options.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';
import { createGatewayMetrics } from '../../../runtime/inference-gateway/gateway-metrics.js';
import { SinkMetrics } from '../../../runtime/redis-sink/sink-metrics.js';

const dir = join('examples', 'prometheus');
interface Rule { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
const config = parseYaml(readFileSync(join(dir, 'prometheus.yml'), 'utf8')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
};
const rules = (parseYaml(readFileSync(join(dir, 'alerts.yml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

/**
 * Flink metrics as its Prometheus reporter names them (`flink_<scope>_<name>`), as read from the
 * reporter of Flink 2.2.0 with a Kafka source and an exactly-once Kafka sink running (JobManager
 * job scope, and TaskManager task/operator scope); see the Flink docs "Metrics › System metrics".
 */
const FLINK_METRICS = new Set([
  'flink_jobmanager_numRunningJobs', 'flink_jobmanager_numRegisteredTaskManagers', 'flink_jobmanager_taskSlotsAvailable',
  'flink_jobmanager_job_runningTime', 'flink_jobmanager_job_restartingTime', 'flink_jobmanager_job_uptime', 'flink_jobmanager_job_numRestarts',
  'flink_jobmanager_job_numberOfCompletedCheckpoints', 'flink_jobmanager_job_numberOfFailedCheckpoints', 'flink_jobmanager_job_numberOfInProgressCheckpoints',
  'flink_jobmanager_job_lastCheckpointDuration', 'flink_jobmanager_job_lastCheckpointSize', 'flink_jobmanager_job_lastCheckpointCompletedTimestamp',
  'flink_taskmanager_job_task_operator_pendingRecords', 'flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max',
  'flink_taskmanager_job_task_operator_currentInputWatermark', 'flink_taskmanager_job_task_operator_currentOutputWatermark',
  'flink_taskmanager_job_task_operator_currentEmitEventTimeLag', 'flink_taskmanager_job_task_operator_numLateRecordsDropped',
  'flink_taskmanager_job_task_operator_numRecordsIn', 'flink_taskmanager_job_task_operator_numRecordsOut', 'flink_taskmanager_job_task_operator_numRecordsOutErrors',
  'flink_taskmanager_job_task_isBackPressured', 'flink_taskmanager_job_task_backPressuredTimeMsPerSecond',
]);

/** Metric names featc's own components export: what their /metrics endpoints render (# TYPE lines). */
function exportedNames(text: string): string[] {
  return [...text.matchAll(/^# TYPE (\S+) (counter|gauge|histogram)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name as string]));
}
const SINK_METRICS = new Set(exportedNames(new SinkMetrics().render()));
const GATEWAY_METRICS = new Set(exportedNames(createGatewayMetrics().registry.render()));

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
/** Metric names an expression selects: identifiers that are not functions, keywords, labels or durations. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/(?<![\w.:])([A-Za-z_:][\w:]*)(?![\w:])(?!\s*\()/g)].map((m) => m[1] as string).filter((n) => !KEYWORDS.has(n.toLowerCase()));
}

describe('examples/prometheus', () => {
  test('featc components export the families the alerts rely on (the extraction works)', () => {
    expect([...SINK_METRICS]).toEqual(expect.arrayContaining(['featc_redis_sink_records_total', 'featc_redis_sink_lag_offsets', 'featc_redis_sink_retries_total']));
    expect([...GATEWAY_METRICS]).toEqual(expect.arrayContaining(['featc_gateway_breaker_state', 'featc_gateway_budget_rejections_total', 'featc_gateway_request_duration_seconds_bucket']));
    expect(metricNames('sum by (job_name, le) (rate(x_total{a="b:c"}[5m])) / on (i) y > 0.5 and z offset 5m')).toEqual(['x_total', 'y', 'z']);
  });

  test('every metric in an alert expression is exported by Flink\'s reporter, the Redis sink or the gateway', () => {
    const scrapeJobs = new Set(config.scrape_configs.map((s) => s.job_name));
    const unknown: string[] = [];
    for (const rule of rules) {
      const names = metricNames(rule.expr);
      expect({ alert: rule.alert, names: names.length > 0 }).toEqual({ alert: rule.alert, names: true });
      for (const name of names) {
        if (name === 'up') {
          const job = /up\{job="([^"]+)"\}/.exec(rule.expr)?.[1];
          if (job === undefined || !scrapeJobs.has(job)) unknown.push(`${rule.alert}: up without a scrape job of prometheus.yml`);
        } else if (!FLINK_METRICS.has(name) && !SINK_METRICS.has(name) && !GATEWAY_METRICS.has(name)) {
          unknown.push(`${rule.alert}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  test('the rules cover what operators page on, each with a severity and a summary', () => {
    const alerts = new Map(rules.map((r) => [r.alert, r]));
    const covering = (re: RegExp) => rules.filter((r) => re.test(r.expr)).map((r) => r.alert);
    expect(covering(/flink_jobmanager_job_runningTime/)).toContain('FeatcFlinkJobNotRunning');
    expect(covering(/numRestarts/)).toEqual(['FeatcFlinkJobRestarting']);
    expect(covering(/numberOfFailedCheckpoints|lastCheckpointDuration|numberOfCompletedCheckpoints/).length).toBe(3);
    expect(covering(/pendingRecords|featc_redis_sink_lag_offsets/).length).toBe(2);
    expect(covering(/currentInputWatermark/)).toEqual(['FeatcFeatureFreshness']);
    expect(covering(/up\{job="featc-redis-sink"\}|featc_redis_sink_retries_total/).length).toBe(2);
    expect(covering(/outcome="bad"|dlq_/).length).toBe(2);
    expect(covering(/featc_gateway_breaker_state|featc_gateway_budget_rejections_total/).length).toBe(2);
    for (const [name, r] of alerts) {
      expect({ name, severity: r.labels?.severity, summary: typeof r.annotations?.summary }).toEqual({ name, severity: expect.stringMatching(/^(critical|warning|info)$/), summary: 'string' });
      if (r.for !== undefined) expect(r.for).toMatch(/^\d+[smh]$/);
    }
    expect(alerts.size).toBe(rules.length);
  });

  test('prometheus.yml loads alerts.yml and scrapes every port of the local stack\'s Flink reporter range, the sink and the gateway', () => {
    expect(config.rule_files).toEqual(['alerts.yml']);
    const range = String(flinkConfig(stackPaths('/tmp/featc-home', '/tmp/featc-cache'), resolveStackOptions({}, {}))['metrics.reporter.prom.port']);
    const [from, to] = range.split('-').map(Number) as [number, number];
    const flink = config.scrape_configs.find((s) => s.job_name === 'flink')?.static_configs.flatMap((c) => c.targets) ?? [];
    expect(flink).toEqual(Array.from({ length: to - from + 1 }, (_, i) => `127.0.0.1:${from + i}`));
    expect(config.scrape_configs.find((s) => s.job_name === 'featc-inference-gateway')).toMatchObject({ metrics_path: '/metrics', static_configs: [{ targets: ['127.0.0.1:8090'] }] });
    expect(config.scrape_configs.find((s) => s.job_name === 'featc-redis-sink')?.static_configs[0]?.targets).toEqual(['127.0.0.1:9464']);
  });
});
