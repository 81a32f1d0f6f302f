import { compileJob, type PhysicalPlan } from '../../../compiler/index.js';
import { allSinks } from '../../../compiler/passes/physical-plan.js';
import conversation from '../../../jobs/conversation.js';
import engagement from '../../../jobs/engagement.js';
import moderatedResponses from '../../../jobs/moderated-responses.js';
import systemHealth from '../../../jobs/system-health.js';
import tokenUsage from '../../../jobs/token-usage.js';

/** Every relation the plan names, in no particular order. */
function namedRelations(plan: PhysicalPlan): string[] {
  return [
    ...plan.sources.flatMap(({ tables, readByViews }) => [tables.raw, tables.fields, tables.checked, tables.wellFormed, ...(readByViews ? [tables.onTime] : [])]),
    ...plan.aggregates.flatMap((a) => [a.table, ...(a.unionInput === null ? [] : [a.unionInput])]),
    ...plan.steps.flatMap((st) => [st.model, st.input, st.view]),
    ...allSinks(plan).map((s) => s.table),
  ];
}

const matches = (sql: string, pattern: RegExp): string[] => [...sql.matchAll(pattern)].map((m) => m[1] ?? '');

describe('the physical plan names everything the SQL creates and writes', () => {
  test.each([engagement, systemHealth, tokenUsage, conversation, moderatedResponses].map((def) => [def.name, def] as const))('%s', (_name, def) => {
    const job = compileJob(def);
    const created = matches(job.sql, /CREATE TEMPORARY (?:TABLE|VIEW|MODEL) `([^`]+)`/g);
    expect(created.sort()).toEqual(namedRelations(job.plan).sort());
    const sinks = allSinks(job.plan);
    expect(matches(job.sql, /'sink\.transactional-id-prefix' = '([^']+)'/g)).toEqual(sinks.map((s) => s.transactionalIdPrefix));
    expect(matches(job.sql, /INSERT INTO `([^`]+)`/g).sort()).toEqual(sinks.map((s) => s.table).sort());
    expect(matches(job.sql, /'properties\.group\.id' = '([^']+)'/g)).toEqual(job.plan.sources.map((s) => s.consumerGroup));
    const topics = [...job.plan.sources.map((s) => s.source.topic), ...sinks.map((s) => s.topic)];
    expect(matches(job.sql, /'topic' = '([^']+)'/g).sort()).toEqual(topics.sort());
  });

  test('each sink has one role and its owner; every relation and transactional-id prefix is named once', () => {
    for (const def of [engagement, moderatedResponses, conversation]) {
      const { plan, ir, graph } = compileJob(def);
      const count = (role: string): number => allSinks(plan).filter((s) => s.role === role).length;
      expect({ job: def.name, counts: ['source-dead-letter', 'view-output', 'step-output', 'step-dead-letter'].map(count) }).toEqual({
        job: def.name,
        counts: [
          ir.sources.length,
          plan.aggregates.reduce((n, a) => n + (ir.views.find((v) => v.name === a.operator.view)?.outputs.length ?? 0), 0),
          ir.steps.reduce((n, st) => n + st.outputs.length, 0),
          ir.steps.filter((st) => st.onError.deadLetterTopic !== null).length,
        ],
      });
      // Two exactly-once sinks sharing a transactional-id prefix would abort each other's transactions.
      const sinks = allSinks(plan);
      expect(new Set(sinks.map((k) => k.transactionalIdPrefix)).size).toBe(sinks.length);
      expect(new Set(namedRelations(plan)).size).toBe(namedRelations(plan).length);
      expect(graph.sinks).toHaveLength(plan.aggregates.reduce((n, a) => n + a.sinks.length, 0));
    }
  });
});
