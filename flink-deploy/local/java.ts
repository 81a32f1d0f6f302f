import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import { runCommand } from './run-command.js';

/** JVM flags Flink's own scripts pass on Java 17 (module access for Kryo, Pekko and RocksDB). */
export const FLINK_JAVA_OPENS = [
  'java.base/sun.net.util', 'java.rmi/sun.rmi.registry', 'java.security.jgss/sun.security.krb5',
].map((p) => `--add-exports=${p}=ALL-UNNAMED`).concat(
  ['java.lang', 'java.net', 'java.io', 'java.nio', 'sun.nio.ch', 'java.lang.reflect', 'java.text', 'java.time', 'java.util',
    'java.util.concurrent', 'java.util.concurrent.atomic', 'java.util.concurrent.locks'].map((p) => `--add-opens=java.base/${p}=ALL-UNNAMED`),
);

export function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Fails with an actionable error unless Java 17 or newer is on the PATH (or JAVA_HOME). */
export async function checkJava(): Promise<{ version: number }> {
  const result = await runCommand(javaBinary(), ['-version']);
  if (result.code === -1) {
    throw new StackError('FEATC_E9001', 'Java is not installed (no `java` on the PATH and no JAVA_HOME)', 'install a Java 17 runtime (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless), or set JAVA_HOME');
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new StackError('FEATC_E9002', `Java ${major || '(unknown)'} found, Flink 2.2 here needs Java 17 or newer`, 'install openjdk-17-jre-headless and put it first on the PATH or set JAVA_HOME');
  }
  return { version: major };
}

export interface ProcessMemory {
  jvmArgs: string[];
  dynamicProperties: string[];
}

const memoryParamsCache = new Map<string, ProcessMemory>();

/**
 * Asks Flink how to size a JobManager or TaskManager JVM for the config, as flink's bash scripts do.
 * Remembered per config file version, so restarting a process does not start an extra JVM first.
 */
export async function flinkMemoryParams(kind: 'JM' | 'TM', flinkLib: string, confDir: string): Promise<ProcessMemory> {
  const configFile = join(confDir, 'config.yaml');
  const key = `${kind}|${flinkLib}|${configFile}|${existsSync(configFile) ? statSync(configFile).mtimeMs : 0}`;
  const cached = memoryParamsCache.get(key);
  if (cached) return cached;
  const params = await computeMemoryParams(kind, flinkLib, confDir);
  memoryParamsCache.set(key, params);
  return params;
}

async function computeMemoryParams(kind: 'JM' | 'TM', flinkLib: string, confDir: string): Promise<ProcessMemory> {
  const result = await runCommand(javaBinary(), ['-cp', `${flinkLib}/*`, 'org.apache.flink.runtime.util.bash.BashJavaUtils', `GET_${kind}_RESOURCE_PARAMS`, '--configDir', confDir]);
  const lines = result.stdout.split('\n').filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:')).map((l) => l.slice('BASH_JAVA_UTILS_EXEC_RESULT:'.length).trim());
  if (result.code !== 0 || lines.length < 2) {
    throw new StackError('FEATC_E9005', `Flink could not compute the ${kind === 'TM' ? 'TaskManager' : 'JobManager'} memory settings`, 'check the memory options in the stack\'s conf/config.yaml (`featc local status` shows where the stack lives)', 2, (result.stdout + result.stderr).split('\n').slice(-5));
  }
  return { jvmArgs: (lines[0] ?? '').split(/\s+/).filter(Boolean), dynamicProperties: (lines[1] ?? '').split(/\s+/).filter(Boolean) };
}
