/**
 * Request options and RESPONSE SCHEMAS of the HTTP API, and the pattern every route follows.
 *
 * ## How to document a route (every route, every room)
 * 1. `config: { access: 'public' | 'viewer' | 'analyst' | 'admin' }` (the auth hook enforces it).
 * 2. `schema.operationId`: a verb-first camelCase name, unique in the API (`screenName`, `getDossier`,
 *    `listWatchlists`): generated clients call methods by it.
 * 3. `schema.response`: every status the route answers, built from shared components:
 *      response: { 200: ok('ScreenResult'), ...errors(400, 404) }
 *    - `ok(name)` / `okArray(name)` reference a component of `COMPONENTS` below (registered once with
 *      `app.addSchema`, emitted under `#/components/schemas/<name>` in /openapi.json);
 *    - a shape used by one route only may be written inline with `inline({...properties}, example)`;
 *    - a new shared shape: add it to `COMPONENTS` in your own file (`export const myComponents = {...}`)
 *      and register it in app.ts with `registerComponents(app, myComponents)`.
 *    Objects declare their `properties` and keep `additionalProperties: true`, so a field added to a
 *    result type later still reaches the client (fastify serialises through these schemas: an
 *    undeclared field would be DROPPED without it). List in `required` only fields always present
 *    (the serialiser throws on a missing required field). Dates are `date` (YYYY-MM-DD) strings.
 * 4. An `example` on every component and inline RESPONSE schema: real values from the bundled record, not
 *    invented. Not on request schemas (body, querystring): Ajv's strict mode refuses the keyword there;
 *    show a request example in the `description` instead.
 * 5. `security: []` on public routes only; all others inherit the bearer scheme (openapi.ts).
 * `src/server/openapi.test.ts` checks all of this for every route in /openapi.json (operationId, a 2xx
 * schema that is not a bare object, an example) and validates real responses against their schemas.
 */
import type { FastifyInstance } from 'fastify';
import { parseIsoDate } from '../core/dates.js';
import { EVENT_KINDS } from '../core/model.js';
import type { IsoDate } from '../core/model.js';
import type { Role, ScreenOptions } from '../app/types.js';
import { RULE_ROLES } from '../core/rules/types.js';
import { errorBodySchema } from './errors.js';

/** Query/body fields shared by the screen and job routes (snake_case on the wire). */
export const screenOptionProps = {
  as_of: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Answer as of this date (YYYY-MM-DD); default today.' },
  threshold: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum score of a hit (0..1); default the engine’s.' },
  role: { type: 'string', enum: RULE_ROLES, description: 'Who is asking; adds what the listing obliges them to do.' },
  limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Maximum hits per name (default 10).' },
} as const;

/** The wire form of the screen options. */
export interface ScreenOptionQuery {
  as_of?: string;
  threshold?: number;
  role?: Role;
  limit?: number;
}

/** Converts wire options to ScreenOptions; `as_of` must be a real calendar date (BAD_INPUT naming it). */
export function toScreenOptions(q: ScreenOptionQuery, today: IsoDate): ScreenOptions & { asOf: IsoDate } {
  return {
    asOf: q.as_of !== undefined ? parseIsoDate(q.as_of, 'as_of') : today,
    ...(q.threshold !== undefined ? { threshold: q.threshold } : {}),
    ...(q.role !== undefined ? { role: q.role } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
  };
}

/** The as_of query alone, for reads of the record. */
export const asOfQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { as_of: screenOptionProps.as_of },
} as const;

type Json = Record<string, unknown>;

const str = { type: 'string' } as const;
const date = { type: 'string', format: 'date', description: 'YYYY-MM-DD' } as const;
const dateOrNull = { type: 'string', format: 'date', nullable: true, description: 'YYYY-MM-DD; null while in force' } as const;
const bool = { type: 'boolean' } as const;
const num = { type: 'number' } as const;
const strings = { type: 'array', items: str } as const;
const ref = (name: string): Json => ({ $ref: `${name}#` });
const arrayOf = (name: string): Json => ({ type: 'array', items: ref(name) });

