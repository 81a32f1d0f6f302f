import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SECRET_ENV } from './definition.js';

/**
 * Distinctive random secret values for the variables of definition.ts. Each holds a random core
 * (`fzs` + hex) that no escaping changes (JSON, SQL quotes), so finding a core anywhere is a leak;
 * the values themselves carry quotes, backslashes and a line break like real JAAS configs and keys.
 */
export function secretEnv(): { env: Record<string, string>; cores: string[] } {
  const core = (): string => `fzs${randomBytes(8).toString('hex')}`;
  const cores = [core(), core(), core(), core(), core()];
  const [user, password, key, host, apiKey] = cores as [string, string, string, string, string];
  const env: Record<(typeof SECRET_ENV)[number], string> = {
    FEATC_T_JAAS: `org.apache.kafka.common.security.plain.PlainLoginModule required username="${user}" password="${password}\\q'x";`,
    FEATC_T_SSL_KEY: `-----BEGIN PRIVATE KEY-----\n${key}\n-----END PRIVATE KEY-----`,
    FEATC_T_GATEWAY: `http://${host}.invalid:8090`,
    FEATC_T_API_KEY: `sk-${apiKey}`,
  };
  return { env, cores };
}

/** Every file under `dir`, with its text. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** The cores found in `text`, with where: an empty list means nothing leaked. */
export function leaks(where: string, text: string, cores: readonly string[]): string[] {
  return cores.filter((c) => text.includes(c)).map((c) => `${where} contains secret ${c}`);
}

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** Runs the CLI (`node bin/featc.js …`) with the secrets in its environment; stdout and stderr together. */
export function featcWithSecrets(args: readonly string[], secrets: Record<string, string>): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/featc.js', ...args], { cwd: ROOT, env: { ...process.env, ...secrets } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('close', (status) => resolve({ status, out }));
  });
}
