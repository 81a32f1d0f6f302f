import { callJson, expectField, FlinkRestError, type HttpOptions } from './http.js';

export type JobState = 'INITIALIZING' | 'CREATED' | 'RUNNING' | 'FAILING' | 'FAILED' | 'CANCELLING' | 'CANCELED' | 'FINISHED' | 'RESTARTING' | 'SUSPENDED' | 'RECONCILING';

export interface JobOverview {
  jid: string;
  name: string;
  state: JobState;
  'start-time': number;
  'end-time': number;
  duration: number;
}

export interface JobDetails {
  jid: string;
  name: string;
  state: JobState;
  'start-time': number;
  duration: number;
  vertices: { id: string; name: string; parallelism: number; status: string; metrics: { 'read-records': number; 'write-records': number; 'read-records-complete': boolean } }[];
  /** The job graph: each node's inputs tell sources (no inputs) from the rest. */
  plan?: { nodes: { id: string; inputs?: { id: string }[] }[] };
}

export interface CheckpointStats {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  latest: {
    completed: { id: number; latest_ack_timestamp: number; external_path: string; state_size?: number; checkpointed_size?: number; end_to_end_duration: number } | null;
    restored: { id: number; external_path: string; is_savepoint: boolean } | null;
    /** The latest completed savepoint, e.g. the one a stop-with-savepoint took. */
    savepoint?: { id: number; latest_ack_timestamp: number; external_path: string } | null;
  };
}

export interface AsyncOperation {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: { location?: string; 'failure-cause'?: { 'stack-trace'?: string; class?: string } };
}

/** Typed client for the JobManager REST API. */
export class JobManagerClient {
  private readonly http: HttpOptions;

  constructor(readonly url: string, http: HttpOptions = {}) {
    this.http = { service: 'JobManager', ...http };
  }

  overview(): Promise<{ taskmanagers: number; 'slots-total': number; 'slots-available': number; 'flink-version': string }> {
    return callJson(this.url, 'GET', '/overview', undefined, this.http);
  }

  async jobs(): Promise<JobOverview[]> {
    const r = await callJson<{ jobs?: JobOverview[] }>(this.url, 'GET', '/jobs/overview', undefined, this.http);
    return expectField(r, 'jobs', 'GET /jobs/overview', this.url).jobs;
  }

  async job(jobId: string): Promise<JobDetails> {
    const r = await callJson<Partial<JobDetails>>(this.url, 'GET', `/jobs/${jobId}`, undefined, this.http);
    return { vertices: [], ...expectField(r, 'state', `GET /jobs/${jobId}`, this.url) } as JobDetails;
  }

  exceptions(jobId: string): Promise<{ 'root-exception'?: string; exceptionHistory?: { entries: { exceptionName: string; stacktrace: string; timestamp: number }[] } }> {
    return callJson(this.url, 'GET', `/jobs/${jobId}/exceptions?maxExceptions=5`, undefined, this.http);
  }

  checkpoints(jobId: string): Promise<CheckpointStats> {
    return callJson(this.url, 'GET', `/jobs/${jobId}/checkpoints`, undefined, this.http);
  }

  jobConfig(jobId: string): Promise<{ 'execution-config'?: { 'user-config'?: Record<string, string> } }> {
    return callJson(this.url, 'GET', `/jobs/${jobId}/config`, undefined, this.http);
  }

  /** Stop with savepoint; returns the trigger id to poll with `savepointStatus`. */
  async stopWithSavepoint(jobId: string, targetDirectory?: string, drain = false): Promise<string> {
    const r = await callJson<{ 'request-id'?: string }>(this.url, 'POST', `/jobs/${jobId}/stop`, { drain, ...(targetDirectory ? { targetDirectory } : {}) }, this.http);
    return expectField(r, 'request-id', `POST /jobs/${jobId}/stop`, this.url)['request-id'];
  }

  async triggerSavepoint(jobId: string, targetDirectory?: string): Promise<string> {
    const r = await callJson<{ 'request-id': string }>(this.url, 'POST', `/jobs/${jobId}/savepoints`, { 'cancel-job': false, ...(targetDirectory ? { 'target-directory': targetDirectory } : {}) }, this.http);
    return r['request-id'];
  }

  /** Job-level metrics such as `numRestarts`, `uptime`, `lastCheckpointDuration`. */
  async jobMetrics(jobId: string, names: string[]): Promise<Record<string, string>> {
    const r = await callJson<{ id: string; value: string }[]>(this.url, 'GET', `/jobs/${jobId}/metrics?get=${names.map(encodeURIComponent).join(',')}`, undefined, this.http);
    return Object.fromEntries(r.map((m) => [m.id, m.value]));
  }

  /** Ids of the metrics a vertex's subtasks report (operator metrics are `<operator>[<id>].<name>`). */
  async vertexMetricIds(jobId: string, vertexId: string): Promise<string[]> {
    const r = await callJson<{ id: string }[]>(this.url, 'GET', `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics`, undefined, this.http);
    return r.map((m) => m.id);
  }

  /** Each metric summed over a vertex's subtasks. */
  async vertexMetricSums(jobId: string, vertexId: string, ids: string[]): Promise<Record<string, number>> {
    if (ids.length === 0) return {};
    const r = await callJson<{ id: string; sum?: number }[]>(this.url, 'GET', `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics?get=${ids.map(encodeURIComponent).join(',')}&agg=sum`, undefined, this.http);
    return Object.fromEntries(r.map((m) => [m.id, m.sum ?? 0]));
  }

  /** Back pressure of one vertex, sampled by the JobManager (the first call may answer `deprecated` until a sample exists). */
  vertexBackpressure(jobId: string, vertexId: string): Promise<{ status: string; backpressureLevel?: 'ok' | 'low' | 'high'; subtasks?: { busyRatio?: number; backPressuredRatio?: number }[] }> {
    return callJson(this.url, 'GET', `/jobs/${jobId}/vertices/${vertexId}/backpressure`, undefined, this.http);
  }

  savepointStatus(jobId: string, triggerId: string): Promise<AsyncOperation> {
    return callJson(this.url, 'GET', `/jobs/${jobId}/savepoints/${triggerId}`, undefined, this.http);
  }

  async cancel(jobId: string): Promise<void> {
    await callJson(this.url, 'PATCH', `/jobs/${jobId}?mode=cancel`, undefined, this.http);
  }

  /** Polls until the job reaches one of `states` (or fails the wait with the job's last state). */
  async waitForState(jobId: string, states: JobState[], timeoutMs = 60_000): Promise<JobState> {
    const deadline = Date.now() + timeoutMs;
    let state: JobState = 'INITIALIZING';
    while (Date.now() < deadline) {
      state = (await this.job(jobId)).state;
      if (states.includes(state)) return state;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new FlinkRestError('FEATC_E7006', `job ${jobId} is still ${state} after ${Math.round(timeoutMs / 1000)} s (waited for ${states.join('/')})`, undefined, '',
      'the JobManager is slow or the job is stuck: check `featc status` and the JobManager log; `featc destroy <job>` cancels it');
  }
}
