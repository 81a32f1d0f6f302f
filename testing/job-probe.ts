import { request } from 'undici';
import { callJson } from '../flink-deploy/rest/index.js';

/** One operator-level metric value of a running job. */
export interface OperatorSample {
  readonly vertex: string;
  readonly operator: string;
  readonly value: number;
}

/** Where live operator metrics come from: the TaskManagers' Prometheus endpoints (live), else JobManager REST (cached ~10 s). */
export type MetricsSource = 'prometheus' | 'rest';

const WINDOW_OPERATOR = /WindowAggregate|OverAggregate/;
const PROMETHEUS_PORTS = Array.from({ length: 11 }, (_, i) => 9250 + i);

/** Flink sanitises operator names in Prometheus labels; compare names in this form. */
export function normalise(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

function parseProm(text: string, jobId: string, names: ReadonlySet<string>): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(jobId)) continue;
    const brace = line.indexOf('{');
    const name = line.slice(0, brace).replace(/^flink_taskmanager_job_task_operator_/, '');
    if (!names.has(name)) continue;
    const end = line.lastIndexOf('}');
    const labels: Record<string, string> = {};
    for (const m of line.slice(brace + 1, end).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1] ?? ''] = m[2] ?? '';
    out.push({ name, labels, value: Number(line.slice(end + 1).trim()) });
  }
  return out;
}

/**
 * Reads a running job's watermarks, late-record counters and sink writer counts. Prefers the
 * TaskManagers' Prometheus reporters on the JobManager's host (values are live); falls back to the
 * JobManager REST metrics, which its metric fetcher refreshes about every 10 s.
 */
export class JobProbe {
  private ports: number[] = [];
  source: MetricsSource = 'rest';

  constructor(readonly flinkUrl: string, readonly jobId: string) {}

  /** Vertices holding a window/OVER aggregation: every barrier waits for each of them. */
  windowVertices: string[] = [];

