import { checkJava } from '../../../flink-deploy/local/java.js';

describe('Java check', () => {
  const saved = process.env.JAVA_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.JAVA_HOME;
    else process.env.JAVA_HOME = saved;
  });

  it('finds Java 17+ on this machine', async () => {
    delete process.env.JAVA_HOME;
    const { version } = await checkJava();
    expect(version).toBeGreaterThanOrEqual(17);
  });

  it('fails with FEATC_E9001 and an install hint when Java is missing', async () => {
    process.env.JAVA_HOME = '/nonexistent-java-home';
    await expect(checkJava()).rejects.toMatchObject({ code: 'FEATC_E9001', exitCode: 1, hint: expect.stringContaining('npm run setup') });
  });
});
