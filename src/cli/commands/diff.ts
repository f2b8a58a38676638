import { diffList } from '../../app/history/diff.js';
import { requiredNumber } from '../numbers.js';
import { parseIsoDate } from '../../core/dates.js';
import type { PublicationDiff } from '../../app/types.js';
import { datedCitation } from '../format.js';
import type { RegisterCommand } from './index.js';

const pub = (p: PublicationDiff['from']): string => `${p.kind} ${datedCitation(p)} (${p.id})`;

/** Human form of a diff: header with counts that reconcile, then each section. */
export function formatDiff(d: PublicationDiff): string {
  const out = [
    `${d.listId}: ${pub(d.from)}`,
    `      → ${pub(d.to)}`,
    `${d.fromCount} − ${d.removed.length} removed + ${d.added.length} added = ${d.toCount}   (${d.renamed.length} renamed, counted in neither; ${d.changed.length} changed)`,
  ];
  if (d.withdrawn.length) {
    out.push('', 'Withdrawn documents in between (no legal effect, not removals):');
    for (const w of d.withdrawn) out.push(`  ${w.date}  ${w.title} (${w.id})${w.note ? `\n      ${w.note}` : ''}`);
  }
  const section = (title: string, lines: string[]): void => {
    if (lines.length) out.push('', `${title} (${lines.length}):`, ...lines.map((l) => `  ${l}`));
  };
  section('Added', d.added.map((a) => `+ ${a.name}  [${a.entityId}]`));
  section('Removed', d.removed.map((r) => `- ${r.name}  [${r.entityId}]${r.note ? `\n      ${r.note}` : ''}`));
  section('Renamed', d.renamed.map((r) => `~ ${r.from}\n    → ${r.to}  [${r.entityId}]${r.verified ? '' : '  [likely rename, UNVERIFIED]'}\n      evidence: ${r.evidence}`));
  section('Changed', d.changed.map((c) => `* ${c.name}  [${c.entityId}]: ${c.what}`));
  return out.join('\n');
}

/** `listwatch diff LIST [FROM] [TO] [--as-of D]`: what changed between two publications (ids or dates). */
export const registerDiff: RegisterCommand = (program, ctx) => {
  program
    .command('diff')
    .description('what changed between two publications of a list: added, removed, renamed, changed (default: the last two; withdrawn documents never count)')
    .argument('<list>', 'list id, e.g. us-dod-1260h')
    .argument('[from]', 'publication id or date (the latest publication on or before it)')
    .argument('[to]', 'publication id or date (default: the latest, or the one in force on --as-of)')
    .option('--as-of <date>', 'compare the list as it stood on this day (YYYY-MM-DD)')
    .option('--similarity <n>', 'name similarity (0–1) above which a removed and an added entity are one renamed entity', '0.8')
    .action(async (list: string, from: string | undefined, to: string | undefined, opts: { asOf?: string; similarity: string }) => {
      const asOf = opts.asOf === undefined ? undefined : parseIsoDate(opts.asOf, '--as-of');
      const similarityThreshold = requiredNumber(opts.similarity, '--similarity', { above: 0, max: 1 });
      if (from !== undefined && from.length === 10) parseIsoDate(from, 'from');
      if (to !== undefined && to.length === 10) parseIsoDate(to, 'to');
      const d = await diffList(await ctx.store(), list, from, to, { ...(asOf ? { asOf } : {}), similarityThreshold });
      if (ctx.json()) ctx.printJson(d);
      else ctx.print(formatDiff(d));
    });
};
