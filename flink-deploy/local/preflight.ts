import { jarsCached } from './artifacts.js';
import { StackError } from './errors.js';
import { javaBinary } from './java.js';
import type { StackPaths } from './paths.js';
import { runCommand } from './run-command.js';

interface Missing { what: string; pkg: string }

/**
 * Everything the local stack needs from the machine, checked at once, so a new machine gets one
 * error naming every missing program and the one command that installs them all.
 */
export async function checkPrerequisites(paths: StackPaths, { redis }: { redis: boolean }): Promise<void> {
  const checks: Promise<Missing | undefined>[] = [
    absent(javaBinary(), ['-version'], { what: 'Java 17+ (java)', pkg: 'openjdk-17-jre-headless' }),
    jarsCached(paths) ? Promise.resolve(undefined) : absent('mvn', ['-v'], { what: 'Maven (mvn, to download the Flink and Kafka jars once)', pkg: 'maven' }),
    redis ? absent('redis-server', ['--version'], { what: 'redis-server', pkg: 'redis-server' }) : Promise.resolve(undefined),
  ];
  const missing = (await Promise.all(checks)).filter((m): m is Missing => m !== undefined);
  if (missing.length === 0) return;
  throw new StackError(
    'FEATC_E9000',
    `the local stack needs ${missing.map((m) => m.what).join(', ')}: not installed`,
    `sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}   (Debian/Ubuntu; the same programs from your package manager elsewhere${redis ? ', or an existing Redis: featc local up --redis-url redis://host:6379' : ''})`,
  );
}

async function absent(cmd: string, args: string[], missing: Missing): Promise<Missing | undefined> {
  const r = await runCommand(cmd, args);
  return r.code === -1 ? missing : undefined;
}
