import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Designation, ListEvent, Publication } from '../model.js';
import { buildTimeline } from './timeline.js';

const p = (id: string, date: string, kind: Publication['kind'], extra: Partial<Publication> = {}): Omit<Publication, 'entries'> => ({ id, listId: id.split('/')[0]!, date, kind, title: `T ${id}`, sourceIds: [`src-${id}`], ...extra });
const pubs = new Map([
  ['l/2024', p('l/2024', '2024-01-31', 'edition')],
  ['l/rede', p('l/rede', '2024-10-16', 'redesignation')],
  ['l/2026', p('l/2026', '2026-06-08', 'edition', { citation: 'FR Doc 2026-11571' })],
  ['l/w', p('l/w', '2026-02-13', 'withdrawn', { note: 'withdrawn' })],
  ['m/2021', p('m/2021', '2021-01-14', 'addition', { verified: false })],
  ['m/end', p('m/end', '2021-06-03', 'removal')],
]);
const des: Designation[] = [
  { entityId: 'h', listId: 'l', from: '2024-01-31', to: '2024-10-16', addedBy: 'l/2024', endedBy: 'l/rede', printedName: 'Hesai Group (latest)' },
  { entityId: 'h', listId: 'l', from: '2024-10-16', to: null, addedBy: 'l/rede', endedBy: null, printedName: 'Hesai Group' },
  { entityId: 'h', listId: 'm', from: '2021-01-14', to: '2021-06-03', addedBy: 'm/2021', endedBy: 'm/end', printedName: 'Hesai' },
];
const ev = (id: string, date: string, kind: ListEvent['kind'], extra: Partial<ListEvent> = {}): ListEvent => ({ id, date, kind, title: `E ${id}`, entityIds: ['h'], listIds: ['l'], sourceIds: [`src-${id}`], verified: true, ...extra });

test('timeline: designations, removals, re-designations, renames, withdrawn mentions and events in order, each sourced', () => {
  const steps = buildTimeline({
    designations: des, publications: pubs,
    events: [ev('suit', '2024-05-13', 'lawsuit-filed', { court: 'D.D.C.', docket: '1:24-cv-01381' }), ev('dup', '2024-10-16', 're-designation'), ev('ruling', '2025-07-01', 'court-ruling', { datePrecision: 'month', verified: false })],
    printed: [
      { listId: 'l', publicationId: 'l/2024', date: '2024-01-31', printedName: 'Hesai Technology' },
      { listId: 'l', publicationId: 'l/2026', date: '2026-06-08', printedName: 'Hesai Group (HESAI)*' },
      { listId: 'l', publicationId: 'l/rede', date: '2024-10-16', printedName: 'Hesai Group' },
      { listId: 'l', publicationId: 'l/w', date: '2026-02-13', printedName: 'Hesai Group', withdrawn: true },
    ],
    listNames: new Map([['l', 'List L']]),
  });
  assert.deepEqual(steps.map((s) => [s.date, s.kind]), [
    ['2021-01-14', 'designation'],
    ['2021-06-03', 'removal'],
    ['2024-01-31', 'designation'],
    ['2024-05-13', 'lawsuit-filed'],
    ['2024-10-16', 're-designation'],
    ['2024-10-16', 'rename'],
    ['2025-07-01', 'court-ruling'],
    ['2026-02-13', 'withdrawn-publication'],
  ]);
  const rede = steps.find((s) => s.kind === 're-designation')!;
  assert.match(steps[2]!.title, /as "Hesai Technology"/, 'a designation step shows the name its opening notice printed');
  assert.deepEqual(rede.sourceIds.sort(), ['src-dup', 'src-l/rede']);
  assert.equal(rede.eventId, 'dup');
  assert.equal(steps[0]!.verified, false, 'an unverified publication stays unverified');
  assert.match(steps.find((s) => s.kind === 'lawsuit-filed')!.detail ?? '', /Docket: 1:24-cv-01381/);
  assert.match(steps.find((s) => s.kind === 'court-ruling')!.detail ?? '', /month only/);
  assert.match(steps.find((s) => s.kind === 'withdrawn-publication')!.title, /no legal effect/);
  assert.ok(steps.every((s) => s.sourceIds.length > 0));
});
