import { statementsFor } from '../../../compiler/index.js';
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
    // Every sink the statement set writes is in the plan: views', steps' (inference-only goldens have only these) and dead letters.
    const g = job.graph;
    const tables = [...g.sinks, ...g.steps.flatMap((st) => [...st.sinks, ...(st.deadLetter ? [st.deadLetter] : [])]), ...g.sources.map((s) => s.deadLetter)].map((t) => t.table);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect({ table, inPlan: plan.includes(table) }).toEqual({ table, inPlan: true });
  });

  test('a state reset\'s statements (sources starting at the refill timestamp) are accepted too', async () => {
    const { job } = await compileCase('engagement');
    const refill = statementsFor(job, { startTimestampMs: Date.UTC(2026, 0, 1) });
    expect(refill.filter((s) => s.includes("'scan.startup.mode' = 'timestamp'")).length).toBe(job.graph.sources.length);
    expect(await plannerAccepts(gateway, { ...job, statements: refill }, bootstrap())).toContain('== Optimized Execution Plan ==');
  });
});
