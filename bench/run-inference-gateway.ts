// node bin/run-ts.js bench/run-inference-gateway.ts [--full]
import { benchInferenceGateway } from './inference-gateway.js';

const quick = !process.argv.includes('--full');
const started = Date.now();
const results = await benchInferenceGateway({ quick });
for (const r of results) {
  const base = r.baseline ? `  vs ${r.baseline.name} ${r.baseline.value} ${r.unit} (ratio ${r.ratio})` : '';
  console.log(`${r.name.padEnd(58)} ${String(r.value).padStart(10)} ${r.unit}${base}`);
}
console.log(`(${quick ? 'quick' : 'full'} run, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
