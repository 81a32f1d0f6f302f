import type { JobDetails, JobManagerClient } from '../rest/index.js';

const LATE_DROPS = '.numLateRecordsDropped';

/**
 * Records the job's window and OVER aggregations dropped because they arrived behind the watermark
 * (Flink's `numLateRecordsDropped`, summed over operators and subtasks). With two-phase window
 * aggregation the global operator counts pre-aggregated rows, so this is a lower bound on events;
 * any value above 0 means features left out records. Null when no operator reports the metric.
 */
export async function lateDropsAtWindows(jm: JobManagerClient, details: JobDetails): Promise<number | null> {
  if (details.state !== 'RUNNING') return null;
  const perVertex = await Promise.all(details.vertices.map(async (v) => {
    const ids = (await jm.vertexMetricIds(details.jid, v.id)).filter((id) => id.endsWith(LATE_DROPS));
    if (ids.length === 0) return null;
    const sums = await jm.vertexMetricSums(details.jid, v.id, ids);
    return Object.values(sums).reduce((a, b) => a + b, 0);
  }));
  const reported = perVertex.filter((n): n is number => n !== null);
  return reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0);
}
