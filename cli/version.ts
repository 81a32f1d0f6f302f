import { readFileSync } from 'node:fs';

/** featc's version, from the package.json two folders up (the same from the sources and from dist/). */
export const FEATC_VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'featc' && pkg.version) return pkg.version;
    } catch { /* try the next */ }
  }
  return '0.0.0';
})();
