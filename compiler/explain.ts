import type { CompiledJob } from './compile.js';

/** A terminal summary of a compiled job: views, fused operators, state per key, sinks. */
export function explainJob(job: CompiledJob): string {
  const { graph } = job;
  const lines = [`job ${graph.job}  (parallelism ${graph.settings.parallelism}, checkpoint every ${graph.settings.checkpointIntervalMs / 1000}s` +
    `${graph.settings.stateTtlMs === null ? '' : `, state TTL ${graph.settings.stateTtlMs / 1000}s`})`, `hash ${graph.sqlHash}`, ''];
  lines.push('sources');
  for (const s of graph.sources) lines.push(`  ${s.name}  topic ${s.topic}, event time ${s.eventTime}, watermark delay ${s.watermarkDelayMs / 1000}s`);
  for (const view of job.ir.views) {
    lines.push('', `view ${view.name}  key (${view.entity.join(', ')})  sources ${view.sources.join(', ')}`);
    for (const op of graph.operators.filter((o) => o.view === view.name)) {
      lines.push(`  operator ${op.id}: ${op.kind} over ${op.windowDescription}, ${op.changelog}`);
      lines.push(`    reads ${op.sources.join(' UNION ALL ')}`);
      lines.push(`    features ${op.features.join(', ')}${op.derived.length ? `; derived ${op.derived.join(', ')}` : ''}`);
      const windows = op.state.windowsPerKey === null ? 'events within range' : `${op.state.windowsPerKey} open window(s)`;
      lines.push(`    state per key: ${windows} × ${op.state.perKey.length} accumulator(s)`);
      for (const entry of op.state.perKey) lines.push(`      ${entry.feature}: ${entry.accumulator} (grows with ${entry.grows})`);
      for (const sink of graph.sinks.filter((k) => k.operator === op.id)) {
        lines.push(`    → ${sink.output} via ${sink.connector} topic ${sink.topic} (exactly-once, ${sink.transactionalIdPrefix})`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
