import { FeatcError } from '../../common/errors.js';

export interface ApproveFlags { yes?: boolean; autoApprove?: boolean }

/**
 * Asks before a change to the cluster: `--yes` (`--auto-approve`) skips the question; without a
 * terminal to ask on, nothing is changed and the command fails with FEATC_E0401 (as Terraform's
 * apply does without -auto-approve). The question goes to stderr, so `--json` output stays clean.
 */
export async function approve(question: string, flags: ApproveFlags): Promise<boolean> {
  if (flags.yes || flags.autoApprove) return true;
  if (!process.stdin.isTTY) {
    throw new FeatcError('FEATC_E0401', `${question.replace(/\?$/, '')}: refused, there is no terminal to confirm on and --yes was not given`, {
      hint: 'review the plan (`featc plan`), then pass --yes (or --auto-approve) to apply it unattended',
    });
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
