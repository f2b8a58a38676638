import { Feed } from 'feed';
import type { Alert } from '../watchlists/types.js';

/**
 * The Atom feed of a watchlist's alerts (newest first), built with the `feed` package. Each entry
 * links the publication that caused it (else the alerts page) and names its sources.
 */
export function alertsAtom(watchlist: string, alerts: Alert[], opts: { selfUrl: string; siteUrl: string; updated: Date }): string {
  const feed = new Feed({
    id: `urn:listwatch:watchlist:${watchlist}`,
    title: `listwatch alerts: ${watchlist}`,
    updated: alerts[0] ? new Date(alerts[0].createdAt) : opts.updated,
    link: opts.siteUrl,
    feedLinks: { atom: opts.selfUrl },
    generator: 'listwatch',
    copyright: 'Alerts derived from U.S. government publications (public domain); see each entry\'s sources.',
  });
  for (const a of alerts) {
    const cite = a.publication ? `${a.publication.citation ?? a.publication.title} (${a.publication.date})` : '';
    const sources = a.sources.map((s) => `${s.title}${s.date ? `, ${s.date}` : ''}${s.url ? ` <${s.url}>` : ''}`).join('; ');
    feed.addItem({
      id: `urn:listwatch:alert:${a.id}`,
      title: a.title,
      link: a.publication?.url ?? `${opts.siteUrl.replace(/\/$/, '')}/#/alerts`,
      date: new Date(a.createdAt),
      published: new Date(a.createdAt),
      description: [a.detail, cite && `Publication: ${cite}`, sources && `Sources: ${sources}`].filter(Boolean).join('\n'),
      category: [{ term: a.kind }],
    });
  }
  return feed.atom1();
}
