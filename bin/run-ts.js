#!/usr/bin/env node
// Runs a TypeScript file of this project with the same loader featc uses: `node bin/run-ts.js file.ts [args]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
register();
const [file] = process.argv.splice(2, 1);
if (!file) { console.error('usage: run-ts <file.ts> [args]'); process.exit(2); }
// As `node file.js` would: argv[1] is the script itself, so `main` guards comparing it with import.meta.url fire.
process.argv[1] = resolve(file);
await import(pathToFileURL(resolve(file)).href);
