import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { FeatcError } from '../../common/errors.js';
import { FEATC_VERSION } from '../version.js';
import { scaffoldFiles } from './templates.js';

export interface InitResult { dir: string; files: string[]; next: string[] }

/** Writes the scaffold of {@link scaffoldFiles} into `dir`; refuses (FEATC_E0301) to overwrite without `force`. */
export function initRepository(dir: string, opts: { featc?: string; name?: string; force?: boolean } = {}): InitResult {
  const root = resolve(dir);
  const name = opts.name ?? packageName(basename(root));
  const featcSpec = opts.featc === undefined ? `^${FEATC_VERSION}` : /^[.~/]/.test(opts.featc) || opts.featc.endsWith('.tgz') ? `file:${resolve(opts.featc)}` : opts.featc;
  const files = scaffoldFiles({ name, featcSpec });
  const existing = Object.keys(files).filter((f) => existsSync(join(root, f)));
  if (existing.length > 0 && !opts.force) {
    throw new FeatcError('FEATC_E0301', `featc init would overwrite ${existing.join(', ')}`, { where: root, hint: 'run it in an empty folder (featc init my-features), or pass --force to overwrite' });
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const cd = relative(process.cwd(), root);
  return {
    dir: root,
    files: Object.keys(files),
    next: [
      ...(cd === '' ? [] : [`cd ${cd}`]),
      'npm install',
      'npx featc compile          # writes compiled/: commit it, CI checks it with --check',
      'npx featc local up         # Flink, Kafka and Redis on this machine (Java 17, Maven, redis-server)',
      'npx featc test             # features/*.test.ts on the real engine',
    ],
  };
}

function packageName(folder: string): string {
  const n = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return n === '' ? 'features' : n;
}
