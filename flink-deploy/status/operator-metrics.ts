import type { JobDetails, JobManagerClient } from '../rest/index.js';

/** Sums of operator metrics over a running job, by what they count. */
export interface OperatorCounts {
  /** Records the Kafka sources read (`Source__<table>.numRecordsIn`). */
  recordsIn: number | null;
  /** Records the Kafka sink writers sent: feature rows, dead letters, step outputs (`<table>__Writer.numRecordsSend`). */
  recordsOut: number | null;
  /**
   * Records window and OVER aggregations dropped because they arrived behind the watermark
   * (`numLateRecordsDropped`). With two-phase window aggregation the global operator counts
   * pre-aggregated rows, so this is a lower bound on events; above 0 means features left out records.
   */
  lateDrops: number | null;
}

const COUNTERS: Record<keyof OperatorCounts, (id: string) => boolean> = {
  recordsIn: (id) => id.startsWith('Source__') && id.endsWith('.numRecordsIn'),
  recordsOut: (id) => id.endsWith('__Writer.numRecordsSend'),
  lateDrops: (id) => id.endsWith('.numLateRecordsDropped'),
};

/**
 * Operator-level counters summed over operators and subtasks. Flink chains sources, sinks and
 * aggregations into few tasks, so task-level record counts (what a vertex sends over the network)
 * say nothing about what the job read or wrote; the operators' own counters do. Each count is null
 * while no operator reports it (the job is not running, or Flink has not sampled metrics yet).
 */
export async function operatorCounts(jm: JobManagerClient, details: JobDetails): Promise<OperatorCounts> {
  const none: OperatorCounts = { recordsIn: null, recordsOut: null, lateDrops: null };
  if (details.state !== 'RUNNING') return none;
  const perVertex = await Promise.all(details.vertices.map(async (v) => {
    const ids = (await jm.vertexMetricIds(details.jid, v.id)).filter((id) => Object.values(COUNTERS).some((match) => match(id)));
    return ids.length === 0 ? ({} as Record<string, number>) : jm.vertexMetricSums(details.jid, v.id, ids);
  }));
  const total = (match: (id: string) => boolean): number | null => {
    const values = perVertex.flatMap((sums) => Object.entries(sums).filter(([id]) => match(id)).map(([, n]) => n));
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  };
  return { recordsIn: total(COUNTERS.recordsIn), recordsOut: total(COUNTERS.recordsOut), lateDrops: total(COUNTERS.lateDrops) };
}
