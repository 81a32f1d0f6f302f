#!/usr/bin/env node
// featc's CLI. Installed from npm it runs the built JavaScript in dist/; in featc's own clone (the
// TypeScript sources are next to this file) it runs them through the TypeScript loader instead.
import { existsSync } from 'node:fs';

const sources = new URL('../cli/main.ts', import.meta.url);
if (existsSync(sources) && process.env.FEATC_USE_DIST !== '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../dist/cli/main.js');
}
