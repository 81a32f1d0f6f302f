// `npm run demo`: featc's own end-to-end demo (this repository's jobs/), not part of the installed CLI.
import { Command } from 'commander';
import { runAction } from '../../cli/support/exit.js';
import { runDemo } from './run-demo.js';

const program = new Command('npm run demo --');
program
    .summary('one command: local stack, jobs, events, live features, an enriched LLM request')
    .description('Starts the local stack, the test model server, the inference gateway and the Redis sink, deploys every job in jobs/, ' +
      'produces a seeded, skewed, out-of-order event stream and shows a few users\' features as they are served from Redis, ' +
      'then answers one request through the enrichment example. Stops everything it started (the stack stays with --keep-stack).')
    .option('--duration <s>', 'how long to produce events', '60')
    .option('--rate <n>', 'impressions per second (clicks, queries and metrics follow)', '300')
    .option('--speed <x>', 'event time runs this many times faster than the wall clock, so 5-minute windows close every few seconds', '30')
    .option('--seed <n>', 'generator seed', '1')
    .option('--users <n>', 'distinct users (Zipf-skewed: a few heavy users)', '200')
    .option('--jobs <dir>', 'definitions to deploy', 'jobs')
    .option('--keep-stack', 'leave the local stack running afterwards')
    .option('--json', 'print a JSON summary at the end')
    .action((o: Record<string, string | boolean | undefined>) => runAction(async () => {
      const summary = await runDemo({
        durationSec: Number(o.duration), rate: Number(o.rate), speed: Number(o.speed), seed: Number(o.seed), users: Number(o.users),
        keepStack: Boolean(o.keepStack), jobsDir: String(o.jobs), tty: Boolean(process.stdout.isTTY) && !o.json,
        out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
      });
      if (o.json) console.log(JSON.stringify(summary, null, 2));
      else console.log(`demo finished in ${summary.wallSec.toFixed(1)}s: ${summary.produced} events produced, ${summary.sinkApplied ?? '?'} feature records applied to Redis`);
    }));

await program.parseAsync(process.argv);
