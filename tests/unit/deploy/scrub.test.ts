import { FlinkRestError } from '../../../flink-deploy/rest/index.js';
import { scrubDeep, scrubError, scrubText, secretValues } from '../../../flink-deploy/apply/scrub.js';

const statements = ["CREATE TABLE t (a INT) WITH ('properties.sasl.jaas.config' = '${env:KAFKA_JAAS}', 'x' = '${env:API_KEY}', 'y' = '${env:UNSET}')"];
const env = { KAFKA_JAAS: "user='bob' password='hunter22'", API_KEY: 'sk-live-0123456789', SHORT: 'ab' };

describe('secrets never reach printed errors or reports', () => {
  it('collects the values of the secrets the statements use, raw and SQL-quoted, longest first', () => {
    expect(secretValues(statements, env)).toEqual([
      "user=''bob'' password=''hunter22''",
      "user='bob' password='hunter22'",
      'sk-live-0123456789',
    ]);
  });

  it('masks them in text, in nested reports and in Flink errors, including the full response text', () => {
    const secrets = secretValues(statements, env);
    const echoed = "Table options are: 'properties.sasl.jaas.config'='user=''bob'' password=''hunter22''' 'x'='sk-live-0123456789'";
    expect(scrubText(echoed, secrets)).toBe("Table options are: 'properties.sasl.jaas.config'='***' 'x'='***'");
    const report = { ok: false, jobs: [{ name: 'j', error: { message: `bad key sk-live-0123456789` }, steps: [{ detail: 'fine' }], ms: 5 }] };
    expect(scrubDeep(report, secrets)).toEqual({ ok: false, jobs: [{ name: 'j', error: { message: 'bad key ***' }, steps: [{ detail: 'fine' }], ms: 5 }] });
    const err = scrubError(new FlinkRestError('FEATC_E7010', `rejected: sk-live-0123456789`, 500, `full: ${echoed}`, 'hint'), secrets) as FlinkRestError;
    expect(err.message).toBe('rejected: ***');
    expect(err.fullText).not.toContain('hunter22');
    expect(err.stack).not.toContain('sk-live');
  });
});