/** An object schema: declared properties, open to fields added later (see the header). */
export function inline(properties: Json, example?: unknown, required: string[] = [], description?: string): Json {
  return {
    type: 'object',
    additionalProperties: true,
    properties,
    ...(required.length ? { required } : {}),
    ...(description ? { description } : {}),
    ...(example !== undefined ? { example } : {}),
  };
}

// Examples: real values from the bundled record (Tencent on the 1260H list, January 2025 edition).
const exPublicationRef = {
  publicationId: 'us-dod-1260h/2025-01-07', title: 'Section 1260H list, January 2025 update', date: '2025-01-07',
  citation: 'FR Doc 2025-00070, 90 FR 1105 (2025-01-07)',
  url: 'https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF',
};
const exSource = { id: 'fr-2025-00070', title: 'Federal Register notice: Entities Identified as Chinese Military Companies (FR Doc 2025-00070)', publisher: 'Federal Register', date: '2025-01-07', url: 'https://www.federalregister.gov/d/2025-00070', quality: 'P' };
const exEntity = {
  id: 'tencent-holdings', name: 'Tencent Holdings Limited', type: 'organization', country: 'CN',
  names: [
    { kind: 'printed', name: 'Tencent Holdings Limited', verified: true, sourceIds: ['dod-1260h-2025-01-07'] },
    { kind: 'zh-hans', name: '腾讯控股有限公司', verified: true, sourceIds: ['chinese-names-csv'] },
  ],
  identifiers: [{ scheme: 'ticker', value: '0700 (HK)', sourceIds: ['chinese-names-csv'] }],
};
const exDesignation = {
  entityId: 'tencent-holdings', listId: 'us-dod-1260h', from: '2025-01-07', to: null, addedBy: 'us-dod-1260h/2025-01-07', endedBy: null,
  printedName: 'Tencent Holdings Limited (Tencent)', basis: 'Tencent is indirectly affiliated with the PLA (Section 1260H(g)(2)(B)(i)(I)).',
};
const exObligation = {
  ruleId: '1260h-not-a-sanction', listId: 'us-dod-1260h', role: 'us-investor', kind: 'information', title: 'The 1260H list is a designation, not a sanction', status: 'in-force', effectiveFrom: '2025-01-07',
  effect: 'The listing alone imposes no sanction, export control or ban on private business; its consequences come from statutes that cite the list.',
  citation: 'FY2021 NDAA (Pub. L. 116-283) §1260H, 10 U.S.C. 113 note', sourceIds: ['facts-S2', 'facts-S12'], verified: true,
};
const exStep = {
  date: '2025-01-07', kind: 'statement', title: 'Tencent says it will seek reconsideration and, if necessary, start legal proceedings',
  listId: 'us-dod-1260h', detail: 'No lawsuit was found (as of Oct 2026).', sourceIds: ['facts-S136', 'facts-S137'], verified: true, eventId: 'statement-2025-01-07-tencent',
};
const exEvent = {
  id: 'lawsuit-amec-1260h', date: '2024-08-14', kind: 'lawsuit-filed', title: 'AMEC sues DoD over its 1260H designation (announced 2024-08-16)',
  entityIds: ['advanced-micro-fabrication-equipment-inc-china'], listIds: ['us-dod-1260h'], sourceIds: ['facts-S32', 'facts-S33'], verified: true,
  court: 'D.D.C.', docket: '1:24-cv-02357',
};
const exHit = {
  entityId: 'tencent-holdings', name: 'Tencent Holdings Limited', matchedName: 'Tencent Holdings Limited', score: 0.979, active: true,
  designations: [{ list: 'us-dod-1260h', listName: 'DoD Section 1260H list of Chinese military companies', from: '2025-01-07', to: null, active: true, source: exPublicationRef, printedName: 'Tencent Holdings Limited (Tencent)', verified: true }],
  explanation: {
    summary: '"Tencent Holdings" ↔ "Tencent Holdings Limited" (printed) via normalised tokens; legal form limited discounted',
    matchedName: 'Tencent Holdings Limited', matchedNameKind: 'printed', matchedNameVerified: true, queryForm: 'latin: Tencent Holdings',
    features: [{ feature: 'query_coverage', weight: 0.5, value: 1, detail: 'rarity-weighted share of the query the name explains' }, { feature: 'legal_form_agreement', weight: 0.03, value: 0.5 }],
    discounted: ['limited (legal form, name)'],
  },
  parents: [], subsidiaries: [], obligations: [exObligation],
};
const exListDef = { id: 'us-dod-1260h', name: 'DoD Section 1260H list of Chinese military companies', agency: 'Department of Defense', legalBasis: 'FY2021 NDAA §1260H', sourceIds: ['facts-S2'] };
const exPublication = { id: 'us-dod-1260h/2025-01-07', listId: 'us-dod-1260h', date: '2025-01-07', kind: 'edition', title: 'Section 1260H list, January 2025 update', citation: 'FR Doc 2025-00070, 90 FR 1105 (2025-01-07)', sourceIds: ['fr-2025-00070'], entityCount: 134, verified: true };

