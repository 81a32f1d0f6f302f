#!/usr/bin/env node
// Entry point: registers the TypeScript loader so featc (and the user's definition files) run without a build step.
import { register } from 'tsx/esm/api';
register();
await import('../cli/main.ts');
