import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flinkMemoryParams } from '../../../flink-deploy/local/java.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';

/** Flink's own memory calculation (BashJavaUtils, from the jars this run's stack uses) on a config of its own. */
describe('Flink memory settings of the local stack', () => {
  const conf = mkdtempSync(join(tmpdir(), 'featc-memory-conf-'));
  afterAll(() => rmSync(conf, { recursive: true, force: true }));

  it('FEATC_E9005: a TaskManager process size smaller than Flink\'s fixed parts: exit 2, with Flink\'s own reason', async () => {
    writeFileSync(join(conf, 'config.yaml'), 'taskmanager.memory.process.size: 64m\n');
    const err = await flinkMemoryParams('TM', stackPaths().flinkLib, conf).then(() => undefined, (e: unknown) => e as { code: string; message: string; hint: string; exitCode: number; details: string[] });
    expect(err).toMatchObject({ code: 'FEATC_E9005', exitCode: 2, message: 'Flink could not compute the TaskManager memory settings' });
    expect(err?.hint).toContain('conf/config.yaml');
    expect(err?.details.join('\n')).toMatch(/memory/i);
    writeFileSync(join(conf, 'config.yaml'), 'taskmanager.memory.process.size: 1600m\n');
    const ok = await flinkMemoryParams('TM', stackPaths().flinkLib, conf);
    expect(ok.jvmArgs.some((a) => a.startsWith('-Xmx'))).toBe(true);
  });
});
