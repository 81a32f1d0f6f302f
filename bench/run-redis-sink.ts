// Prints the Redis sink benchmarks: node bin/run-ts.js bench/run-redis-sink.ts [--full]
import { benchRedisSink } from './redis-sink.js';

const results = await benchRedisSink({ quick: !process.argv.includes('--full') });
for (const r of results) {
  const base = r.baseline ? `   vs ${r.baseline.name}: ${r.baseline.value} (ratio ${r.ratio})` : '';
  console.log(`${r.name}: ${r.value} ${r.unit}${base}`);
}
