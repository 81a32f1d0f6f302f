// The demo's event generator on its own:
//   node bin/run-ts.js examples/generator/cli.ts --rate 200 --duration 60 --speed 30 --seed 1 [--kafka 127.0.0.1:9092] [--topic-prefix dev-alice]
// --topic-prefix produces to `<prefix>.<topic>` (e.g. `dev-alice.clicks`), the names a job renamed with
// testing/isolate.ts `renameJob(def, { topicPrefix: 'dev-alice', … })` reads.
import { parseArgs } from 'node:util';
import { prefixedTopic } from '../../testing/isolate.js';
import { GENERATOR_TOPICS } from './events.js';
import { runGenerator } from './run.js';

const { values } = parseArgs({
  options: {
    kafka: { type: 'string', default: process.env.FEATC_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    speed: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    users: { type: 'string', default: '200' },
    'topic-prefix': { type: 'string' },
  },
});
const prefix = values['topic-prefix'];
const topics = prefix ? Object.fromEntries(GENERATOR_TOPICS.map((t) => [t, prefixedTopic(prefix, t)])) : undefined;
const result = await runGenerator({
  kafka: values.kafka, rate: Number(values.rate), durationSec: Number(values.duration), speed: Number(values.speed), seed: Number(values.seed), users: Number(values.users),
  ...(topics ? { topics } : {}),
  onProgress: (p) => process.stderr.write(`\r${p.produced} events, event time ${new Date(p.eventTimeMs).toISOString()}`),
});
process.stderr.write('\n');
console.log(JSON.stringify({ produced: result.produced, perTopic: result.perTopic, wallMs: result.wallMs, ...(topics ? { topics } : {}) }));
