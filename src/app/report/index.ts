import type { Store } from '../../store/store.js';
import type { AuditEntry } from '../audit/audit.js';
import type { ScreenResult } from '../types.js';
import { buildEvidence } from './evidence.js';
import { renderEvidenceHtml } from './html.js';
import { renderBatchSummaryPdf, renderEvidencePdf } from './pdf.js';
import { renderBatchSummaryHtml, type BatchSummary } from './batch-summary.js';
import type { PdfOptions } from './pdf.js';

/** Report formats. */
export type ReportFormat = 'pdf' | 'html';

/** The format a report path asks for: `.html`/`.htm` → html, anything else → pdf. */
export function reportFormatForPath(p: string): ReportFormat {
  return /\.html?$/i.test(p) ? 'html' : 'pdf';
}

/**
 * The evidence report of one recorded screening, as PDF bytes or HTML text (UTF-8 bytes).
 * `entry` is the audit entry `recordScreening` returned for `result`; `result` should carry the
 * hits' decisions (`withDecisions`) and, for obligations, be screened with a role.
 */
export async function evidenceReport(store: Store, result: ScreenResult, entry: AuditEntry, format: ReportFormat, pdf: PdfOptions = {}): Promise<Buffer> {
  const report = await buildEvidence(store, result, entry);
  return format === 'html' ? Buffer.from(renderEvidenceHtml(report), 'utf8') : renderEvidencePdf(report, pdf);
}

/** A batch's summary report (counts by outcome, lists and versions, input hash, audit entry) as PDF bytes or HTML (UTF-8 bytes). */
export async function batchSummaryReport(summary: BatchSummary, format: ReportFormat, pdf: PdfOptions = {}): Promise<Buffer> {
  return format === 'html' ? Buffer.from(renderBatchSummaryHtml(summary), 'utf8') : renderBatchSummaryPdf(summary, pdf);
}

export type { BatchSummary } from './batch-summary.js';
