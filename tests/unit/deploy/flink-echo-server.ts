import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for a Flink cluster that refuses a deploy the way Flink 2.2 really does when a
 * source's options fail validation: the SQL Gateway accepts every CREATE, then rejects the
 * `EXECUTE STATEMENT SET` with "Unable to create a source … Table options are: 'k'='v' …", listing the
 * options it was given (Flink masks `*jaas.config*` and a few other keys, not e.g.
 * `properties.ssl.keystore.key`; this server masks nothing). The error body has the shape of the real
 * gateway's (captured from the shared stack): JSON `errors`, the options line JSON-escaped.
 * The JobManager side runs no jobs. Network-side fault injection only: no SQL is planned.
 */
export interface EchoServer { url: string; statements: string[]; close(): Promise<void> }

const OPTION = /^\s*'((?:[^']|'')*)' = '((?:[^']|'')*)',?$/;

function optionsOf(statement: string): string[] {
  return statement.split('\n').flatMap((line) => {
    const m = OPTION.exec(line);
    return m ? [`'${(m[1] ?? '').replaceAll("''", "'")}'='${(m[2] ?? '').replaceAll("''", "'")}'`] : [];
  });
}

export async function startEchoServer(): Promise<EchoServer> {
  const statements: string[] = [];
  const status = new Map<string, 'FINISHED' | 'ERROR'>();
  let firstSource: string | undefined;
  const reply = (res: ServerResponse, code: number, body: unknown): void => {
    res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/jobs/overview') return reply(res, 200, { jobs: [] });
      if (req.method === 'POST' && path === '/v3/sessions') return reply(res, 200, { sessionHandle: 's1' });
      if (req.method === 'DELETE' && path.startsWith('/v3/sessions/')) return reply(res, 200, {});
      if (req.method === 'POST' && path === '/v3/sessions/s1/statements') {
        const statement = (JSON.parse(body) as { statement: string }).statement;
        statements.push(statement);
        if (!firstSource && statement.includes("'connector' = 'kafka'") && statement.includes('properties.')) firstSource = statement;
        const op = `op${statements.length}`;
        status.set(op, statement.startsWith('EXECUTE STATEMENT SET') ? 'ERROR' : 'FINISHED');
        return reply(res, 200, { operationHandle: op });
      }
      const op = /^\/v3\/sessions\/s1\/operations\/(op\d+)\/(status|result\/0)$/.exec(path);
      if (op) {
        const state = status.get(op[1] ?? '') ?? 'FINISHED';
        if (op[2] === 'status') return reply(res, 200, { status: state });
        if (state === 'FINISHED') return reply(res, 200, { resultType: 'EOS', results: { columns: [], data: [] } });
        const table = /CREATE TEMPORARY TABLE `([^`]+)`/.exec(firstSource ?? '')?.[1] ?? 'src';
        return reply(res, 500, {
          errors: [
            'org.apache.flink.runtime.rest.handler.RestHandlerException: Failed to fetchResults.',
            `org.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation ${op[1]}.\n`
              + `Caused by: org.apache.flink.table.api.ValidationException: Unable to create a source for reading table 'default_catalog.default_database.${table}'.\n\n`
              + `Table options are:\n\n${optionsOf(firstSource ?? '').join('\n')}\n\tat org.apache.flink.table.factories.FactoryUtil.createDynamicTableSource(FactoryUtil.java:228)\n`
              + 'Caused by: org.apache.flink.table.api.ValidationException: Could not parse value for enum class ScanStartupMode.\n',
          ],
        });
      }
      return reply(res, 404, { errors: [`Not found: ${path}`] });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    statements,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
