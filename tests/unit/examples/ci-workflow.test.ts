import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerCommands } from '../../../cli/commands/index.js';
import { parseYaml } from '../../../flink-deploy/k8s/index.js';

interface Step { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> }
const workflow = parseYaml(readFileSync(join('examples', 'ci', 'github-actions.yml'), 'utf8')) as {
  on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

// The CLI's command tree, as cli/main.ts builds it; helpInformation() is the text `--help` prints.
const program = new Command('featc');
registerCommands(program);
/** The `featc [words…] --help` text, or undefined when there is no such (sub)command. */
function help(...words: string[]): string {
  let cmd: Command | undefined = program;
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
  if (cmd === undefined) throw new Error(`featc ${words.join(' ')} does not exist`);
  return cmd.helpInformation();
}
const listedCommands = (text: string) => [...(text.split(/^Commands:$/m)[1] ?? '').matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]);
const listedFlags = (text: string) => [...text.matchAll(/(?:^|[\s,])(--[a-z][\w-]*)/gm)].map((m) => m[1]);

/** Every `npx featc …` command of the run scripts: words up to a redirection, pipe or end of command. */
function featcCommands(): string[][] {
  const scripts = steps.map((s) => s.run ?? '').join('\n').replace(/\\\n\s*/g, ' ');
  return [...scripts.matchAll(/npx featc((?:\s+(?![>|;&])[^\s;|&>)]+)*)/g)].map((m) => (m[1] ?? '').trim().split(/\s+/).map((w) => w.replaceAll('"', '')));
}

describe('examples/ci/github-actions.yml', () => {
  test('runs compile --check, test and plan with --json, keeps the reports, stops the stack', () => {
    const commands = featcCommands().map((c) => c.join(' '));
    expect(commands).toEqual(expect.arrayContaining([
      'compile --check --json', 'local up --json', 'local env', 'local down',
      expect.stringMatching(/^test --flink \$FEATC_FLINK_URL .*--json --junit-out/),
      expect.stringMatching(/^plan --flink \$TARGET_FLINK --gateway \$TARGET_GATEWAY --kafka \$TARGET_KAFKA --json$/),
    ]));
    // A team repository has no featc scripts of its own: nothing may run this repository's setup.
    expect(steps.map((s) => s.run ?? '').join('\n')).not.toMatch(/npm run setup|scripts\//);
    const byName = (re: RegExp) => steps.find((s) => re.test(s.name ?? '')) as Step;
    expect(byName(/^featc plan/).if).toBe("env.HAS_TARGET == 'true'");
    expect(Object.values(byName(/^featc plan/).env ?? {})).toEqual(['${{ secrets.FEATC_FLINK_URL }}', '${{ secrets.FEATC_SQL_GATEWAY_URL }}', '${{ secrets.FEATC_KAFKA_BOOTSTRAP }}']);
    expect(byName(/^featc test/).env).toBeUndefined();
    expect(byName(/^Keep the reports/)).toMatchObject({ if: 'always()', uses: 'actions/upload-artifact@v4', with: { path: 'featc-reports/' } });
    expect(byName(/^Stop the local stack/).if).toBe('always()');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('every featc verb, subcommand and flag it uses exists in `featc --help`', () => {
    const missing: string[] = [];
    const verbs = listedCommands(help());
    for (const words of featcCommands()) {
      const [verb, ...rest] = words as [string, ...string[]];
      if (!verbs.includes(verb)) { missing.push(`featc ${verb}`); continue; }
      const subs = listedCommands(help(verb));
      const sub = subs.length > 0 ? rest.find((w) => !w.startsWith('-')) : undefined;
      if (subs.length > 0 && (sub === undefined || !subs.includes(sub))) { missing.push(`featc ${verb} ${sub ?? '(no subcommand)'}`); continue; }
      const flags = listedFlags(help(...(sub === undefined ? [verb] : [verb, sub])));
      for (const w of rest.filter((x) => x.startsWith('--'))) if (!flags.includes(w.replace(/=.*/, ''))) missing.push(`featc ${verb}${sub ? ` ${sub}` : ''} ${w}`);
    }
    expect(featcCommands().length).toBeGreaterThanOrEqual(7);
    expect(missing).toEqual([]);
  });
});
