import { createReadStream, createWriteStream } from 'node:fs';
import { numberOption } from '../numbers.js';
import { writeFile } from 'node:fs/promises';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Option } from 'commander';
import { parseIsoDate } from '../../core/dates.js';
import { ListwatchError } from '../../core/errors.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { Role, ScreenHit, ScreenResult } from '../../app/types.js';
import type { CliContext } from '../context.js';
import type { BatchRow } from '../../app/screen/batch-core.js';
import type { SnapshotText } from '../../app/screen/index-cache.js';
import type { BatchWriter, CsvAuditContext } from '../../app/screen/batch-io.js';
import type { Coverage } from '../../app/coverage/warnings.js';
import { RULE_ROLES } from '../../core/rules/types.js';
import type { RegisterCommand } from './index.js';
import { unverifiedMark } from '../format.js';

/** Flags of `screen` (and of the CLI batch, shared with `batch --input`). */
export interface ScreenFlags {
  asOf?: string;
  threshold?: string;
  limit?: string;
  role?: Role;
  activeOnly?: boolean;
  input?: string;
  output?: string;
  workers?: string;
  maxAgeDays?: string;
  report?: string;
  bom?: boolean;
}


function designationLine(d: ScreenHit['designations'][number]): string {
  const span = d.startUnknown ? `first seen ${d.from}, start unknown → ${d.to ?? 'in force'}` : `${d.from} → ${d.to ?? 'in force'}`;
  const src = [d.source.title, d.source.citation, d.source.url].filter(Boolean).join(', ');
  const state = d.named ? 'NAMED   ' : d.active ? 'ACTIVE  ' : d.unknown ? 'UNKNOWN ' : 'inactive';
  return `      ${state}  ${d.list.padEnd(22)} ${span.padEnd(26)}${d.named ? ` (${d.named.label})` : ''}${unverifiedMark(d.verified)} source: ${src}`;
}

