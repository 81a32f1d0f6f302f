import { featcWithSecrets, leaks, secretEnv } from '../../unit/compiler/secrets/secret-values.js';

// Issue 9, secrets: `featc plan` against the real stack, with every secret of the definition set to
// a distinctive value, prints none of them (plan compiles and reads the cluster; it never resolves).
const { env: secrets, cores } = secretEnv();

const featc = (args: string[]): ReturnType<typeof featcWithSecrets> => featcWithSecrets(args, secrets);

describe('featc plan with secrets in the environment', () => {
  test('text and --json output hold no secret', async () => {
    const target = ['--flink', process.env['FEATC_FLINK_URL'] ?? '', '--gateway', process.env['FEATC_SQL_GATEWAY_URL'] ?? '', '--kafka', process.env['FEATC_KAFKA_BOOTSTRAP'] ?? ''];
    for (const json of [[], ['--json']]) {
      const r = await featc(['plan', 'tests/unit/compiler/secrets/definition.ts', ...target, ...json]);
      expect({ status: r.status, out: r.out }).toEqual({ status: 0, out: expect.stringContaining('secrets_job') });
      expect(r.out).toContain('create');
      expect(leaks(`featc plan ${json.join(' ')}`, r.out, cores)).toEqual([]);
    }
  });
});
