import type { Entity, ListDef, ListEvent, Publication, Relation, Source } from '../../core/model.js';

/**
 * A small hand-made record for the store contract tests: every optional field appears at
 * least once present and once absent, so round trips prove NULL ↔ absent mapping.
 */

export const sources: Source[] = [
  { id: 'src-a', title: 'Federal Register notice', publisher: 'Federal Register', date: '2025-01-07', url: 'https://example.test/a', quality: 'P', note: 'primary' },
  { id: 'src-b', title: 'Press report', quality: 'S' },
];

export const lists: ListDef[] = [
  { id: 'list-x', name: 'List X', agency: 'DoD', legalBasis: 'Sec. 1', sourceIds: ['src-a'], description: 'first list' },
  { id: 'list-y', name: 'List Y', agency: 'Treasury', legalBasis: 'EO 1', sourceIds: [] },
];

export const entities: Entity[] = [
  {
    id: 'acme', name: 'Acme Holdings', type: 'organization', country: 'CN',
    names: [
      { name: 'Acme Holdings Ltd.', kind: 'printed', sourceIds: ['src-a'], verified: true },
      { name: '阿克米控股', kind: 'zh-hans', sourceIds: [], verified: false },
    ],
    identifiers: [{ scheme: 'uscc', value: '91440300XXXXXXXXXX', sourceIds: ['src-a'] }],
  },
  { id: 'acme-sub', name: 'Acme Subsidiary', type: 'organization', names: [{ name: 'Acme Sub', kind: 'short', sourceIds: [], verified: true }], identifiers: [] },
  { id: 'beta', name: 'Beta Corp', type: 'organization', names: [], identifiers: [] },
];

export const relations: Relation[] = [
  { entityId: 'acme-sub', parentId: 'acme', kind: 'subsidiary-of', sourceIds: ['src-a'], evidence: 'subsidiary of Acme' },
  { entityId: 'beta', parentId: 'acme', kind: 'subsidiary-of', sourceIds: [] },
];

export const publications: Publication[] = [
  {
    id: 'list-x/2025-01-07', listId: 'list-x', date: '2025-01-07', kind: 'edition', title: 'Edition 2025',
    citation: '90 FR 1', url: 'https://example.test/pub', sourceIds: ['src-a'], entityCount: 2, contentHash: 'h-2025', note: 'n', verified: true,
    entries: [
      { entityId: 'acme', printedName: 'Acme Holdings Ltd.', basis: 'military-civil fusion' },
      { entityId: 'acme-sub', printedName: 'Acme Sub*' },
    ],
  },
  {
    id: 'list-x/2024-01-31', listId: 'list-x', date: '2024-01-31', kind: 'edition', title: 'Edition 2024', sourceIds: [],
    entries: [{ entityId: 'acme', printedName: 'ACME' }],
  },
  {
    id: 'list-y/2024-01-31', listId: 'list-y', date: '2024-01-31', kind: 'addition', title: 'Notice', sourceIds: [], verified: false,
    entries: [{ entityId: 'beta', printedName: 'Beta', action: 'add' }],
  },
];

export const events: ListEvent[] = [
  { id: 'ev-1', date: '2024-01-31', kind: 'designation', title: 'Acme listed', entityIds: ['acme'], listIds: ['list-x'], sourceIds: ['src-a'], verified: true },
  {
    id: 'ev-2', date: '2024-05-01', datePrecision: 'month', kind: 'lawsuit-filed', title: 'Acme sues', detail: '"quoted"',
    entityIds: ['acme', 'beta'], listIds: ['list-x', 'list-y'], court: 'D.D.C.', docket: '1:24-cv-1', sourceIds: [], verified: false,
  },
  { id: 'ev-3', date: '2025-02-01', kind: 'proposal', title: 'Urged', entityIds: [], listIds: ['list-y'], namesUrged: ['Gamma'], sourceIds: [], verified: true },
];
