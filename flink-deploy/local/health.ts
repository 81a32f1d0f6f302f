import { createConnection } from 'node:net';
import { request } from 'undici';
import { probeKafka } from './kafka-probe.js';

export interface Health {
  healthy: boolean;
  detail?: string;
  [extra: string]: unknown;
}

async function getJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const res = await request(url, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return JSON.parse(text) as unknown;
}

export async function jobManagerHealth(url: string): Promise<Health> {
  try {
    const o = (await getJson(`${url}/overview`)) as { 'flink-version': string; 'jobs-running': number };
    return { healthy: true, version: o['flink-version'], jobsRunning: o['jobs-running'] };
  } catch (err) {
    return { healthy: false, detail: (err as Error).message };
  }
}

/** Healthy once a TaskManager has registered with the JobManager and offers `minSlots`. */
export async function taskManagerHealth(jobManagerUrl: string, minSlots: number): Promise<Health> {
  try {
    const o = (await getJson(`${jobManagerUrl}/overview`)) as { taskmanagers: number; 'slots-total': number; 'slots-available': number };
    const healthy = o.taskmanagers >= 1 && o['slots-total'] >= minSlots;
    return { healthy, taskManagers: o.taskmanagers, slots: o['slots-total'], slotsAvailable: o['slots-available'], ...(healthy ? {} : { detail: `${o.taskmanagers} TaskManager(s), ${o['slots-total']} slot(s) registered` }) };
  } catch (err) {
    return { healthy: false, detail: (err as Error).message };
  }
}

/** RPC addresses of the TaskManagers registered with the JobManager (a restarted one has a new address). */
export async function taskManagerAddresses(jobManagerUrl: string): Promise<string[]> {
  try {
    const r = (await getJson(`${jobManagerUrl}/taskmanagers`)) as { taskmanagers: { id: string; path: string }[] };
    return r.taskmanagers.map((t) => t.path);
  } catch {
    return [];
  }
}

export async function sqlGatewayHealth(url: string): Promise<Health> {
  try {
    const info = (await getJson(`${url}/v3/info`)) as { productName: string; version: string };
    return { healthy: true, version: info.version };
  } catch (err) {
    return { healthy: false, detail: (err as Error).message };
  }
}

/** `deep` also produces a transactional record and reads it back with read_committed. */
export async function kafkaHealth(bootstrap: string, deep: boolean): Promise<Health> {
  try {
    await probeKafka(bootstrap, deep);
    return { healthy: true };
  } catch (err) {
    return { healthy: false, detail: (err as Error).message };
  }
}

/** ZooKeeper's `ruok` four-letter command over a plain socket. */
export function zookeeperHealth(hostPort: string, timeoutMs = 1500): Promise<Health> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host: host ?? '127.0.0.1', port: Number(port) });
    let reply = '';
    const done = (h: Health): void => {
      socket.destroy();
      resolve(h);
    };
    socket.setTimeout(timeoutMs, () => done({ healthy: false, detail: 'timed out' }));
    socket.on('error', (err) => done({ healthy: false, detail: err.message }));
    socket.on('connect', () => socket.write('ruok'));
    socket.on('data', (d) => { reply += d.toString(); });
    socket.on('end', () => done(reply.startsWith('imok') ? { healthy: true } : { healthy: false, detail: reply.trim() || 'no reply to ruok' }));
  });
}

/** Redis PING over a plain socket: no client library state to clean up. */
export function redisHealth(url: string, timeoutMs = 1500): Promise<Health> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (h: Health): void => {
      socket.destroy();
      resolve(h);
    };
    socket.setTimeout(timeoutMs, () => done({ healthy: false, detail: 'timed out' }));
    socket.on('error', (err) => done({ healthy: false, detail: err.message }));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG') ? { healthy: true } : { healthy: false, detail: d.toString().trim() }));
  });
}
