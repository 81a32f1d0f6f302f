import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { arbitraryOf } from './draw.js';
import { validJob } from './gen-valid.js';
const defs = fc.sample(arbitraryOf(validJob), { seed: 3, numRuns: 1500 }).map(buildJob);
const t = Date.now();
for (let r = 0; r < 2; r++) for (const d of defs) tryCompileJob(d);
console.log('compile x2', Date.now() - t);
