import { getDossier } from '../../app/dossier/dossier.js';
import type { Dossier, Role } from '../../app/types.js';
import { ListwatchError } from '../../core/errors.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { RegisterCommand } from './index.js';
import { asOfOption, datedCitation, sourceLabel, unverifiedMark as mark } from '../format.js';

/** Human form of a dossier: names, designations, timeline, relations, obligations, sources. */
export function formatDossier(d: Dossier): string {
  const out: string[] = [];
  const active = d.designations.filter((x) => x.active);
  const unknown = d.designations.filter((x) => !x.active && x.unknown);
  const unknownText = unknown.length ? `UNKNOWN for ${[...new Set(unknown.map((x) => x.listName))].join('; ')} (first seen later, start unknown)` : '';
  out.push(`${d.entity.name}  [${d.entity.id}]`, `As of ${d.asOf}: ${active.length ? `LISTED on ${[...new Set(active.map((x) => x.listName))].join('; ')}${unknownText ? `; ${unknownText}` : ''}` : unknownText || 'not listed on any list'}`);
  out.push('', 'Names:');
  for (const n of d.entity.names) out.push(`  ${n.name}  (${n.kind})${n.verified ? '' : '  [unverified matching hint, not a sourced fact]'}  sources: ${n.sourceIds.join(', ') || '-'}`);
  if (d.formerNames?.length) {
    out.push('', 'Former names (carried by earlier publications, not by the current one):');
    for (const n of d.formerNames) out.push(`  ${n.name}  (${n.kind})  ${n.from ?? 'from the start'} → ${n.to}  from ${n.fromPublication ?? '-'} until ${n.toPublication ?? '-'}  sources: ${n.sourceIds.join(', ') || '-'}`);
  }
  for (const i of d.entity.identifiers) out.push(`  ${i.scheme}: ${i.value}  sources: ${i.sourceIds.join(', ')}`);
  out.push('', 'Designations:');
  if (!d.designations.length) out.push('  none');
  for (const x of d.designations) {
    const state = x.named ? 'NAMED' : x.active ? 'IN FORCE' : x.unknown ? 'UNKNOWN' : x.from > d.asOf ? 'LATER' : 'ENDED';
    out.push(`  ${state.padEnd(8)}  ${x.listName}: ${x.startUnknown ? `first seen ${x.from}, start unknown` : x.from} → ${x.to ?? 'present'}  as "${x.printedName}"${x.named ? `  (${x.named.label})` : ''}${mark(x.verified)}`);
    if (x.addedByPublication) out.push(`            opened by ${datedCitation(x.addedByPublication)}${x.addedByPublication.url ? ` ${x.addedByPublication.url}` : ''}`);
    if (x.endedByPublication) out.push(`            ended by ${x.endedByPublication.kind}: ${datedCitation(x.endedByPublication)}`);
    if (x.basis) out.push(`            basis: ${x.basis}`);
  }
  out.push('', 'Timeline (all lists):');
  for (const s of d.timeline) {
    out.push(`  ${s.date}${s.date > d.asOf ? '*' : ' '} ${s.kind.padEnd(22)} ${s.title}${mark(s.verified)}`);
    if (s.detail) out.push(`      ${s.detail}`);
    out.push(`      sources: ${s.sourceIds.join(', ')}`);
  }
  if (d.timeline.some((s) => s.date > d.asOf)) out.push(`  (* after ${d.asOf})`);
  const rel = (title: string, rs: Dossier['relations']['parents']): void => {
    out.push('', `${title}:`);
    if (!rs.length) out.push('  none recorded');
    for (const r of rs) out.push(`  ${r.name} [${r.entityId}]  ${r.active ? `listed on ${d.asOf}: ${r.lists.join(', ')}` : `not listed on ${d.asOf}`}  path: ${(r.path ?? []).join(' → ')}  (${r.relation.evidence ?? 'subsidiary-of'}; sources: ${r.relation.sourceIds.join(', ')})`);
  };
  rel('Parents', d.relations.parents);
  rel('Subsidiaries', d.relations.subsidiaries);
  if (d.obligations) {
    out.push('', `Obligations (${d.obligations[0]?.role ?? 'role'}) on ${d.asOf}:`);
    if (!d.obligations.length) out.push('  none');
    for (const o of d.obligations) {
      out.push(`  ${o.status.toUpperCase().padEnd(8)}  from ${o.effectiveFrom}${o.effectiveTo ? ` until ${o.effectiveTo}` : ''}  [${o.listId}] ${o.citation}${mark(o.verified)}`);
      if (o.via) out.push(`      via listed parent ${o.via.parentName}: ${o.via.path.join(' → ')}`);
      out.push(`      ${o.effect}`);
      if (o.note) out.push(`      note: ${o.note}`);
      out.push(`      sources: ${o.sourceIds.join(', ')}`);
    }
  }
  out.push('', 'Sources:');
  for (const s of Object.values(d.sources)) out.push(`  ${s.id}: ${s.title}${sourceLabel(s) ? `, ${sourceLabel(s)}` : ''} (${s.quality})${s.url ? ` ${s.url}` : ''}${s.note ? `\n      ${s.note}` : ''}`);
  return out.join('\n');
}

/** `listwatch show NAME|ID [--as-of D] [--role R]`: an entity's dossier. */
export const registerShow: RegisterCommand = (program, ctx) => {
  program
    .command('show')
    .description("an entity's dossier: names, designations, full timeline, parents and subsidiaries, and what it means for a role")
    .argument('<name-or-id>', 'entity id, or a name (Latin or Chinese) that matches one entity')
    .option('--as-of <date>', 'the day to answer for (YYYY-MM-DD; default today)')
    .option('--role <role>', `what the listing means for: ${RULE_ROLES.join(', ')}`)
    .action(async (query: string, opts: { asOf?: string; role?: string }) => {
      const asOf = asOfOption(opts.asOf, ctx.today);
      if (opts.role !== undefined && !RULE_ROLES.includes(opts.role as Role)) throw new ListwatchError('BAD_INPUT', `--role: "${opts.role}" is not one of ${RULE_ROLES.join(', ')}`, { field: 'role' });
      const d = await getDossier({ store: await ctx.store() }, query, { asOf, ...(opts.role ? { role: opts.role as Role } : {}) });
      if (ctx.json()) ctx.printJson(d);
      else ctx.print(formatDossier(d));
    });
};
