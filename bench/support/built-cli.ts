import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The CLI as users run it: the built JavaScript of the package. */
export const DIST_CLI = resolve('dist/cli/main.js');

let built = false;

/** Builds dist/ once per bench run (the same build `npm pack` runs), so the figures are of the current sources. */
export function ensureBuilt(): void {
  if (built) return;
  execFileSync('bash', ['scripts/build.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}
