import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJava } from '../../../flink-deploy/local/java.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';
import { checkPrerequisites } from '../../../flink-deploy/local/preflight.js';

describe('Java check', () => {
  const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('finds Java 17+ on this machine', async () => {
    delete process.env.JAVA_HOME;
    const { version } = await checkJava();
    expect(version).toBeGreaterThanOrEqual(17);
  });

  it('fails with FEATC_E9001 and an install command when Java is missing', async () => {
    process.env.JAVA_HOME = '/nonexistent-java-home';
    await expect(checkJava()).rejects.toMatchObject({ code: 'FEATC_E9001', exitCode: 1, hint: expect.stringContaining('apt-get install openjdk-17-jre-headless') });
  });

  it('names every missing program of the local stack in one error with one install command, no file of featc\'s repository', async () => {
    process.env.JAVA_HOME = '/nonexistent-java-home';
    process.env.PATH = mkdtempSync(join(tmpdir(), 'featc-empty-path-'));
    const paths = stackPaths(mkdtempSync(join(tmpdir(), 'featc-home-')), mkdtempSync(join(tmpdir(), 'featc-cache-')));
    const err = await checkPrerequisites(paths, { redis: true }).catch((e: unknown) => e) as { code: string; message: string; hint: string };
    expect(err.code).toBe('FEATC_E9000');
    expect(err.message).toBe('the local stack needs Java 17+ (java), Maven (mvn, to download the Flink and Kafka jars once), redis-server: not installed');
    expect(err.hint).toContain('sudo apt-get install -y openjdk-17-jre-headless maven redis-server');
    expect(err.hint).not.toMatch(/npm run|bin\/|scripts\//);
  });
});
