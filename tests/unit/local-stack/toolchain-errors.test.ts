import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureJars } from '../../../flink-deploy/local/artifacts.js';
import { checkJava } from '../../../flink-deploy/local/java.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';
import { freePort } from '../../../flink-deploy/local/ports.js';
import { Progress } from '../../../flink-deploy/local/progress.js';

/** A JAVA_HOME whose `java -version` answers as an older JDK does (the banner goes to stderr). */
function olderJavaHome(banner: string): string {
  const home = mkdtempSync(join(tmpdir(), 'featc-old-java-'));
  mkdirSync(join(home, 'bin'));
  const java = join(home, 'bin', 'java');
  writeFileSync(java, `#!/bin/sh\nprintf '%s\\n' '${banner}' >&2\n`);
  chmodSync(java, 0o755);
  return home;
}

describe('local stack toolchain: Java version, Maven, Maven Central', () => {
  const saved = { JAVA_HOME: process.env.JAVA_HOME, PATH: process.env.PATH, MAVEN_OPTS: process.env.MAVEN_OPTS };
  const dirs: string[] = [];
  const temp = (prefix: string): string => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('FEATC_E9002: a Java older than 17 is named with its version, in both banner formats', async () => {
    process.env.JAVA_HOME = olderJavaHome('openjdk version "11.0.22" 2024-01-16');
    dirs.push(process.env.JAVA_HOME);
    await expect(checkJava()).rejects.toMatchObject({
      code: 'FEATC_E9002', exitCode: 1, message: 'Java 11 found, Flink 2.2 here needs Java 17 or newer',
      hint: 'install openjdk-17-jre-headless and put it first on the PATH or set JAVA_HOME',
    });
    process.env.JAVA_HOME = olderJavaHome('java version "1.8.0_392"');
    dirs.push(process.env.JAVA_HOME);
    await expect(checkJava()).rejects.toMatchObject({ code: 'FEATC_E9002', message: 'Java 8 found, Flink 2.2 here needs Java 17 or newer' });
  });

  it('FEATC_E9003: jars not cached and no Maven on the PATH', async () => {
    const paths = stackPaths(temp('featc-home-'), temp('featc-cache-'));
    process.env.PATH = temp('featc-no-mvn-path-');
    await expect(ensureJars(paths, new Progress(() => undefined))).rejects.toMatchObject({
      code: 'FEATC_E9003', exitCode: 1, message: 'Maven (mvn) is not installed', hint: expect.stringContaining('sudo apt-get install maven'),
    });
    expect(existsSync(paths.flinkLib)).toBe(false);
  });

  it('FEATC_E9004: Maven Central unreachable (the proxy Maven must use refuses connections): exit 2 with Maven\'s own ERROR lines, nothing cached', async () => {
    const paths = stackPaths(temp('featc-home-'), temp('featc-cache-'));
    const closed = await freePort();
    process.env.MAVEN_OPTS = `-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=${closed} -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=${closed}`;
    const err = await ensureJars(paths, new Progress(() => undefined)).then(() => undefined, (e: unknown) => e as { code: string; exitCode: number; message: string; hint: string; details: string[] });
    expect(err).toMatchObject({
      code: 'FEATC_E9004', exitCode: 2, message: 'downloading jars from Maven Central failed',
      hint: 'check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml), then run `featc local up` again',
    });
    expect(err?.details[0]).toMatch(/\[ERROR\] .*repo\.maven\.apache\.org.*Connect to 127\.0\.0\.1:\d+ .*failed/);
    expect(existsSync(paths.flinkLib)).toBe(false);
  }, 120_000);
});
