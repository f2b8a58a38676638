import type { IsoDate } from '../../core/model.js';
import { sha256 } from './hash.js';
import type { ReviewFetcher } from '../fetcher.js';

/**
 * The text of an HTML page without scripts, styles, tags and whitespace runs, so a changed
 * tracking token or layout does not count as a change of what the page says.
 */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A watched official page (`<base><name>`): its text is hashed; a change from the stored hash is one
 * review item linking the page, keyed by the new hash (raised once). The first check only records
 * the hash: there is nothing to compare with yet.
 */
export function pageFetcher(id: string, description: string, baseUrl: string, name: string, label: string): ReviewFetcher {
  return {
    kind: 'review',
    id,
    description,
    baseUrl,
    requests: () => [{ key: 'page', path: name }],
    read(_req, body, url, previousHash, today: IsoDate) {
      const hash = sha256(pageText(Buffer.from(body).toString('utf8')));
      const findings = previousHash !== null && previousHash !== hash
        ? [{ key: `page:${hash}`, title: `${label} page changed`, url, date: today, detail: `Content hash ${previousHash.slice(0, 12)} → ${hash.slice(0, 12)}; compare the page with the record.` }]
        : [];
      return { hash, findings };
    },
  };
}
