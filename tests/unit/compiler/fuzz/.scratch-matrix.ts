import { compileJob } from '../../../../compiler/index.js';
import { SqlGatewayClient } from '../../../../flink-deploy/rest/index.js';
import { plannerAccepts } from '../../../golden/flink-check.js';
import { buildJob } from './build.js';
import type { JobSpec, WindowSpec } from './spec.js';
const gateway = new SqlGatewayClient('http://127.0.0.1:8083');
const windows: WindowSpec[] = [{ kind: 'tumbling', size: 60000 }, { kind: 'hopping', size: 120000, slide: 60000 }, { kind: 'session', gap: 60000 }, { kind: 'sliding', range: 60000 }, { kind: 'lifetime' }];
const fns: [string, string | undefined][] = [['count', undefined], ['sum', 'v'], ['avg', 'd'], ['min', 's'], ['max', 'v'], ['countDistinct', 'b'], ['firstValue', 's'], ['lastValue', 'v'], ['firstValue', 'arr'], ['lastValue', 'row'], ['lastN', 's'], ['min', 'i'], ['sum', 'i']];
const cases: { name: string; spec: JobSpec }[] = [];
for (const w of windows) for (const [fn, field] of fns) for (const where of [false, true]) {
  if (fn === 'lastN' && w.kind === 'lifetime') continue;
  const spec: JobSpec = { name: `m_${w.kind}_${fn}_${field ?? ''}_${where}`, stateTtlMs: 3600000, sources: [{ name: 'm', topic: 'm.t', format: 'json', eventTime: 'ts', watermarkDelayMs: 0, fields: [
    { name: 'k', type: { k: 'string' } }, { name: 'v', type: { k: 'bigint' } }, { name: 'i', type: { k: 'int' } }, { name: 's', type: { k: 'string' } }, { name: 'd', type: { k: 'double' } }, { name: 'b', type: { k: 'boolean' } },
    { name: 'arr', type: { k: 'array', of: { k: 'double' } } }, { name: 'row', type: { k: 'row', fields: [{ name: 'x', type: { k: 'string' } }] } }, { name: 'ts', type: { k: 'bigint' } }] }],
    views: [{ name: 'mv', entity: ['k'], sources: [0], window: w, features: [{ name: 'f', fn, source: 0, ...(field ? { field } : {}), ...(fn === 'lastN' ? { n: 3 } : {}), ...(where ? { where: { kind: 'compare', op: '>', field: 'v', value: 1 } } : {}) }], derived: [], online: {}, outputs: [{ kind: 'kafka', topic: 'm.out' }] }] };
  cases.push({ name: spec.name, spec });
}
let next = 0;
await Promise.all(Array.from({ length: 6 }, async () => {
  while (next < cases.length) {
    const c = cases[next++]!;
    try { await plannerAccepts(gateway, compileJob(buildJob(c.spec)), '127.0.0.1:9092'); console.log('ok  ', c.name); }
    catch (e) { console.log('FAIL', c.name, (e as Error).message.split('\n')[0]?.slice(0, 200)); }
  }
}));