/** The human table of one screen result: one block per hit with why it matched and each designation's source. */
export function formatScreen(r: ScreenResult): string[] {
  const out = [`Screen "${r.query}" as of ${r.asOf} (threshold ${r.threshold}): ${r.hits.length ? `${r.hits.length} hit${r.hits.length === 1 ? '' : 's'}` : 'no hits'}`];
  r.hits.forEach((h, i) => {
    const status = h.active ? 'ACTIVE' : h.unknown ? 'UNKNOWN' : 'inactive';
    const hint = h.explanation.matchedNameVerified ? '' : ' [UNVERIFIED name]';
    out.push(`  ${String(i + 1).padStart(2)}. ${h.score.toFixed(3)}  ${status.padEnd(8)}  ${h.name}  (${h.entityId})`);
    out.push(`      matched: ${h.matchedName} (${h.explanation.matchedNameKind})${hint}`);
    out.push(`      why: ${h.explanation.summary}`);
    for (const d of h.designations) out.push(designationLine(d));
    if (h.siblings?.length) {
      const nums = h.siblings.map((id) => r.hits.findIndex((x) => x.entityId === id) + 1).filter((n) => n > 0);
      out.push(`      near-identical listed name${nums.length === 1 ? '' : 's'}: see ${nums.map((n) => `#${n}`).join(', ')} (separate listings, each shown)`);
    }
    for (const p of h.parents ?? []) out.push(`      listed parent: ${p.name} (${p.active ? 'active' : 'inactive'})`);
    if (h.decision) out.push(`      decision: ${h.decision.verdict.toUpperCase()} by ${h.decision.actor} at ${h.decision.at}: ${h.decision.note}${h.decision.listingChanged ? ' (the listing has changed since: review again)' : ''}`);
    for (const o of h.obligations ?? []) out.push(`      ${o.status} from ${o.effectiveFrom}${o.effectiveTo ? ` until ${o.effectiveTo}` : ''}${o.via ? ` (via listed parent ${o.via.parentName})` : ''}: ${o.effect} [${o.citation}]${o.verified ? '' : ' UNVERIFIED'}`);
  });
  return out;
}

/** Where the CLI caches index snapshots and their typo tables (see index-cache.ts). */
const SCREEN_CACHE_DIR = path.join(tmpdir(), 'listwatch-screen-cache');

/**
 * The index of the CLI's store as of `asOf`, through the snapshot cache in the temp folder. The matching
 * modules (pinyin-pro, OpenCC dictionaries) load here, not when the CLI starts, so other
 * commands do not pay for them.
 */
async function cliIndex(ctx: CliContext, asOf: string): Promise<ScreenIndex> {
  const { loadIndexCached } = await import('../../app/screen/index-cache.js');
  // The names as they stood on the date: an as-of screen before an import that changed names uses the earlier names.
  return loadIndexCached(await ctx.store(), SCREEN_CACHE_DIR, asOf);
}

/**
 * The CLI batch (`screen --input F --output O`, also `batch --input F --output O`): screens the CSV
 * in this process, writes one record per input row (JSONL: the first with the batch's `coverage`;
 * CSV: the audit columns, `--bom` for Excel), records the batch in the audit trail (input hash,
 * options, revision, list versions, row counts by outcome, the output's digest) and, with
 * `--report FILE.pdf|.html`, writes the batch's summary report.
 */
export async function runBatch(ctx: CliContext, f: ScreenFlags, asOf: string, threshold: number | undefined, limit: number | undefined): Promise<void> {
  if (!f.input || !f.output) throw new ListwatchError('BAD_INPUT', 'batch screening needs both --input FILE.csv and --output FILE.jsonl|FILE.csv', { field: f.input ? 'output' : 'input' });
  // Loaded only for batches, so a single screen starts faster.
  const { readBatchCsv, BatchWriter, formatForPath, batchLimitsFromEnv } = await import('../../app/screen/batch-io.js');
  const format = formatForPath(f.output);
  if (f.bom && format !== 'csv') throw new ListwatchError('BAD_INPUT', '--bom: a byte-order mark is for CSV output (Excel); give --output FILE.csv', { field: 'bom' });
  const limits = batchLimitsFromEnv(ctx.env ?? {});
  // The snapshot's text and typo table only: the workers parse and build the index (cliIndex
  // would build it here too, about half a second before any worker starts).
  const { loadSnapshotTextCached } = await import('../../app/screen/index-cache.js');
  const snap = await loadSnapshotTextCached(await ctx.store(), SCREEN_CACHE_DIR, asOf);
  const input = createReadStream(f.input);
  const opened = new Promise<void>((resolve, reject) => { input.once('open', () => resolve()); input.once('error', reject); });
  await opened.catch((e: unknown) => { throw new ListwatchError('BAD_INPUT', `cannot read ${f.input}: ${e instanceof Error ? e.message : String(e)}`, { file: f.input }); });
  // What the audit columns and the first JSONL record carry: known before the first row is written.
  const store = await ctx.store();
  const { coverageFor, maxAgeDaysFromEnv } = await import('../../app/coverage/coverage.js');
  const coverage = await coverageFor(store, { asOf, ...(f.role ? { role: f.role } : {}), maxAgeDays: numberOption(f.maxAgeDays, '--max-age-days') ?? maxAgeDaysFromEnv(ctx.env ?? {}) });
  const { DEFAULT_THRESHOLD } = await import('../../core/match/match.js');
  const audit = { screenedAt: new Date().toISOString(), revision: await store.getRevision(), threshold: threshold ?? DEFAULT_THRESHOLD, coverage };
  // Written beside the output and renamed when complete: a batch that fails (or is killed)
  // leaves no empty or partial output file that could be read as a result.
  const partial = `${f.output}.partial-${process.pid}`;
  const out = createWriteStream(partial);
  const writer = new BatchWriter(out, format, { audit, ...(f.bom ? { bom: true } : {}) });
  try {
    await screenInto(ctx, f, asOf, threshold, limit, readBatchCsv(input, f.input, limits), writer, snap, { input: f.input, written: partial, final: f.output }, audit);
  } catch (e) {
    input.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw e;
  }
}

async function screenInto(ctx: CliContext, f: ScreenFlags, asOf: string, threshold: number | undefined, limit: number | undefined, rowsIn: AsyncGenerator<BatchRow>, writer: BatchWriter, snap: SnapshotText, paths: { input: string; written: string; final: string }, audit: CsvAuditContext & { coverage: Coverage; threshold: number }): Promise<void> {
  const { screenBatchChunks } = await import('../../app/screen/batch.js');
  const { BatchTally } = await import('../../app/report/batch-summary.js');
  const tty = process.stderr.isTTY === true && (process.stderr.columns ?? 0) > 0 && !ctx.json();
  const { SingleBar, Presets } = tty ? await import('cli-progress') : { SingleBar: null, Presets: null };
  const bar = SingleBar && Presets ? new SingleBar({ format: 'screening {value} rows | {rate} rows/s | {duration}s', stream: process.stderr, fps: 5 }, Presets.shades_classic) : null;
  const started = Date.now();
  bar?.start(0, 0, { rate: 0 });
  let rows = 0;
  let bad = 0;
  let withHits = 0;
  const tally = new BatchTally({ digest: false });
  const workers = numberOption(f.workers, '--workers');
  // Rows with their own as_of in another state of the names than `asOf` are screened again on their date's index (issue #10).
  const [{ rescreenOtherEpochs }, { screenChunkLines }, { entityEpoch }] = await Promise.all([
    import('../../app/screen/batch-epochs.js'), import('../../app/screen/batch-core.js'), import('../../core/history/entity-epoch.js')]);
  const changeDates = await (await ctx.store()).getEntityChangeDates();
  const pending: BatchRow[] = [];
  async function* tee(src: AsyncGenerator<BatchRow>): AsyncGenerator<BatchRow> {
    for await (const r of src) {
      if (changeDates.length) pending.push(r);
      yield r;
    }
  }
  const asOfIndexes = new Map<string, Promise<ScreenIndex>>();
  const indexOn = (d: string): Promise<ScreenIndex> => {
    const epoch = entityEpoch(changeDates, d);
    let p = asOfIndexes.get(epoch);
    if (!p) asOfIndexes.set(epoch, (p = cliIndex(ctx, d)));
    return p;
  };
  const rowOpts = { asOf, ...(threshold !== undefined ? { threshold } : {}), ...(limit !== undefined ? { limit } : {}), ...(f.activeOnly ? { includeInactive: false } : {}) };
  for await (const screened of screenBatchChunks(tee(rowsIn), {
    snapshot: snap.json,
    deletions: snap.deletions,
    asOf,
    ...(threshold !== undefined ? { threshold } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(f.activeOnly ? { includeInactive: false } : {}),
    ...(workers !== undefined ? { workers } : {}),
  }, (done) => bar?.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) }))) {
    const chunk = changeDates.length
      ? await rescreenOtherEpochs(screened, pending.splice(0, screened.lines.length), asOf, changeDates, async (d, some) => screenChunkLines(await indexOn(d), some, rowOpts))
      : screened;
    rows += chunk.lines.length;
    bad += chunk.errors.length;
    withHits += chunk.withHits;
    tally.addChunk(chunk.lines, chunk.withHits, chunk.errors.length);
    for (const e of chunk.errors) ctx.warn(`${f.input}: line ${e.line}: skipped: ${e.error}`);
    await writer.writeChunk(chunk);
  }
  bar?.stop();
  await writer.end();
  const coverage = audit.coverage;
  const summary = { input: f.input, output: f.output, rows, screened: rows - bad, skipped: bad, withHits, outcomes: tally.outcomes, seconds: (Date.now() - started) / 1000, coverage };
  const { recordAudit, listVersions } = await import('../../app/audit/audit.js');
  const { fileSha256 } = await import('../../app/audit/files.js');
  const store = await ctx.store();
  const fileHash = `sha256:${await fileSha256(paths.input)}`;
  const entry = await recordAudit(store, {
    actor: ctx.actor, action: 'screen.batch', subject: paths.input,
    options: { asOf, ...(threshold !== undefined ? { threshold } : {}), ...(limit !== undefined ? { limit } : {}), ...(f.role ? { role: f.role } : {}), ...(f.activeOnly ? { activeOnly: true } : {}) },
    revision: audit.revision, listVersions: await listVersions(store, asOf),
    answerDigest: `sha256:${await fileSha256(paths.written)}`,
    details: { via: 'cli', rows, screened: rows - bad, skipped: bad, withHits, outcomes: tally.outcomes, fileHash, output: f.output, screenedAt: audit.screenedAt, warnings: coverage.warnings.map((w) => w.message) },
  });
  // Only an audited batch leaves its output (the digest above is of these bytes).
  await rename(paths.written, paths.final);
  if (f.report) {
    const { summaryLists } = await import('../../app/report/batch-summary.js');
    const { batchSummaryReport, reportFormatForPath } = await import('../../app/report/index.js');
    const cjkFont = process.env.LISTWATCH_CJK_FONT;
    const bytes = await batchSummaryReport({
      input: paths.input, fileHash, screenedAt: audit.screenedAt, finishedAt: entry.at, actor: entry.actor, asOf, threshold: audit.threshold,
      ...(f.role ? { role: f.role } : {}), revision: audit.revision, rows, outcomes: tally.outcomes, lists: await summaryLists(store, coverage),
      warnings: coverage.warnings.map((w) => w.message), answerDigest: entry.answerDigest ?? '', digestOf: `sha256 of the output file ${f.output} as written`,
      audit: { seq: entry.seq, hash: entry.hash, action: entry.action },
    }, reportFormatForPath(f.report), cjkFont ? { cjkFont } : {});
    await writeFile(f.report, bytes).catch((e: unknown) => { throw new ListwatchError('BAD_INPUT', `cannot write ${f.report}: ${e instanceof Error ? e.message : String(e)}`, { field: 'report' }); });
    ctx.warn(`batch summary report → ${f.report} (audit entry #${entry.seq})`);
  }
  const { formatCoverage } = await import('../../app/coverage/coverage.js');
  if (ctx.json()) ctx.printJson({ ...summary, audit: { seq: entry.seq, hash: entry.hash, answerDigest: entry.answerDigest } });
  else {
    ctx.print(`screened ${summary.screened} of ${rows} rows (${bad} skipped, ${withHits} with hits) in ${summary.seconds.toFixed(1)} s → ${f.output}`);
    ctx.print(`  by outcome: ${Object.entries(tally.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; audit entry #${entry.seq}`);
    for (const line of formatCoverage(coverage)) ctx.print(line);
  }
}

