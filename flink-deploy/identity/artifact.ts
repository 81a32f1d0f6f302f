import { gunzipSync, gzipSync } from 'node:zlib';
import type { CompiledJob, JobGraph } from '../../compiler/index.js';
import type { IrAggregation, IrWindow } from '../../compiler/ir/index.js';

/**
 * What featc records on the cluster with every job it submits, so plan and rollback need no local
 * state: the statements (placeholders unresolved, so no secrets), the graph and each operator's
 * state fingerprint. It travels as `pipeline.global-job-parameters`, which the JobManager serves
 * back at `GET /jobs/{id}/config` (`execution-config.user-config`).
 */
export interface DeployedArtifact {
  v: 1;
  job: string;
  hash: string;
  statements: string[];
  graph: JobGraph;
  operators: OperatorFingerprint[];
}

/** Everything an operator's state depends on: its window, key, inputs and accumulators. */
export interface OperatorFingerprint {
  id: string;
  view: string;
  kind: string;
  window: IrWindow;
  key: string[];
  sources: string[];
  aggregates: { name: string; aggregation: IrAggregation }[];
  derived: string[];
}

export const PARAM_JOB = 'featc.job';
export const PARAM_HASH = 'featc.hash';
export const PARAM_ARTIFACT = 'featc.artifact';

export function artifactOf(job: CompiledJob): DeployedArtifact {
  return {
    v: 1,
    job: job.name,
    hash: job.hash,
    statements: [...job.statements],
    graph: job.graph,
    operators: job.operators.map((op) => ({
      id: op.id, view: op.view, kind: op.kind, window: op.window, key: [...op.key], sources: [...op.sources],
      aggregates: op.aggregates.map((a) => ({ name: a.name, aggregation: a.aggregation })), derived: op.derived.map((d) => d.name),
    })),
  };
}

export function encodeArtifact(a: DeployedArtifact): string {
  return gzipSync(Buffer.from(JSON.stringify(a))).toString('base64url');
}

export function decodeArtifact(text: string): DeployedArtifact | undefined {
  try {
    const a = JSON.parse(gunzipSync(Buffer.from(text, 'base64url')).toString('utf8')) as DeployedArtifact;
    return a.v === 1 ? a : undefined;
  } catch {
    return undefined;
  }
}

/** The `pipeline.global-job-parameters` map value: `k:"v",…` (values quoted: hashes contain ':'). */
export function identityParameters(artifact: DeployedArtifact): string {
  const params: [string, string][] = [[PARAM_JOB, artifact.job], [PARAM_HASH, artifact.hash], [PARAM_ARTIFACT, encodeArtifact(artifact)]];
  return params.map(([k, v]) => `${k}:"${v}"`).join(',');
}
