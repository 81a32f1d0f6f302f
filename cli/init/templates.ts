/** The files `featc init` writes into a new team repository. */
export interface ScaffoldOptions {
  /** package.json `name`. */
  name: string;
  /** The featc dependency: a semver range, or a tarball / folder path. */
  featcSpec: string;
}

export function scaffoldFiles(o: ScaffoldOptions): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({
      name: o.name,
      private: true,
      type: 'module',
      scripts: { compile: 'featc compile', check: 'featc compile --check && tsc --noEmit', test: 'featc test', plan: 'featc plan' },
      dependencies: { featc: o.featcSpec, zod: '^4.1.0' },
      devDependencies: { '@types/node': '^20.19.0', typescript: '^5.9.3' },
    }, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true, types: ['node'],
      },
      include: ['features', 'featc.config.ts'],
    }, null, 2)}\n`,
    'featc.config.ts': CONFIG,
    'features/clicks.ts': FEATURES,
    'features/clicks.test.ts': FEATURE_TEST,
    '.gitignore': 'node_modules/\n',
    '.github/workflows/featc.yml': WORKFLOW,
  };
}

const CONFIG = `import { defineConfig } from 'featc';

export default defineConfig({
  // The owner of the jobs this repository deploys.
  project: 'my-team',
  definitions: ['features/'],
  outDir: 'compiled',
  targets: {
    // \`featc local up\` runs Flink, Kafka and Redis on this machine; an empty target uses them.
    local: {},
    // staging: {
    //   flinkUrl: 'http://flink-jobmanager.staging:8081',
    //   gatewayUrl: 'http://flink-sql-gateway.staging:8083',
    //   kafkaBootstrap: 'kafka.staging:9092',
    //   redisUrl: env('STAGING_REDIS_URL'),   // import { env } from 'featc'
    // },
  },
});
`;

const FEATURES = `/**
 * Clicks per user over tumbling 1-minute windows, served from Redis.
 * Events { userId, itemId, ts } (ts in epoch milliseconds) on the Kafka topic \`clicks\`.
 */
import { z } from 'zod';
import { count, featureView, job, minutes, redis, seconds, source, tumbling } from 'featc';

export const clicks = source({
  name: 'clicks',
  topic: 'clicks',
  schema: z.object({ userId: z.string(), itemId: z.string(), ts: z.number().int() }),
  eventTime: 'ts',
  watermarkDelay: seconds(2),
  key: ['userId'],
  format: 'json',
});

export const userClicks = featureView({
  name: 'userClicks',
  entity: ['userId'],
  sources: [clicks],
  window: tumbling(minutes(1)),
  features: { clicks_1m: count(clicks) },
  online: { clicks_1m: { default: 0 } },
  outputs: [redis({ ttl: minutes(30) })],
});

export default job({ name: 'clicks', views: [userClicks], parallelism: 1 });
`;

const FEATURE_TEST = `/** \`featc test\`: the job runs on the local stack's Flink with these events; its output is compared. */
import { featureTest } from 'featc';
import clicksJob from './clicks.js';

const T0 = Date.UTC(2024, 0, 1);
const at = (minute: number, second: number): number => T0 + minute * 60_000 + second * 1000;
const minute = (m: number) => ({ start: at(m, 0), end: at(m + 1, 0) });

export const countsClicks = featureTest({
  name: 'userClicks counts clicks per user and minute',
  job: clicksJob,
  input: {
    clicks: [
      { userId: 'u1', itemId: 'a', ts: at(0, 5) },
      { userId: 'u1', itemId: 'b', ts: at(0, 40) },
      { userId: 'u2', itemId: 'a', ts: at(0, 50) },
      { userId: 'u1', itemId: 'c', ts: at(1, 10) },
    ],
  },
  expect: {
    userClicks: [
      { entity: { userId: 'u1' }, window: minute(0), values: { clicks_1m: 2 } },
      { entity: { userId: 'u2' }, window: minute(0), values: { clicks_1m: 1 } },
      { entity: { userId: 'u1' }, window: minute(1), values: { clicks_1m: 1 } },
    ],
  },
});
`;

const WORKFLOW = `# featc in CI: the compiled SQL is up to date, the definitions type-check, the feature tests pass on
# a real Flink, Kafka and Redis started on the runner.
name: featc
on:
  pull_request:
  push:
    branches: [main]
jobs:
  featc:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - uses: actions/cache@v4
        with:
          path: ~/.cache/featc
          key: featc-jars-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}
      - name: Install
        run: |
          sudo apt-get update -qq
          sudo apt-get install -y -qq openjdk-17-jre-headless maven redis-server
          npm ci
      - name: featc compile --check
        run: npx featc compile --check && npx tsc --noEmit
      - name: Start the local stack (Flink, Kafka, Redis)
        run: npx featc local up
      - name: featc test
        run: npx featc test
      - name: Stop the local stack
        if: always()
        run: npx featc local down
`;
