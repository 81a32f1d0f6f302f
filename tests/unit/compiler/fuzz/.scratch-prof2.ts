import fc from 'fast-check';
import { arbitraryOf, type Draw } from './draw.js';
import { validJob } from './gen-valid.js';
import { seededRandom } from '../../../../runtime/shared/seeded-random.js';
let t = Date.now();
fc.sample(arbitraryOf(validJob), { seed: 1, numRuns: 1000 });
console.log('gen valid via fc.gen', Date.now() - t); t = Date.now();
let calls = 0;
fc.sample(arbitraryOf((d) => { const w = new Proxy(d, { get(target, p) { calls++; return (target as any)[p]; } }); return validJob(w as Draw); }), { seed: 1, numRuns: 1000 });
console.log('draw calls per case', calls / 1000);
function prngDraw(seed: number): Draw {
  const r = seededRandom(seed);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  return { int, chance: (p) => r() < p, pick: (x) => x[int(0, x.length - 1)] as any, subset: (x, min, max = x.length) => x.filter(() => r() < 0.5).slice(0, max).concat([]).length >= min ? x.slice(0, Math.max(min, 1)) : x.slice(0, min), shuffle: (x) => [...x], text: (n) => 'abc'.slice(0, n) };
}
t = Date.now();
for (let i = 0; i < 1000; i++) validJob(prngDraw(i));
console.log('gen valid via prng', Date.now() - t);
