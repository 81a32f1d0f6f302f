import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedTargetConfig } from '../../../config/load-config.js';
import {
  ENDPOINT_LAYERS, ENDPOINTS, localStackUrls, resolveEnvironment, type EndpointLayer, type EndpointName, type EnvironmentOptions, type LocalStackUrls,
} from '../../../flink-deploy/environment.js';
import { resolveTarget, targetOf } from '../../../flink-deploy/target.js';

// README › Endpoints and precedence: flag > featc.config target > FEATC_* variable > running local stack > default.
const NAMES: readonly EndpointName[] = ['flinkUrl', 'gatewayUrl', 'kafkaBootstrap', 'redisUrl', 'inferenceGatewayUrl'];
const DEFAULTS: Partial<Record<EndpointName, string>> = { kafkaBootstrap: '127.0.0.1:9092', redisUrl: 'redis://127.0.0.1:6380' };

/** Every layer that can name `name` names it with its own value, from `winner` down (layers above `winner` say nothing). */
function layersFrom(name: EndpointName, winner: EndpointLayer): EnvironmentOptions {
  const spec = ENDPOINTS[name];
  const below = ENDPOINT_LAYERS.slice(ENDPOINT_LAYERS.indexOf(winner));
  const has = (l: EndpointLayer): boolean => below.includes(l);
  const stack: LocalStackUrls = spec.stack && has('local-stack') ? { [spec.stack]: `stack-${name}` } : {};
  return {
    flags: spec.flag && has('flag') ? { [spec.flag]: `flag-${name}` } : {},
    configured: has('target') ? { name: 'staging', [name]: `target-${name}` } as ResolvedTargetConfig : undefined,
    env: has('env') ? { [spec.envVar]: `env-${name}` } : {},
    localStack: () => stack,
  };
}

/** What `name` resolves to when every layer from `winner` down names it. */
function expected(name: EndpointName, winner: EndpointLayer): { value: string; from: EndpointLayer } | undefined {
  const spec = ENDPOINTS[name];
  const layers = ENDPOINT_LAYERS.slice(ENDPOINT_LAYERS.indexOf(winner));
  const first = layers.find((l) => (l === 'flag' ? spec.flag !== undefined : l === 'local-stack' ? spec.stack !== undefined : l === 'default' ? DEFAULTS[name] !== undefined : true));
  if (first === undefined) return undefined;
  const value = { flag: `flag-${name}`, target: `target-${name}`, env: `env-${name}`, 'local-stack': `stack-${name}`, default: DEFAULTS[name] ?? '' }[first];
  return { value, from: first };
}

describe('resolveEnvironment: one precedence for every endpoint', () => {
  const cases = NAMES.flatMap((name) => ENDPOINT_LAYERS.map((layer) => [name, layer] as const));

  it.each(cases)('%s from the %s layer wins over every layer below it', async (name, layer) => {
    const e = await resolveEnvironment(layersFrom(name, layer));
    const want = expected(name, layer);
    if (want === undefined) expect(e[name]).toBeUndefined();
    else expect(e[name]).toMatchObject(want);
  });

  it('names where each value came from, for messages and --json', async () => {
    const e = await resolveEnvironment({
      flags: { redis: 'redis://flag:1' }, configured: { name: 'staging', kafkaBootstrap: 'k:9092' }, env: { FEATC_FLINK_URL: 'http://jm:8081' },
      localStack: () => ({ gatewayUrl: 'http://127.0.0.1:8083' }),
    });
    expect(e).toEqual({
      flinkUrl: { value: 'http://jm:8081', from: 'env', source: 'FEATC_FLINK_URL' },
      gatewayUrl: { value: 'http://127.0.0.1:8083', from: 'local-stack', source: 'the local stack (featc local up)' },
      kafkaBootstrap: { value: 'k:9092', from: 'target', source: 'target staging › kafkaBootstrap' },
      redisUrl: { value: 'redis://flag:1', from: 'flag', source: '--redis' },
      restTimeoutMs: { value: 30_000, from: 'default', source: 'the default' },
      target: 'staging',
    });
  });

  it.each([
    ['flag', { flags: { restTimeout: '100' }, configured: { name: 't', restTimeoutMs: 200 }, env: { FEATC_REST_TIMEOUT_MS: '300' } }, 100],
    ['target', { configured: { name: 't', restTimeoutMs: 200 }, env: { FEATC_REST_TIMEOUT_MS: '300' } }, 200],
    ['env', { configured: undefined, env: { FEATC_REST_TIMEOUT_MS: '300' } }, 300],
    ['default', { configured: undefined, env: {} }, 30_000],
  ] as const)('the REST timeout from the %s layer', async (from, opts, value) => {
    expect((await resolveEnvironment({ ...opts, localStack: () => ({}) })).restTimeoutMs).toMatchObject({ value, from });
  });

  it('refuses a REST timeout that is not a positive whole number, naming where it came from', async () => {
    await expect(resolveEnvironment({ configured: undefined, env: { FEATC_REST_TIMEOUT_MS: 'soon' }, localStack: () => ({}) })).rejects.toMatchObject({
      code: 'FEATC_E7105', message: 'FEATC_REST_TIMEOUT_MS must be a positive number of milliseconds, got "soon"',
    });
  });

  it('empty values do not count: an empty FEATC_REDIS_URL falls through to the local stack', async () => {
    const e = await resolveEnvironment({ configured: undefined, env: { FEATC_REDIS_URL: '' }, localStack: () => ({ redisUrl: 'redis://127.0.0.1:6390' }) });
    expect(e.redisUrl).toMatchObject({ value: 'redis://127.0.0.1:6390', from: 'local-stack' });
  });
});

