import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, isPortFree } from '../../flink-deploy/local/ports.js';

/** The ports of the demo's own services, kept between runs in `<demo dir>/services.json`. */
export interface DemoPorts { model: number; gateway: number }

function read(file: string): Partial<DemoPorts> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoPorts>;
  } catch {
    return {};
  }
}

async function reuse(port: number | undefined): Promise<number> {
  return port !== undefined && (await isPortFree(port)) ? port : await freePort();
}

/**
 * The previous run's ports when they are free again, else new free ones. Jobs that left running
 * (`--keep-stack`) reach the gateway at the URL they were deployed with, so keeping the port keeps
 * them working; `changed` says the gateway moved, and the jobs that call it must be redeployed.
 */
export async function demoPorts(demoDir: string): Promise<{ ports: DemoPorts; gatewayChanged: boolean; save(): void }> {
  const file = join(demoDir, 'services.json');
  const before = read(file);
  const model = await reuse(before.model);
  let gateway = await reuse(before.gateway);
  if (gateway === model) gateway = await freePort();
  const ports = { model, gateway };
  return { ports, gatewayChanged: before.gateway !== gateway, save: () => writeFileSync(file, `${JSON.stringify(ports)}\n`) };
}
