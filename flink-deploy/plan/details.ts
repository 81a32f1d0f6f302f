import type { CompiledJob } from '../../compiler/index.js';
import type { JobGraph } from '../../contracts/index.js';
import { refillStartMs } from '../apply/startup.js';
import { artifactOf } from '../identity/artifact.js';
import { findLatestEndedJob, type DeployedJob } from '../identity/deployed.js';
import type { JobManagerClient } from '../rest/index.js';

/** What a change does to what is served: views and features (`view.feature`) added and removed. */
export interface ServingChanges {
  viewsAdded: string[];
  viewsRemoved: string[];
  featuresAdded: string[];
  featuresRemoved: string[];
}

/** Every view of a graph with its features, derived ones included. */
function featuresByView(graph: JobGraph | undefined): Map<string, Set<string>> {
  const views = new Map<string, Set<string>>();
  for (const op of graph?.operators ?? []) {
    const set = views.get(op.view) ?? new Set<string>();
    [...op.features, ...op.derived].forEach((f) => set.add(f));
    views.set(op.view, set);
  }
  return views;
}

/** `next` against `current` (undefined: nothing runs, or nothing will). */
export function servingChanges(current: JobGraph | undefined, next: JobGraph | undefined): ServingChanges {
  const before = featuresByView(current);
  const after = featuresByView(next);
  const qualified = (views: Map<string, Set<string>>, other: Map<string, Set<string>>): string[] =>
    [...views].flatMap(([v, fs]) => [...fs].filter((f) => !other.get(v)?.has(f)).map((f) => `${v}.${f}`)).sort();
  return {
    viewsAdded: [...after.keys()].filter((v) => !before.has(v)).sort(),
    viewsRemoved: [...before.keys()].filter((v) => !after.has(v)).sort(),
    featuresAdded: qualified(after, before),
    featuresRemoved: qualified(before, after),
  };
}

/**
 * Where a job whose state starts empty re-reads its sources from: the longest window (plus the
 * watermark delay) back from now, or the earliest offset when a session or lifetime view needs all
 * history. ISO time or `earliest`.
 */
export function refillFrom(job: CompiledJob, project: string | null, now = Date.now()): string {
  const start = refillStartMs(artifactOf(job, project), now);
  return start === undefined ? 'earliest' : new Date(start).toISOString();
}

/** The savepoint a job of this name was stopped with (`featc stop --savepoint`), while the JobManager remembers the stop. */
export async function stoppedWithSavepoint(jm: JobManagerClient, name: string, project: string | null): Promise<{ path: string; stoppedAt: number } | undefined> {
  const ended: DeployedJob | undefined = await findLatestEndedJob(jm, name).catch(() => undefined);
  if (!ended || ended.state !== 'FINISHED' || ended.artifact?.project !== project) return undefined;
  const savepoint = (await jm.checkpoints(ended.jobId).catch(() => undefined))?.latest.savepoint;
  return savepoint?.external_path ? { path: savepoint.external_path, stoppedAt: savepoint.latest_ack_timestamp } : undefined;
}