describe('the local stack layer and the defaults (sink and get default to the local stack\'s Redis port)', () => {
  const saved = process.env.FEATC_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.FEATC_HOME;
    else process.env.FEATC_HOME = saved;
  });

  it('without a running stack: Redis on 6380 (where `featc local up` puts it, not 6379), Kafka on 9092, no Flink', async () => {
    process.env.FEATC_HOME = mkdtempSync(join(tmpdir(), 'featc-no-stack-'));
    const e = await resolveEnvironment({ configured: undefined, env: {} });
    expect(e.redisUrl).toEqual({ value: 'redis://127.0.0.1:6380', from: 'default', source: 'the default (the local stack\'s port)' });
    expect(e.kafkaBootstrap).toMatchObject({ value: '127.0.0.1:9092', from: 'default' });
    expect(e.flinkUrl).toBeUndefined();
    expect(e.gatewayUrl).toBeUndefined();
  });

  it('reads the running services from the stack\'s state file (live pids only; an external Redis counts)', () => {
    const home = mkdtempSync(join(tmpdir(), 'featc-stack-'));
    process.env.FEATC_HOME = home;
    const rec = (url: string, pid: number) => ({ pid, url, log: '/dev/null', startedAt: '2025-01-01T00:00:00Z' });
    writeFileSync(join(home, 'stack.json'), JSON.stringify({
      services: { jobmanager: rec('http://127.0.0.1:18081', process.pid), sqlGateway: rec('http://127.0.0.1:18083', 2 ** 22 + 12345), kafka: rec('127.0.0.1:19092', process.pid) },
      external: { redisUrl: 'redis://10.0.0.5:6379' },
    }));
    expect(localStackUrls()).toEqual({ flinkUrl: 'http://127.0.0.1:18081', kafkaBootstrap: '127.0.0.1:19092', redisUrl: 'redis://10.0.0.5:6379' });
  });
});

