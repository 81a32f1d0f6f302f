/**
 * Writes docs/ERRORS.md: every error code of featc, from the registries (one per area, next to the
 * area's error class) and the compiler's diagnostics catalogue, grouped by range and sorted.
 *
 *   npm run docs:errors     (node bin/run-ts.js scripts/errors-doc.ts)
 *
 * tests/unit/errors/ checks that the file is up to date and that the registries match the code.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCodes } from '../cli/support/codes.js';
import type { CodeEntry, FeatcCodeRegistry } from '../common/error-codes.js';
import { exitCodeOf } from '../common/error-codes.js';
import { catalogue } from '../compiler/diagnostics/catalogue.js';
import { compilerCodes } from '../compiler/diagnostics/codes.js';
import { contractCodes } from '../contracts/codes.js';
import { deployCodes } from '../flink-deploy/codes.js';
import { k8sCodes } from '../flink-deploy/k8s/codes.js';
import { localStackCodes } from '../flink-deploy/local/codes.js';
import { flinkRestCodes } from '../flink-deploy/rest/codes.js';
import { gatewayCodes } from '../runtime/inference-gateway/codes.js';
import { redisSinkCodes } from '../runtime/redis-sink/codes.js';
import { testingCodes } from '../testing/codes.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ERRORS_DOC = 'docs/ERRORS.md';

/** One registered code as the docs show it; `message` only for diagnostics (rendered with ‹placeholders›). */
export interface DocEntry extends CodeEntry {
  readonly code: string;
  readonly message?: string;
}

export interface Registry {
  /** The area, as in common/error-codes.ts' FeatcCodeRegistry. */
  readonly area: keyof FeatcCodeRegistry;
  /** The registry's file, relative to the repository. */
  readonly file: string;
  readonly entries: readonly DocEntry[];
}

const plain = (codes: Readonly<Record<string, CodeEntry>>): DocEntry[] => Object.entries(codes).map(([code, e]) => ({ code, ...e }));

/** A diagnostic's message and hint, rendered with its parameter names as ‹placeholders›. */
function diagnostic(code: string, entry: (...args: string[]) => { message: string; hint: string }): DocEntry {
  const params = /^\s*(?:\(([^)]*)\)|([A-Za-z_$][\w$]*))\s*=>/.exec(entry.toString());
  const names = (params?.[1] ?? params?.[2] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const args = Array.from({ length: entry.length }, (_, i) => `‹${names[i] ?? `arg${i + 1}`}›`);
  const { message, hint } = entry(...args);
  return { code, kind: 'user', summary: message, hint, message };
}

/** Every registry; keyed by area, so a registry not listed here is a type error. */
const byArea: { readonly [A in keyof FeatcCodeRegistry]: Omit<Registry, 'area'> } = {
  cli: { file: 'cli/support/codes.ts', entries: plain(cliCodes) },
  compiler: { file: 'compiler/diagnostics/codes.ts', entries: plain(compilerCodes) },
  diagnostics: {
    file: 'compiler/diagnostics/catalogue.ts',
    entries: Object.entries(catalogue).map(([code, entry]) => diagnostic(code, entry as (...args: string[]) => { message: string; hint: string })),
  },
  gateway: { file: 'runtime/inference-gateway/codes.ts', entries: plain(gatewayCodes) },
  contracts: { file: 'contracts/codes.ts', entries: plain(contractCodes) },
  redisSink: { file: 'runtime/redis-sink/codes.ts', entries: plain(redisSinkCodes) },
  flinkRest: { file: 'flink-deploy/rest/codes.ts', entries: plain(flinkRestCodes) },
  deploy: { file: 'flink-deploy/codes.ts', entries: plain(deployCodes) },
  k8s: { file: 'flink-deploy/k8s/codes.ts', entries: plain(k8sCodes) },
  testing: { file: 'testing/codes.ts', entries: plain(testingCodes) },
  localStack: { file: 'flink-deploy/local/codes.ts', entries: plain(localStackCodes) },
};

export const registries: readonly Registry[] = Object.entries(byArea).map(([area, r]) => ({ area: area as keyof FeatcCodeRegistry, ...r }));

