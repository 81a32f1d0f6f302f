/**
 * `npm run chaos`: the fault-injection suite on a private stack (see tests/chaos/README.md).
 * Exit 0 with 0 mismatches, 1 otherwise; the summary is printed and written as JSON.
 */
import { chaosConfig } from './config.js';
import { runChaos } from './run-chaos.js';
import { formatSummary, writeSummary } from './summary.js';

const config = chaosConfig();
const log = (line: string): void => { process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`); };
log(`${config.events.toLocaleString('en-US')} events, ${config.faults} faults, seed ${config.seed}, stack in ${config.home}`);
try {
  const summary = await runChaos(config, log);
  console.log(formatSummary(summary));
  console.log(`summary written to ${writeSummary(summary, config.resultsDir)}`);
  process.exitCode = summary.mismatches === 0 && summary.faults.length >= config.faults ? 0 : 1;
} catch (err) {
  log(`FAILED: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
}
if (process.env.FEATC_CHAOS_DEBUG_HANDLES === '1') {
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  log(`open handles: ${handles.map((h) => h.constructor.name).join(', ')}`);
}
