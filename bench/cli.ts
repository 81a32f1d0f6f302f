// How fast the installed CLI answers: `featc --help` (built JS, verbs loaded lazily) against a bare `node -e 0`.
import { execFileSync } from 'node:child_process';
import { ensureBuilt, DIST_CLI } from './support/built-cli.js';
import { result, type BenchResult } from './support/result.js';

function medianMs(cmd: string, args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(cmd, args, { stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function benchCli(opts: { quick: boolean }): Promise<BenchResult[]> {
  ensureBuilt();
  const runs = opts.quick ? 5 : 10;
  medianMs(process.execPath, [DIST_CLI, '--help'], 2); // warm the file cache
  const node = medianMs(process.execPath, ['-e', '0'], runs);
  const help = medianMs(process.execPath, [DIST_CLI, '--help'], runs);
  const version = medianMs(process.execPath, [DIST_CLI, '--version'], runs);
  return [
    result(`featc --help wall time (median of ${runs}; target ≤ 150 ms)`, help, 'ms', { name: 'node -e 0', value: node }),
    result(`featc --version wall time (median of ${runs})`, version, 'ms', { name: 'node -e 0', value: node }),
  ];
}
