import { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { compileCase, goldenSqlCases, plannerAccepts } from '../../golden/flink-check.js';
import { bootstrap } from '../../support/kafka.js';

// Every golden that compiles is also accepted by the real Flink planner: its statements run in one
// SQL Gateway session and the statement set is EXPLAINed (no job starts).
const cases = goldenSqlCases();

describe('golden SQL is accepted by the real Flink planner', () => {
  const gateway = new SqlGatewayClient(process.env.FEATC_SQL_GATEWAY_URL ?? '');

  test('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  test.each(cases)('%s', async (name) => {
    const { job, sql, golden } = await compileCase(name);
    expect(sql).toBe(golden);
    const plan = await plannerAccepts(gateway, job, bootstrap());
    expect(plan).toContain('== Optimized Execution Plan ==');
    for (const sink of job.graph.sinks) expect(plan).toContain(sink.table);
  });
});