/**
 * The shared response components, by name. Registered with `app.addSchema` (so fastify serialises
 * through them) and emitted under `#/components/schemas` by @fastify/swagger.
 */
export const COMPONENTS: Record<string, Json> = {
  Error: { ...errorBodySchema, example: { error: { code: 'BAD_INPUT', message: 'querystring as_of: must match pattern "^\\d{4}-\\d{2}-\\d{2}$"', field: 'as_of' } } },
  Source: inline({
    id: str, title: str, publisher: str, date, url: str,
    quality: { type: 'string', enum: ['P', 'S', 'D'], description: 'P primary, S secondary, D derived' }, note: str,
  }, exSource, ['id', 'title', 'quality'], 'A citable source of a fact'),
  SourceMap: { type: 'object', additionalProperties: ref('Source'), description: 'Sources by id', example: { [exSource.id]: exSource } },
  PublicationRef: inline({ publicationId: str, title: str, citation: str, date, url: str }, exPublicationRef, ['publicationId', 'title', 'date'], 'The publication that added a designation'),
  HitDesignation: inline({
    list: str, listName: str, from: date, to: dateOrNull, active: { ...bool, description: 'In force on asOf' },
    source: ref('PublicationRef'), printedName: str,
    verified: { ...bool, description: 'False when, as seen on asOf, the designation rests on a fact the record marks UNVERIFIED' },
    named: { type: 'object', description: 'Present while the listing only names the entity: no rule of its list applies before restrictionsFrom', properties: { restrictionsFrom: date, label: str }, required: ['restrictionsFrom', 'label'] },
  }, exHit.designations[0], ['list', 'listName', 'from', 'to', 'active', 'source', 'printedName', 'verified']),
  FeatureScore: inline({ feature: str, weight: num, value: num, detail: str }, exHit.explanation.features[0], ['feature', 'weight', 'value'], 'One scored feature of a match (new features may appear)'),
  Explanation: inline({
    summary: str, matchedName: str, matchedNameKind: str, matchedNameVerified: bool, queryForm: str,
    features: arrayOf('FeatureScore'), discounted: strings,
  }, exHit.explanation, ['summary', 'matchedName', 'matchedNameKind', 'matchedNameVerified', 'queryForm', 'features', 'discounted'], 'Why a hit matched'),
  Obligation: inline({
    ruleId: str, listId: str, role: { type: 'string', enum: RULE_ROLES },
    kind: { type: 'string', enum: ['prohibition', 'permission', 'requirement', 'information'], description: 'prohibition and requirement bind the role; permission and information do not' },
    title: str, status: { type: 'string', enum: ['in-force', 'coming', 'ended'] },
    effectiveFrom: date, effectiveTo: date, effect: str, citation: str, sourceIds: strings, verified: bool,
    via: inline({ parentId: str, parentName: str, path: strings }), note: str,
  }, exObligation, ['ruleId', 'listId', 'role', 'kind', 'title', 'status', 'effectiveFrom', 'effect', 'citation', 'sourceIds', 'verified'], 'What a listing obliges a role to do, with its citation'),
  ScreenHit: inline({
    entityId: str, name: str, matchedName: str, score: { type: 'number', minimum: 0, maximum: 1 },
    designations: arrayOf('HitDesignation'), active: { ...bool, description: 'At least one designation in force on asOf' },
    explanation: ref('Explanation'),
    parents: { type: 'array', items: inline({ entityId: str, name: str, path: strings, active: bool }) },
    subsidiaries: { type: 'array', items: inline({ entityId: str, name: str, active: bool }) },
    obligations: { ...arrayOf('Obligation'), description: 'Present when a role was given' },
    siblings: { ...strings, description: 'Entity ids of other hits of this answer with near-identical names (same core words); each is also a hit of its own' },
  }, exHit, ['entityId', 'name', 'matchedName', 'score', 'designations', 'active', 'explanation']),
  ScreenResult: inline({ query: str, asOf: date, threshold: num, hits: arrayOf('ScreenHit') },
    { query: 'Tencent Holdings', asOf: '2026-11-21', threshold: 0.8, hits: [exHit] }, ['query', 'asOf', 'threshold', 'hits'], 'The answer to one screen'),
  ScreenResults: inline({ results: arrayOf('ScreenResult') }, { results: [{ query: 'Tencent Holdings', asOf: '2026-11-21', threshold: 0.8, hits: [exHit] }] }, ['results']),
  EntityName: inline({ name: str, kind: str, sourceIds: strings, verified: bool }, exEntity.names[0], ['name', 'kind', 'sourceIds', 'verified']),
  Identifier: inline({ scheme: str, value: str, sourceIds: strings }, exEntity.identifiers[0], ['scheme', 'value', 'sourceIds']),
  Entity: inline({
    id: str, name: str, type: { type: 'string', enum: ['organization', 'person', 'vessel', 'aircraft', 'other'] },
    names: arrayOf('EntityName'), identifiers: arrayOf('Identifier'), country: str,
  }, exEntity, ['id', 'name', 'type', 'names', 'identifiers']),
  Relation: inline({ entityId: str, parentId: str, kind: str, sourceIds: strings, evidence: str },
    { entityId: 'example-subsidiary', parentId: 'example-parent', kind: 'subsidiary-of', sourceIds: ['dod-1260h-2025-01-07'] }, ['entityId', 'parentId', 'kind', 'sourceIds'], 'A parent/subsidiary link; entityId is the subsidiary'),
  RelatedEntity: inline({ entityId: str, name: str, active: bool, lists: strings, relation: ref('Relation'), path: strings }, undefined, ['entityId', 'name', 'active', 'lists', 'relation']),
  PublicationCite: inline({ id: str, title: str, citation: str, date, url: str, kind: str }, { id: exPublication.id, title: exPublication.title, citation: exPublication.citation, date: exPublication.date }, ['id', 'title', 'date']),
  DossierDesignation: inline({
    entityId: str, listId: str, from: date, to: dateOrNull, addedBy: str, endedBy: { type: 'string', nullable: true }, printedName: str, basis: str,
    active: bool, listName: str, addedByPublication: ref('PublicationCite'), endedByPublication: ref('PublicationCite'),
    verified: { ...bool, description: 'False when, as seen on asOf, the designation rests on a fact the record marks UNVERIFIED' },
    named: { type: 'object', description: 'Present while the listing only names the entity: no rule of its list applies before restrictionsFrom', properties: { restrictionsFrom: date, label: str }, required: ['restrictionsFrom', 'label'] },
  }, { ...exDesignation, active: true, listName: exListDef.name, verified: true }, ['entityId', 'listId', 'from', 'to', 'addedBy', 'printedName', 'active', 'listName', 'verified']),
  TimelineStep: inline({
    date, kind: { type: 'string', enum: EVENT_KINDS }, title: str, listId: str, detail: str, sourceIds: strings, verified: bool, eventId: str, publicationId: str,
  }, exStep, ['date', 'kind', 'title', 'sourceIds', 'verified']),
  FormerName: inline({
    name: str, kind: str, sourceIds: strings, verified: bool, from: dateOrNull, fromPublication: { type: 'string', nullable: true }, to: date, toPublication: { type: 'string', nullable: true },
  }, { name: 'AERO-CARIBBEAN', kind: 'alias', sourceIds: ['import-ofac-sdn-0123456789abcdef'], verified: true, from: '2021-07-01', fromPublication: 'us-ofac-sdn/import-2021-07-01-0123456789ab', to: '2021-08-01', toPublication: 'us-ofac-sdn/import-2021-08-01-ba9876543210' },
  ['name', 'kind', 'sourceIds', 'verified', 'from', 'fromPublication', 'to', 'toPublication'], 'A name carried by earlier publications and no longer: held from `from` (its publication) until `to` (the first publication without it)'),
  Dossier: inline({
    entity: ref('Entity'), asOf: date, designations: arrayOf('DossierDesignation'), timeline: arrayOf('TimelineStep'),
    relations: inline({ parents: arrayOf('RelatedEntity'), subsidiaries: arrayOf('RelatedEntity') }, undefined, ['parents', 'subsidiaries']),
    obligations: { ...arrayOf('Obligation'), description: 'Present when a role was given' },
    formerNames: { ...arrayOf('FormerName'), description: 'Names earlier publications carried and the current one does not, each with its dates and sources; absent when none' },
    sources: ref('SourceMap'),
  }, { entity: exEntity, asOf: '2026-11-21', designations: [{ ...exDesignation, active: true, listName: exListDef.name, verified: true }], timeline: [exStep], relations: { parents: [], subsidiaries: [] }, sources: { [exSource.id]: exSource } },
  ['entity', 'asOf', 'designations', 'timeline', 'relations', 'sources'], 'An entity’s dossier'),
  ListDef: inline({ id: str, name: str, agency: str, legalBasis: str, sourceIds: strings, description: str }, exListDef, ['id', 'name', 'agency', 'legalBasis', 'sourceIds']),
  PublicationEntry: inline({ entityId: str, printedName: str, basis: str, action: { type: 'string', enum: ['add', 'remove'] } }, { entityId: 'tencent-holdings', printedName: 'Tencent Holdings Limited (Tencent)' }, ['entityId', 'printedName']),
  PublicationSummary: inline({
    id: str, listId: str, date, kind: { type: 'string', enum: ['edition', 'addition', 'removal', 'redesignation', 'withdrawn', 'snapshot'] },
    title: str, citation: str, url: str, sourceIds: strings, entityCount: num, contentHash: str, note: str, verified: bool,
  }, exPublication, ['id', 'listId', 'date', 'kind', 'title', 'sourceIds'], 'A version of a list (without its entries)'),
  Publication: { allOf: [ref('PublicationSummary'), inline({ entries: arrayOf('PublicationEntry') }, undefined, ['entries'])], example: { ...exPublication, entries: [{ entityId: 'tencent-holdings', printedName: 'Tencent Holdings Limited (Tencent)' }] } },
  ListSummary: inline({
    list: ref('ListDef'), publications: arrayOf('PublicationSummary'), activeCount: { type: 'integer' },
    sizes: { type: 'array', items: inline({ date, activeCount: { type: 'integer' } }, undefined, ['date', 'activeCount']) },
    sync: inline({ listId: str, sourceId: str, lastChecked: str, lastChanged: { type: 'string', nullable: true } }, undefined, [], 'When sync last checked the official source and last found it changed (ISO times); absent when never synced'),
  }, { list: exListDef, publications: [exPublication], activeCount: 134, sizes: [{ date: '2025-01-07', activeCount: 134 }] }, ['list', 'publications', 'activeCount', 'sizes']),
  PublicationDiff: inline({
    listId: str,
    from: inline({ id: str, date, kind: str, title: str, citation: str }), to: inline({ id: str, date, kind: str, title: str, citation: str }),
    fromCount: { type: 'integer' }, toCount: { type: 'integer' },
    added: { type: 'array', items: inline({ entityId: str, name: str }, undefined, ['entityId', 'name']) },
    removed: { type: 'array', items: inline({ entityId: str, name: str, note: str }, undefined, ['entityId', 'name']) },
    renamed: { type: 'array', items: inline({ entityId: str, from: str, to: str, evidence: str, previousEntityId: str, verified: { ...bool, description: 'False for a likely rename the evidence does not settle (UNVERIFIED)' } }, undefined, ['entityId', 'from', 'to', 'evidence', 'verified']) },
    changed: { type: 'array', items: inline({ entityId: str, name: str, what: str }, undefined, ['entityId', 'name', 'what']) },
    withdrawn: { type: 'array', items: inline({ id: str, date, title: str, note: str }) },
  }, { listId: 'us-dod-1260h', from: { id: 'us-dod-1260h/2024-01-31', date: '2024-01-31', kind: 'edition', title: 'Section 1260H list, January 2024 update' }, to: { id: exPublication.id, date: exPublication.date, kind: 'edition', title: exPublication.title }, fromCount: 73, toCount: 134, added: [{ entityId: 'tencent-holdings', name: 'Tencent Holdings Limited (Tencent)' }], removed: [], renamed: [], changed: [], withdrawn: [] },
  ['listId', 'from', 'to', 'fromCount', 'toCount', 'added', 'removed', 'renamed', 'changed', 'withdrawn'], 'What changed between two publications of a list'),
  ListEvent: inline({
    id: str, date, datePrecision: { type: 'string', enum: ['day', 'month', 'year'] }, kind: { type: 'string', enum: EVENT_KINDS }, title: str, detail: str,
    entityIds: strings, listIds: strings, namesUrged: strings, court: str, docket: str, sourceIds: strings, verified: bool,
  }, exEvent, ['id', 'date', 'kind', 'title', 'entityIds', 'listIds', 'sourceIds', 'verified'], 'A dated, sourced happening'),
};