/** The sections of docs/ERRORS.md: a range of codes each, in order. */
const SECTIONS: readonly { title: string; range: RegExp }[] = [
  { title: 'FEATC_E0xxx: the CLI, its config and the machine', range: /^FEATC_E0/ },
  { title: 'FEATC_E1xxx: loading definitions, names and sources', range: /^FEATC_E1/ },
  { title: 'FEATC_E2xxx: windows, features, outputs, job settings and inference steps', range: /^FEATC_E2/ },
  { title: 'FEATC_E5xxx: the inference gateway', range: /^FEATC_E5/ },
  { title: 'FEATC_E6xxx, FEATC_W6xxx: job graphs, the Redis sink and the feature client', range: /^FEATC_[EW]6/ },
  { title: 'FEATC_E70xx: Flink REST calls', range: /^FEATC_E70/ },
  { title: 'FEATC_E71xx: plan, deploy, stop and status', range: /^FEATC_E71/ },
  { title: 'FEATC_E72xx: featc k8s', range: /^FEATC_E72/ },
  { title: 'FEATC_E73xx: featc test', range: /^FEATC_E73/ },
  { title: 'FEATC_E9xxx: the local stack', range: /^FEATC_E9/ },
];

const byCode = (a: { code: string }, b: { code: string }): number => a.code.slice(7).localeCompare(b.code.slice(7)) || a.code.localeCompare(b.code);

function kindText(e: DocEntry): string {
  if (e.code.startsWith('FEATC_W')) return '**warning** (printed; featc goes on)';
  const what = e.kind === 'user' ? 'user error' : e.kind === 'infra' ? 'infrastructure error' : "featc's own bug";
  return `**${what}** (exit ${exitCodeOf(e.kind)})`;
}

/** Text as Markdown: `code spans` kept, elsewhere <, * and word-edge _ escaped so they print as written. */
function md(text: string): string {
  return text.split(/(`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/[<*]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`))).join('');
}

/** A message shown as code: delimited by more backticks than it holds in a row. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}

/** The content of docs/ERRORS.md: deterministic, a function of the registries only. */
export function renderErrorsDoc(): string {
  const all = registries.flatMap((r) => r.entries.map((e) => ({ ...e, file: r.file })));
  const lines = [
    '# featc error codes',
    '',
    '<!-- Generated by `npm run docs:errors` (scripts/errors-doc.ts) from the code registries; do not edit by hand. -->',
    '',
    'Every error featc prints names its code, what is wrong, where, and what to do:',
    '',
    '```',
    'error FEATC_E2104 window size must be a positive duration, got 0s',
    '  at jobs/engagement.ts › userEngagement.features.clicks_5m.window',
    '  hint: use minutes(5) or hours(1)',
    '```',
    '',
    'Exit codes: 0 ok, 1 a user error (definitions, flags, config, environment), 2 an infrastructure error',
    "(Flink, Kafka, Redis, a model) or featc's own bug. Below, each code with its kind, what it means and the",
    'default hint (the printed hint is often more specific). Diagnostics show their message with ‹placeholders›',
    'for the offending values.',
    '',
    'The codes are registered per area, next to the area\'s error class:',
    '',
    ...[...registries].sort((a, b) => a.file.localeCompare(b.file)).map((r) => `- \`${r.file}\` (${r.entries.length})`),
  ];
  const placed = new Set<string>();
  for (const section of SECTIONS) {
    const entries = all.filter((e) => section.range.test(e.code)).sort(byCode);
    if (entries.length === 0) continue;
    lines.push('', `## ${section.title}`);
    for (const e of entries) {
      placed.add(e.code);
      lines.push('', `### ${e.code}`, '', `${kindText(e)}: ${e.message === undefined ? md(e.summary) : codeSpan(e.message)}`, '', `hint: ${md(e.hint)}`);
    }
  }
  const unplaced = all.filter((e) => !placed.has(e.code)).map((e) => e.code);
  if (unplaced.length > 0) throw new Error(`codes outside every section of ${ERRORS_DOC}: ${unplaced.join(', ')} (add a section to scripts/errors-doc.ts)`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(join(ROOT, ERRORS_DOC), renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC}`);
}
