import { callJson, expectField, FlinkRestError, type HttpOptions } from './http.js';

export interface StatementResult {
  /** Result rows as Flink's JSON row format gives them (`fields` per row). */
  rows: unknown[][];
  columns: string[];
  /** Set when the statement submitted a job (INSERT, EXECUTE STATEMENT SET). */
  jobId?: string;
}

interface ResultPage {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  jobID?: string;
  nextResultUri?: string;
  results?: { columns?: { name: string }[]; data?: { kind: string; fields: unknown[] }[] };
}

/** Typed client for Flink's SQL Gateway REST API (v3). */
export class SqlGatewayClient {
  private readonly http: HttpOptions;

  constructor(readonly url: string, http: HttpOptions = {}) {
    this.http = { service: 'SQL Gateway', ...http };
  }

  async info(): Promise<{ productName: string; version: string }> {
    return callJson(this.url, 'GET', '/v3/info', undefined, this.http);
  }

  /** Opens a session; `properties` are session-level configuration (e.g. `execution.runtime-mode`). */
  async openSession(properties: Record<string, string> = {}, sessionName?: string): Promise<string> {
    const r = await callJson<{ sessionHandle?: string }>(this.url, 'POST', '/v3/sessions', { properties, ...(sessionName ? { sessionName } : {}) }, this.http);
    return expectField(r, 'sessionHandle', 'POST /v3/sessions', this.url).sessionHandle;
  }

  async closeSession(session: string): Promise<void> {
    await callJson(this.url, 'DELETE', `/v3/sessions/${session}`, undefined, { ...this.http, retries: 0 }).catch(() => undefined);
  }

  async configureSession(session: string, statement: string): Promise<void> {
    await callJson(this.url, 'POST', `/v3/sessions/${session}/configure-session`, { statement }, this.http);
  }

  /** Submits a statement; returns its operation handle without waiting. */
  async submit(session: string, statement: string, executionConfig: Record<string, string> = {}): Promise<string> {
    const r = await callJson<{ operationHandle?: string }>(this.url, 'POST', `/v3/sessions/${session}/statements`, { statement, executionConfig }, { ...this.http, retries: 0 });
    return expectField(r, 'operationHandle', 'POST /v3/sessions/…/statements', this.url).operationHandle;
  }

  async status(session: string, operation: string): Promise<string> {
    const r = await callJson<{ status?: string }>(this.url, 'GET', `/v3/sessions/${session}/operations/${operation}/status`, undefined, this.http);
    return expectField(r, 'status', 'GET /v3/sessions/…/operations/…/status', this.url).status;
  }

  async cancel(session: string, operation: string): Promise<void> {
    await callJson(this.url, 'POST', `/v3/sessions/${session}/operations/${operation}/cancel`, undefined, this.http).catch(() => undefined);
  }

  /**
   * Runs one statement to completion and collects its result. For a statement that submits a job,
   * completion means "submitted": the job id is in the result. Throws FlinkRestError with Flink's cause.
   */
  async execute(session: string, statement: string, opts: { executionConfig?: Record<string, string>; timeoutMs?: number; statementId?: string } = {}): Promise<StatementResult> {
    const operation = await this.submit(session, statement, opts.executionConfig ?? {});
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    let status = await this.status(session, operation);
    while (status === 'RUNNING' || status === 'PENDING' || status === 'INITIALIZED') {
      if (Date.now() > deadline) {
        await this.cancel(session, operation);
        throw new FlinkRestError('FEATC_E7004', `${opts.statementId ?? 'statement'} did not finish within ${opts.timeoutMs ?? 120_000} ms`, undefined, statement, 'the cluster may lack free slots; see `featc status`');
      }
      await new Promise((r) => setTimeout(r, 50));
      status = await this.status(session, operation);
    }
    try {
      return await this.collect(session, operation);
    } catch (err) {
      if (err instanceof FlinkRestError && status === 'ERROR') {
        throw new FlinkRestError('FEATC_E7010', `${opts.statementId ?? 'statement'} was rejected by Flink: ${err.reason}`, err.status, err.fullText, 'fix the definition (or report a compiler bug with the statement id)', err.reason);
      }
      throw err;
    }
  }

  private async collect(session: string, operation: string): Promise<StatementResult> {
    const rows: unknown[][] = [];
    let columns: string[] = [];
    let jobId: string | undefined;
    let next: string | undefined = `/v3/sessions/${session}/operations/${operation}/result/0?rowFormat=JSON`;
    while (next) {
      const page: ResultPage = expectField(await callJson<Partial<ResultPage>>(this.url, 'GET', next, undefined, this.http), 'resultType', 'GET /v3/sessions/…/result', this.url);
      if (page.jobID) jobId = page.jobID;
      if (page.results?.columns?.length) columns = page.results.columns.map((c) => c.name);
      for (const d of page.results?.data ?? []) rows.push(d.fields);
      if (page.resultType === 'EOS') break;
      if (page.resultType === 'NOT_READY') await new Promise((r) => setTimeout(r, 50));
      next = page.nextResultUri?.replace(/^\/v\d+/, '/v3');
    }
    if (!jobId && columns[0] === 'job id' && typeof rows[0]?.[0] === 'string') jobId = rows[0][0];
    return { rows, columns, ...(jobId ? { jobId } : {}) };
  }
}
