import fc from 'fast-check';
import { compileJob } from '../../../../compiler/index.js';
import { SqlGatewayClient } from '../../../../flink-deploy/rest/index.js';
import { plannerAccepts } from '../../../golden/flink-check.js';
import { buildJob } from './build.js';
import { arbitraryOf } from './draw.js';
import { validJob } from './gen-valid.js';
const gateway = new SqlGatewayClient('http://127.0.0.1:8083');
const n = Number(process.argv[2] ?? 10);
const specs = fc.sample(arbitraryOf(validJob), { seed: Number(process.argv[3] ?? 1), numRuns: n });
const conc = Number(process.argv[4] ?? 4);
let next = 0; const fails: string[] = [];
const t0 = Date.now();
await Promise.all(Array.from({ length: conc }, async () => {
  while (next < specs.length) {
    const i = next++;
    const job = compileJob(buildJob(specs[i]!));
    const t = Date.now();
    try { await plannerAccepts(gateway, job, '127.0.0.1:9092'); console.log('ok', i, job.statements.length, Date.now() - t); }
    catch (e) { fails.push(`${i}: ${(e as Error).message.slice(0, 1500)}`); console.log('FAIL', i, (e as Error).message.slice(0, 1500)); }
  }
}));
console.log('done', Date.now() - t0, 'ms, fails', fails.length);