/** `listwatch screen NAME` (one name) or `listwatch screen --input FILE.csv --output FILE.jsonl|csv` (a batch). */
export const registerScreen: RegisterCommand = (program, ctx) => {
  program
    .command('screen')
    .argument('[name]', 'the name to screen (Latin, Chinese or pinyin)')
    .description('screen a name (or a CSV of names) against the lists, with explanations and as-of answers')
    .option('--as-of <date>', 'the date the question is about (YYYY-MM-DD); default today')
    .option('--threshold <score>', 'minimum score of a hit, 0–1 (default 0.8, tuned on the development set)')
    .option('--limit <n>', 'maximum hits per name (default 10)')
    .addOption(new Option('--role <role>', 'add what each listing means for this role').choices(RULE_ROLES))
    .option('--active-only', 'leave out hits whose designations are all inactive on the date')
    .option('--input <file.csv>', 'batch: a CSV with a "name" column and optional "id" and "as_of" columns')
    .option('--output <file>', 'batch: where to write one record per input row (.jsonl or .csv)')
    .option('--workers <n>', 'batch: worker threads (default: all cores)')
    .option('--max-age-days <n>', 'warn when a list the role depends on has no publication in the last N days (default: env LISTWATCH_COVERAGE_MAX_AGE_DAYS or 365)')
    .option('--report <file>', 'also write an evidence report: FILE.pdf, or FILE.html (a printable page); for a batch, its summary report')
    .option('--bom', 'batch: start the CSV output with a UTF-8 byte-order mark (for Excel)')
    .action(async (name: string | undefined, f: ScreenFlags) => {
      const asOf = f.asOf !== undefined ? parseIsoDate(f.asOf, 'as-of') : ctx.today;
      const threshold = numberOption(f.threshold, '--threshold');
      const limit = numberOption(f.limit, '--limit');
      if (f.input || f.output) return runBatch(ctx, f, asOf, threshold, limit);
      if (!name || !name.trim()) throw new ListwatchError('BAD_INPUT', 'give a NAME to screen, or --input FILE.csv --output FILE for a batch', { field: 'name' });
      const [index, { screenWithIndex }] = await Promise.all([cliIndex(ctx, asOf), import('../../app/screen/screen.js')]);
      let res = screenWithIndex(index, name, {
        asOf,
        ...(threshold !== undefined ? { threshold } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(f.activeOnly ? { includeInactive: false } : {}),
      });
      if (f.role && res.hits.length) {
        const { createEnricher } = await import('../../app/dossier/enrich.js');
        res = { ...res, hits: await createEnricher({ store: await ctx.store() }).enrich(res.hits, { asOf, role: f.role }) };
      }
      const { withDecisions } = await import('../../app/decisions/decisions.js');
      const { recordScreening } = await import('../../app/audit/audit.js');
      const entry = await recordScreening(await ctx.store(), {
        actor: ctx.actor, query: name, answer: res, details: { via: 'cli' },
        options: { asOf, threshold: res.threshold, ...(limit !== undefined ? { limit } : {}), ...(f.role ? { role: f.role } : {}), ...(f.activeOnly ? { activeOnly: true } : {}) },
      });
      res = await withDecisions(await ctx.store(), res);
      if (f.report) {
        const { evidenceReport, reportFormatForPath } = await import('../../app/report/index.js');
        const cjkFont = process.env.LISTWATCH_CJK_FONT;
        const bytes = await evidenceReport(await ctx.store(), res, entry, reportFormatForPath(f.report), cjkFont ? { cjkFont } : {});
        await writeFile(f.report, bytes).catch((e: unknown) => { throw new ListwatchError('BAD_INPUT', `cannot write ${f.report}: ${e instanceof Error ? e.message : String(e)}`, { field: 'report' }); });
        ctx.warn(`evidence report → ${f.report} (audit entry #${entry.seq})`);
      }
      const { coverageFor, formatCoverage, maxAgeDaysFromEnv } = await import('../../app/coverage/coverage.js');
      const coverage = await coverageFor(await ctx.store(), { asOf, ...(f.role ? { role: f.role } : {}), maxAgeDays: numberOption(f.maxAgeDays, '--max-age-days') ?? maxAgeDaysFromEnv(ctx.env ?? {}) });
      res = { ...res, coverage };
      if (ctx.json()) return ctx.printJson(res);
      for (const line of formatScreen(res)) ctx.print(line);
      for (const line of formatCoverage(coverage)) ctx.print(line);
    });
};
