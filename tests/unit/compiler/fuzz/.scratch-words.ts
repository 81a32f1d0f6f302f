import fc from 'fast-check';
import { tryCompileJob } from '../../../../compiler/index.js';
import { buildJob } from './build.js';
import { arbitraryOf } from './draw.js';
import { validJob } from './gen-valid.js';
import { lex } from './sql-lexer.js';
const words = new Map<string, number>();
const idents = new Set<string>();
let ok = 0, bad = 0;
const errs = new Map<string, number>();
for (const spec of fc.sample(arbitraryOf(validJob), { seed: 1, numRuns: 500 })) {
  try {
    const { job, diagnostics } = tryCompileJob(buildJob(spec));
    if (!job) { bad++; for (const d of diagnostics) errs.set(`${d.code} ${d.message.slice(0, 80)}`, (errs.get(`${d.code} ${d.message.slice(0,80)}`) ?? 0) + 1); continue; }
    ok++;
    for (const s of job.statements) for (const t of lex(s)) { if (t.kind === 'word') words.set(t.value, (words.get(t.value) ?? 0) + 1); if (t.kind === 'ident' && t.value.startsWith('__')) idents.add(t.value); }
  } catch (e) { console.log('CRASH', (e as Error).message.slice(0, 300)); }
}
console.log(ok, bad, [...words.keys()].sort().join(' '));
console.log([...idents].join(' '));
console.log([...errs].slice(0, 30));