describe('resolveTarget on top of resolveEnvironment', () => {
  const none = (): LocalStackUrls => ({});

  it('takes the JobManager and the SQL Gateway from one place', async () => {
    await expect(resolveTarget({ configured: { name: 'staging', flinkUrl: 'http://jm:8081', kafkaBootstrap: 'k:9092' }, env: { FEATC_SQL_GATEWAY_URL: 'http://gw:8083' }, localStack: none }))
      .rejects.toMatchObject({ code: 'FEATC_E7103', message: expect.stringContaining('must come from the same place') });
    await expect(resolveTarget({ configured: undefined, env: { FEATC_FLINK_URL: 'http://jm:8081' }, localStack: () => ({ gatewayUrl: 'http://127.0.0.1:8083' }) }))
      .rejects.toMatchObject({ code: 'FEATC_E7103' });
  });

  it('a cluster\'s Kafka comes from a flag or the place that named the cluster: an exported FEATC_KAFKA_BOOTSTRAP never completes a target', async () => {
    const configured = { name: 'staging', flinkUrl: 'http://jm:8081', gatewayUrl: 'http://gw:8083' };
    await expect(resolveTarget({ configured, env: { FEATC_KAFKA_BOOTSTRAP: '127.0.0.1:9092' }, localStack: none })).rejects.toMatchObject({
      code: 'FEATC_E7102', message: 'the target (config) names Flink but not Kafka (127.0.0.1:9092 (from FEATC_KAFKA_BOOTSTRAP) is not used for it)',
      hint: 'add kafkaBootstrap to the target in featc.config.ts, or pass --kafka <bootstrap>',
    });
    await expect(resolveTarget({ configured, env: {}, localStack: () => ({ kafkaBootstrap: '127.0.0.1:9092' }) })).rejects.toMatchObject({ code: 'FEATC_E7102' });
    expect(await resolveTarget({ configured, kafka: 'flag-kafka:9092', env: { FEATC_KAFKA_BOOTSTRAP: '127.0.0.1:9092' }, localStack: none }))
      .toEqual({ flinkUrl: 'http://jm:8081', gatewayUrl: 'http://gw:8083', kafkaBootstrap: 'flag-kafka:9092', from: 'config', name: 'staging' });
    const byEnv = { FEATC_FLINK_URL: 'http://env-jm:8081', FEATC_SQL_GATEWAY_URL: 'http://env-gw:8083', FEATC_KAFKA_BOOTSTRAP: 'env:9092' };
    expect(await resolveTarget({ configured: undefined, env: byEnv, localStack: none })).toMatchObject({ kafkaBootstrap: 'env:9092', from: 'env' });
  });

  it('a local cluster reads the local stack\'s Kafka, whatever a target or FEATC_KAFKA_BOOTSTRAP names, unless --kafka names another', async () => {
    const environment = {
      flinkUrl: { value: 'http://127.0.0.1:8081', from: 'local-stack', source: 'the local stack' },
      gatewayUrl: { value: 'http://127.0.0.1:8083', from: 'local-stack', source: 'the local stack' },
      kafkaBootstrap: { value: 'prod-kafka:9092', from: 'env', source: 'FEATC_KAFKA_BOOTSTRAP' },
      redisUrl: { value: 'redis://127.0.0.1:6380', from: 'default', source: 'the default' },
      restTimeoutMs: { value: 30_000, from: 'default', source: 'the default' },
    } as const;
    const local = { kafka: () => '127.0.0.1:9092', clusterHealthy: async () => true };
    expect(await targetOf(environment, undefined, local)).toMatchObject({ kafkaBootstrap: '127.0.0.1:9092', from: 'local-stack' });
    expect(await targetOf({ ...environment, kafkaBootstrap: { value: 'other:9092', from: 'flag', source: '--kafka' } }, undefined, local))
      .toMatchObject({ kafkaBootstrap: 'other:9092' });
    await expect(targetOf(environment, undefined, { ...local, clusterHealthy: async () => false })).rejects.toMatchObject({ code: 'FEATC_E7104' });
  });

  it('the target wins over FEATC_* variables, endpoint by endpoint', async () => {
    const env = { FEATC_FLINK_URL: 'http://env-jm:8081', FEATC_SQL_GATEWAY_URL: 'http://env-gw:8083', FEATC_KAFKA_BOOTSTRAP: 'env:9092', FEATC_REST_TIMEOUT_MS: '1000' };
    const t = await resolveTarget({ configured: { name: 'prod', flinkUrl: 'http://jm:8081/', gatewayUrl: 'http://gw:8083', kafkaBootstrap: 'k:9092', restTimeoutMs: 5000 }, env, localStack: none });
    expect(t).toEqual({ flinkUrl: 'http://jm:8081', gatewayUrl: 'http://gw:8083', kafkaBootstrap: 'k:9092', from: 'config', name: 'prod', restTimeoutMs: 5000 });
  });
});
