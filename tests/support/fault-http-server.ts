import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** What the fake peer answers to one request: a status and body, or nothing at all (the request hangs). */
export type FaultAnswer = { status: number; body: string; contentType?: string } | 'hang';

export interface FaultServer {
  url: string;
  /** `METHOD path` of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server standing in for a broken Flink REST peer (JobManager or SQL Gateway):
 * fault injection on the network side only, answering each request as `answer` decides.
 */
export async function startFaultServer(answer: (method: string, path: string) => FaultAnswer): Promise<FaultServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const key = `${req.method ?? 'GET'} ${req.url ?? '/'}`;
      requests.push(key);
      const a = answer(req.method ?? 'GET', req.url ?? '/');
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json; charset=UTF-8' });
      res.end(a.body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** A TCP port that accepts connections and never sends a byte (a hung peer below HTTP). */
export async function startSilentPort(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** A loopback port nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** Flink's REST error body: `{"errors": [...]}` with a Java stack trace, as the JobManager and gateway send it. */
export function flinkErrorBody(cause: string): string {
  return JSON.stringify({
    errors: [
      `org.apache.flink.runtime.rest.handler.RestHandlerException: Internal server error.\n\tat org.apache.flink.runtime.rest.handler.AbstractRestHandler.lambda$handleRequest$0(AbstractRestHandler.java:83)\n` +
        `Caused by: ${cause}\n\tat org.apache.flink.runtime.dispatcher.Dispatcher.requestJob(Dispatcher.java:912)\n`,
    ],
  });
}

export const HTML_ERROR_PAGE = '<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>\n';
