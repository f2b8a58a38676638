import type { EntityMatch } from '../../core/match/match.js';
import type { ScreenIndex } from '../../core/match/types.js';
import type { Explanation } from '../types.js';

const PATH_LABEL: Record<EntityMatch['path'], string> = {
  latin: 'normalised tokens',
  han: 'Chinese characters (simplified)',
  pinyin: 'pinyin of the Chinese name',
  'han-pinyin': 'pinyin reading of the Chinese query against the Latin name',
  identifier: 'an identifier in the record (ISIN, USCC, ticker, LEI)',
};

/**
 * Turns a match into the `Explanation` every hit carries: which query form matched which
 * listed name (and its kind), through which features, what was discounted, and a one-line
 * summary such as `"腾讯" ↔ "腾讯控股有限公司" (zh-hans) via Chinese characters; legal form 控股有限公司 ignored`.
 * An unverified name is always called out as a hint.
 */
export function explain(m: EntityMatch, index: ScreenIndex): Explanation {
  const name = index.snapshot.names[m.name];
  const matchedName = name?.text ?? '';
  const kind = name?.kind ?? 'printed';
  const verified = name?.verified ?? true;
  const queryForm = `${m.path}: ${m.queryText}`;
  const parts = [`"${m.queryText}" ↔ "${matchedName}" (${kind}) via ${PATH_LABEL[m.path]}`];
  if (!verified) parts.push('matched name is an UNVERIFIED matching hint');
  const featureNotes = m.features
    .filter((f) => f.weight !== 0 && f.feature !== 'unverified_name')
    .map((f) => `${f.feature}=${f.value.toFixed(2)}`);
  parts.push(featureNotes.join(', '));
  if (m.notes.length) parts.push(m.notes.join('; '));
  const legal = m.discounted.filter((d) => d.includes('legal form')).map((d) => d.split(' (')[0]);
  if (legal.length) parts.push(`legal form ${[...new Set(legal)].join(' ')} discounted`);
  return {
    summary: parts.filter((p) => p.length > 0).join('; '),
    matchedName,
    matchedNameKind: kind,
    matchedNameVerified: verified,
    queryForm,
    features: m.features.map((f) => ({ feature: f.feature, weight: f.weight, value: Math.round(f.value * 1000) / 1000, ...(f.detail ? { detail: f.detail } : {}) })),
    discounted: m.discounted,
  };
}
