import { pathToFileURL } from 'node:url';

type ScopedImport = (specifier: string, parent: string) => Promise<unknown>;

let scoped: Promise<ScopedImport> | undefined;

/** One loader namespace for the whole process: every file imported through it shares one module graph. */
function loader(): Promise<ScopedImport> {
  scoped ??= (async () => {
    const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    const namespace = `featc-${process.pid}`;
    registerCjs({ namespace }); // definition files of a CommonJS package (no "type": "module") require each other
    return registerEsm({ namespace }).import;
  })();
  return scoped;
}

/**
 * Imports a user's TypeScript file (definitions, feature tests, featc.config.ts). Every file of a
 * run is imported into the same loader namespace, so the files and what they share (featc's DSL,
 * zod, each other) load once per run, not once per file.
 */
export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  const load = await loader();
  return (await load(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
}
