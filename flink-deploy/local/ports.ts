import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The first port of the kernel's ephemeral range (where outgoing connections and `listen(0)` take their ports). */
export function ephemeralRangeStart(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): number {
  try {
    const low = Number(readFileSync(rangeFile, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * A port that is free now and lies below the ephemeral range, so no outgoing connection of any
 * process can take it between the moment it is chosen and the moment a service binds it.
 * (A port from `listen(0)` can: Kafka then dies at start with "Address already in use".)
 */
export async function freePort(): Promise<number> {
  const high = ephemeralRangeStart() - 1;
  const low = Math.min(24000, high - 1000);
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port between ${low} and ${high}`);
}
