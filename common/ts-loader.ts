import { pathToFileURL } from 'node:url';

const REGISTERED = Symbol.for('featc.ts-loader');
type Registry = { [REGISTERED]?: boolean };

/** Marks the TypeScript loader as active (featc's own development entry registers it before anything loads). */
export function markTsLoaderRegistered(): void {
  (globalThis as Registry)[REGISTERED] = true;
}

/**
 * Imports a user's TypeScript file (definitions, feature tests, featc.config.ts). The loader is
 * registered once per process and every file is imported into the same module graph, so the files
 * and what they share (featc's DSL, zod, each other) load once per run.
 */
export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const registry = globalThis as Registry;
  if (!registry[REGISTERED]) {
    const { register } = await import('tsx/esm/api');
    register();
    registry[REGISTERED] = true;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