  /**
   * Waits until every task of the job runs, then finds the Prometheus endpoints that report the
   * watermark of every window vertex; falls back to REST when none does within `timeoutMs`.
   */
  async discover(timeoutMs = 20_000): Promise<MetricsSource> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const vertices = await callJson<{ vertices: { id: string; name: string; status: string }[] }>(this.flinkUrl, 'GET', `/jobs/${this.jobId}`);
      // A source vertex has no input watermark; the aggregation downstream of it is what closes windows.
      this.windowVertices = vertices.vertices.filter((v) => WINDOW_OPERATOR.test(v.name) && !v.name.startsWith('Source:')).map((v) => v.id);
      if (vertices.vertices.every((v) => v.status === 'RUNNING')) break;
      if (Date.now() > deadline) throw new Error(`the job's tasks did not all start within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const host = new URL(this.flinkUrl).hostname;
    // FEATC_TEST_METRICS=rest forces the JobManager REST path (clusters without a Prometheus reporter).
    while (process.env.FEATC_TEST_METRICS !== 'rest' && Date.now() < deadline) {
      const found = await Promise.all(PROMETHEUS_PORTS.map(async (port) => {
        const text = await this.fetchText(`http://${host}:${port}/metrics`);
        return text?.includes(`job_id="${this.jobId}"`) ? port : null;
      }));
      this.ports = found.filter((p): p is number => p !== null);
      if (this.ports.length > 0) {
        this.source = 'prometheus';
        const seen = new Set((await this.windowWatermarks()).map((m) => m.vertex));
        if (this.windowVertices.every((v) => seen.has(v))) return this.source;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    return (this.source = 'rest');
  }

  private async fetchText(url: string): Promise<string | null> {
    try {
      const res = await request(url, { headersTimeout: 2000, bodyTimeout: 5000 });
      const text = await res.body.text();
      return res.statusCode === 200 ? text : null;
    } catch {
      return null;
    }
  }

  private async prometheus(names: string[]): Promise<{ name: string; labels: Record<string, string>; value: number }[]> {
    const host = new URL(this.flinkUrl).hostname;
    const texts = await Promise.all(this.ports.map((p) => this.fetchText(`http://${host}:${p}/metrics`)));
    return texts.flatMap((t) => (t ? parseProm(t, this.jobId, new Set(names)) : []));
  }

  private async vertices(): Promise<{ id: string; name: string }[]> {
    const job = await callJson<{ vertices: { id: string; name: string }[] }>(this.flinkUrl, 'GET', `/jobs/${this.jobId}`);
    return job.vertices;
  }

  private async restMetric(vertex: string, suffix: string): Promise<{ id: string; value: number }[]> {
    const ids = await callJson<{ id: string }[]>(this.flinkUrl, 'GET', `/jobs/${this.jobId}/vertices/${vertex}/metrics`);
    const wanted = ids.map((m) => m.id).filter((id) => id.endsWith(suffix));
    if (wanted.length === 0) return [];
    const values = await callJson<{ id: string; value: string }[]>(this.flinkUrl, 'GET', `/jobs/${this.jobId}/vertices/${vertex}/metrics?get=${wanted.map(encodeURIComponent).join(',')}`);
    return values.map((v) => ({ id: v.id, value: Number(v.value) }));
  }

  /** Input watermark of every window/OVER aggregation operator and the sink writers chained behind them (minimum over subtasks). */
  async windowWatermarks(): Promise<OperatorSample[]> {
    const byOperator = new Map<string, OperatorSample>();
    const add = (s: OperatorSample): void => {
      const key = `${s.vertex}/${s.operator}`;
      const prev = byOperator.get(key);
      if (!prev || s.value < prev.value) byOperator.set(key, s);
    };
    if (this.source === 'prometheus') {
      for (const m of await this.prometheus(['currentInputWatermark'])) {
        const operator = m.labels.operator_name ?? '';
        const vertex = m.labels.task_id ?? '';
        // Flink sets an operator's input watermark before the operator fires its windows; a sink writer
        // chained behind the window sees the watermark only after every fired row: wait for both.
        const writerAfterWindow = operator.endsWith('Writer') && this.windowVertices.includes(vertex);
        if (WINDOW_OPERATOR.test(operator) || writerAfterWindow) add({ vertex, operator, value: m.value });
      }
    } else {
      for (const v of (await this.vertices()).filter((x) => this.windowVertices.includes(x.id))) {
        const marks = await callJson<{ id: string; value: string }[]>(this.flinkUrl, 'GET', `/jobs/${this.jobId}/vertices/${v.id}/watermarks`);
        for (const w of marks) add({ vertex: v.id, operator: v.name, value: Number(w.value) });
        if (marks.length === 0) add({ vertex: v.id, operator: v.name, value: Number.NEGATIVE_INFINITY });
      }
    }
    return [...byOperator.values()];
  }

  /** Flink's `numLateRecordsDropped`, per window operator (summed over subtasks). */
  async lateRecordsDropped(): Promise<OperatorSample[]> {
    const sum = new Map<string, OperatorSample>();
    const add = (s: OperatorSample): void => {
      const key = `${s.vertex}/${s.operator}`;
      sum.set(key, { ...s, value: (sum.get(key)?.value ?? 0) + s.value });
    };
    if (this.source === 'prometheus') {
      for (const m of await this.prometheus(['numLateRecordsDropped'])) add({ vertex: m.labels.task_id ?? '', operator: m.labels.operator_name ?? '', value: m.value });
    } else {
      for (const v of await this.vertices()) {
        for (const m of await this.restMetric(v.id, '.numLateRecordsDropped')) add({ vertex: v.id, operator: m.id.replace(/^\d+\./, '').replace(/\.numLateRecordsDropped$/, ''), value: m.value });
      }
    }
    return [...sum.values()];
  }

  /** Records each sink table's writer received, by normalised sink table name; null without live metrics. */
  async sinkRecords(tables: readonly string[]): Promise<Map<string, number> | null> {
    if (this.source !== 'prometheus') return null;
    const counts = new Map<string, number>(tables.map((t) => [t, 0]));
    for (const m of await this.prometheus(['numRecordsIn'])) {
      const operator = m.labels.operator_name ?? '';
      if (!operator.endsWith('Writer')) continue;
      const table = tables.find((t) => operator.startsWith(`${normalise(t)}_`));
      if (table !== undefined) counts.set(table, (counts.get(table) ?? 0) + m.value);
    }
    return counts;
  }

  /** Source table names upstream of each vertex (a source vertex is upstream of itself). */
  async upstreamSourceTables(): Promise<Map<string, Set<string>>> {
    const { plan } = await callJson<{ plan: { nodes: { id: string; description: string; inputs?: { id: string }[] }[] } }>(this.flinkUrl, 'GET', `/jobs/${this.jobId}/plan`);
    const nodes = new Map(plan.nodes.map((n) => [n.id, n]));
    const memo = new Map<string, Set<string>>();
    const visit = (id: string): Set<string> => {
      const known = memo.get(id);
      if (known) return known;
      const node = nodes.get(id);
      const tables = new Set<string>();
      memo.set(id, tables);
      for (const m of node?.description.matchAll(/TableSourceScan\(table=\[\[[^,\]]+, [^,\]]+, ([^,\]]+)/g) ?? []) tables.add(m[1] ?? '');
      for (const input of node?.inputs ?? []) for (const t of visit(input.id)) tables.add(t);
      return tables;
    };
    for (const id of nodes.keys()) visit(id);
    return memo;
  }
}
