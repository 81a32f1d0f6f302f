import { FeatcError } from '../../common/errors.js';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { configuredTarget, definitionPaths } from '../support/context.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';

interface TestOptions {
  json?: boolean;
  reporter?: string;
  junitOut?: string;
  concurrency: string;
  filter?: string;
  flink?: string;
  gateway?: string;
  kafka?: string;
}

/** `featc test [paths...]`: runs `featureTest(...)` files on the real stack; exit 0 all passed, 1 a test failed or could not run, 2 no stack. */
export function registerTest(program: Command): void {
  program
    .command('test')
    .summary('run feature tests (*.test.ts) on Flink: fixtures in, outputs compared')
    .description('run feature tests (*.test.ts next to the definitions) on Flink: fixtures in, windows fired, outputs compared')
    .argument('[paths...]', 'test files, definition files (their x.test.ts) or directories (default: definitions in featc.config.ts, else features/)')
    .option('--json', 'print the machine-readable report')
    .option('--reporter <name>', 'junit: write JUnit XML (to --junit-out, else stdout)')
    .option('--junit-out <file>', 'where to write the JUnit XML')
    .option('--concurrency <n>', 'tests running at once (each is one Flink job)', '2')
    .option('--filter <text>', 'only tests whose name contains text')
    .option('--flink <url>', 'JobManager REST URL (default: the --target in featc.config.ts, FEATC_FLINK_URL, else the local stack, started when down)')
    .option('--gateway <url>', 'SQL Gateway URL')
    .option('--kafka <bootstrap>', 'Kafka bootstrap servers')
    .action((given: string[], o: TestOptions) => runAction(async () => {
      const junit = o.reporter === 'junit' || o.junitOut !== undefined;
      if (o.reporter !== undefined && o.reporter !== 'junit') {
        throw new FeatcError('FEATC_E7301', `unknown reporter '${o.reporter}'`, { hint: 'use --reporter junit' });
      }
      const quiet = o.json || (junit && !o.junitOut);
      // Loaded on use: the runner pulls in the Kafka client, which other verbs should not pay for.
      const { formatReport, junitReport, runFeatureTests } = await import('../../testing/index.js');
      const [paths, configured] = await Promise.all([definitionPaths(given), configuredTarget()]);
      const report = await runFeatureTests(paths, {
        ...(configured ? { configured } : {}),
        concurrency: Number(o.concurrency) || 2,
        ...(o.filter ? { filter: o.filter } : {}),
        ...(o.flink ? { flink: o.flink } : {}), ...(o.gateway ? { gateway: o.gateway } : {}), ...(o.kafka ? { kafka: o.kafka } : {}),
        ...(quiet ? {} : { onResult: (r) => process.stderr.write(`${r.status === 'passed' ? 'pass' : r.status === 'failed' ? 'FAIL' : 'ERROR'} ${r.name} (${(r.durationMs / 1000).toFixed(1)}s)\n`) }),
      });
      if (junit && o.junitOut) writeFileSync(o.junitOut, junitReport(report));
      if (o.json) printJson({ ...report });
      else if (junit && !o.junitOut) console.log(junitReport(report));
      else console.log(formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    }, o.json));
}