/** Registers response components on the app (call once, before the routes that reference them). */
export function registerComponents(app: FastifyInstance, components: Record<string, Json> = COMPONENTS): void {
  for (const [name, schema] of Object.entries(components)) app.addSchema({ $id: name, ...schema });
}

/** A response that is the named component (`description` shown in the docs). */
export function ok(name: string, description = name): Json {
  return { description, ...ref(name) };
}

/** A response that is an array of the named component. */
export function okArray(name: string, description = `${name}[]`): Json {
  return { description, ...arrayOf(name) };
}

/**
 * @deprecated A bare object: the pattern above (`ok`, `okArray`, `inline`) replaces it; kept until
 * every route has moved.
 */
export function shaped(name: string, description: string): Record<string, unknown> {
  return { type: 'object', additionalProperties: true, description: `${description} (shape: ${name} in src/app/types.ts)` };
}

/** @deprecated See `shaped`. */
export function shapedArray(name: string, description: string): Record<string, unknown> {
  return { type: 'array', items: { type: 'object', additionalProperties: true }, description: `${description} (items: ${name})` };
}

/** Standard error responses for a route (the shared `Error` component). */
export function errors(...statuses: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of statuses) out[String(s)] = { description: 'Error: { error: { code, message, field?, line? } }', ...ref('Error') };
  return out;
}
