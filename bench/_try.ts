import { acquireStack } from './support/stack.js';
import { benchFlinkThroughput } from './flink-throughput.js';
const s = await acquireStack((l) => console.error(l));
const t = Date.now();
console.log(JSON.stringify(await benchFlinkThroughput({ quick: true, env: s.env }), null, 1));
console.error('secs', (Date.now() - t) / 1000);
