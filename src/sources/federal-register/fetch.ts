import { ListwatchError } from '../../core/errors.js';
import type { IsoDate } from '../../core/model.js';
import { sha256 } from '../common/hash.js';
import type { ReviewFetcher, ReviewFinding, ReviewRequest } from '../fetcher.js';

/** The Federal Register searches listwatch watches: documents naming one of these lists. */
export const FR_QUERIES: readonly { key: string; list: string; conditions: Record<string, string> }[] = [
  { key: '1260h', list: 'Section 1260H list (Chinese military companies)', conditions: { 'conditions[term]': '"1260H"' } },
  { key: 'entity-list', list: 'BIS Entity List', conditions: { 'conditions[term]': '"Entity List"', 'conditions[agencies][]': 'industry-and-security-bureau' } },
  { key: 'uflpa', list: 'UFLPA Entity List', conditions: { 'conditions[term]': '"UFLPA Entity List"' } },
];

const FIELDS = ['document_number', 'title', 'html_url', 'publication_date', 'type'];

interface FrDocument {
  document_number?: unknown;
  title?: unknown;
  html_url?: unknown;
  publication_date?: unknown;
  type?: unknown;
}

/** The `documents.json` request of one query, for documents published on or after `since`. */
function request(q: (typeof FR_QUERIES)[number], since: IsoDate): ReviewRequest {
  const params = new URLSearchParams({ ...q.conditions, 'conditions[publication_date][gte]': since, order: 'newest', per_page: '100' });
  for (const f of FIELDS) params.append('fields[]', f);
  return { key: q.key, path: `documents.json?${params.toString()}` };
}

/**
 * The Federal Register API (`documents.json`): new documents that name the 1260H list, the Entity
 * List or the UFLPA Entity List. Their entity tables need a person or a parser, so each becomes a
 * review item with its document link, raised once per document number and query.
 */
export const federalRegisterFetcher: ReviewFetcher = {
  kind: 'review',
  id: 'federal-register',
  description: 'Federal Register API: new documents naming the 1260H list, the Entity List or the UFLPA Entity List',
  baseUrl: 'https://www.federalregister.gov/api/v1/',
  requests: (since) => FR_QUERIES.map((q) => request(q, since)),
  read(req, body, url) {
    const q = FR_QUERIES.find((x) => x.key === req.key);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch (e) {
      throw new ListwatchError('BAD_FILE', `${url}: not JSON (${(e as Error).message})`, { file: url }, { cause: e });
    }
    const results = (parsed as { results?: unknown }).results;
    // The API omits `results` when nothing matched.
    if (results !== undefined && !Array.isArray(results)) throw new ListwatchError('BAD_FILE', `${url}: "results" is not an array`, { file: url });
    const findings: ReviewFinding[] = [];
    for (const d of (results ?? []) as FrDocument[]) {
      if (typeof d.document_number !== 'string' || typeof d.title !== 'string' || typeof d.html_url !== 'string' || typeof d.publication_date !== 'string') {
        throw new ListwatchError('BAD_FILE', `${url}: a result lacks document_number, title, html_url or publication_date`, { file: url });
      }
      findings.push({
        key: `${req.key}:${d.document_number}`,
        title: `${q?.list ?? req.key}: ${d.title}`,
        url: d.html_url,
        date: d.publication_date,
        detail: `Federal Register document ${d.document_number}${typeof d.type === 'string' ? ` (${d.type})` : ''}`,
      });
    }
    return { hash: sha256(findings.map((f) => f.key).sort().join('\n')), findings };
  },
};
