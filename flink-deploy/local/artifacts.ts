import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StackError } from './errors.js';
import type { Progress } from './progress.js';
import { runCommand } from './run-command.js';
import type { StackPaths } from './paths.js';
import { FLINK_VERSION, KAFKA_CONNECTOR_VERSION, KAFKA_VERSION, MODEL_OPENAI_VERSION } from './versions.js';

const MAVEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'maven');
const COMPLETE = '.complete';

/** Resolves Flink's and Kafka's jars from Maven Central into the version-keyed cache, once. */
export async function ensureJars(paths: StackPaths, progress: Progress): Promise<void> {
  const m2 = join(dirname(paths.cache), 'm2');
  if (!isComplete(paths.flinkLib)) {
    await progress.step('resolving Flink jars from Maven Central (first run: ~250 MB)', () =>
      resolveInto(paths.flinkLib, async (tmp) => {
        const versions = [`-Dflink.version=${FLINK_VERSION}`, `-Dkafka.connector.version=${KAFKA_CONNECTOR_VERSION}`];
        await mvn(['-f', join(MAVEN_DIR, 'flink-pom.xml'), 'validate', `-Dfeatc.lib=${tmp}`, ...versions], m2, progress);
        // Shaded jar whose parent pom is not published: fetched without its descriptor's dependencies.
        const gav = `org.apache.flink:flink-model-openai:${MODEL_OPENAI_VERSION}`;
        await mvn(['dependency:get', `-Dartifact=${gav}`, '-Dtransitive=false'], m2, progress);
        const jar = `flink-model-openai-${MODEL_OPENAI_VERSION}.jar`;
        cpSync(join(m2, 'org/apache/flink/flink-model-openai', MODEL_OPENAI_VERSION, jar), join(tmp, jar));
      }),
    );
  }
  if (!isComplete(paths.kafkaLib)) {
    await progress.step('resolving Kafka jars from Maven Central (~45 MB)', () =>
      resolveInto(paths.kafkaLib, (tmp) => mvn(['-f', join(MAVEN_DIR, 'kafka-pom.xml'), 'validate', `-Dfeatc.lib=${tmp}`, `-Dkafka.version=${KAFKA_VERSION}`], m2, progress)),
    );
  }
}

/** Whether both jar sets are already in the cache (Maven is then not needed). */
export function jarsCached(paths: StackPaths): boolean {
  return isComplete(paths.flinkLib) && isComplete(paths.kafkaLib);
}

function isComplete(lib: string): boolean {
  return existsSync(join(lib, COMPLETE));
}

async function resolveInto(lib: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${lib}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    writeFileSync(join(tmp, COMPLETE), new Date().toISOString() + '\n');
    rmSync(lib, { recursive: true, force: true });
    mkdirSync(dirname(lib), { recursive: true });
    renameSync(tmp, lib);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function mvn(args: string[], m2: string, progress: Progress): Promise<void> {
  const ticker = setInterval(() => progress.info(`downloaded so far: ${megabytes(m2)} MB`), 10_000);
  try {
    const result = await runCommand('mvn', ['-B', '-q', '-Dstyle.color=never', `-Dmaven.repo.local=${m2}`, ...args]);
    if (result.code === -1) {
      throw new StackError('FEATC_E9003', 'Maven (mvn) is not installed', 'install Maven 3.8+ (Debian/Ubuntu: sudo apt-get install maven); featc uses it once to download the Flink and Kafka jars');
    }
    if (result.code !== 0) {
      const lines = (result.stdout + result.stderr).split('\n').filter((l) => l.includes('ERROR')).slice(0, 4);
      throw new StackError('FEATC_E9004', 'downloading jars from Maven Central failed', 'check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml), then run `featc local up` again', 2, lines);
    }
  } finally {
    clearInterval(ticker);
  }
}

function megabytes(dir: string): number {
  let total = 0;
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else total += statSync(p).size;
    }
  };
  walk(dir);
  return Math.round(total / 1e6);
}
