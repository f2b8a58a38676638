import type { FormerName } from '../core/history/former-names.js';
import type { RuleObligation } from '../core/rules/evaluate.js';
import type { Coverage } from './coverage/warnings.js';
import type { HitDecision } from './decisions/decisions.js';
import type { RuleRole } from '../core/rules/types.js';
import type { Step } from '../core/history/timeline.js';
import type { ListDiff } from '../core/history/diff.js';
import type { Designation, Entity, EventKind, IsoDate, ListDef, ListEvent, Publication, Relation, Source } from '../core/model.js';

/**
 * Result shapes of the application services. The CLI prints them (`--json` prints them as is),
 * the HTTP API returns them, and the UI renders them: one shape everywhere.
 */

/** Who is asking, for "what does this listing mean for me". */
export type Role = RuleRole;

/** One designation as a screen hit shows it. */
export interface HitDesignation {
  list: string;
  listName: string;
  from: IsoDate;
  to: IsoDate | null;
  /** In force on the asOf date. */
  active: boolean;
  /** The source gave no start date: `from` is only the day the record first saw the listing. */
  startUnknown?: boolean;
  /** asOf is before `from` of a start-unknown designation: the record cannot say whether it was listed then ("unknown", never "not listed"). */
  unknown?: boolean;
  /** The publication that added it: citation or title, date and URL. */
  source: { publicationId: string; title: string; citation?: string; date: IsoDate; url?: string };
  printedName: string;
  /** False when, as seen on asOf, it rests on a fact the record marks UNVERIFIED (a 1237 tranche, Xiaomi's or AMEC/IDG's end date, YMTC/CXMT after June 2026). */
  verified: boolean;
  /**
   * Present while the listing only names the entity: no rule of its list applies before this day
   * (FY2024 NDAA §154: "named; ban from 2027-10-01"). `active` stays true: the name is on the list.
   */
  named?: { restrictionsFrom: IsoDate; label: string };
}

/** One scored feature of a match, for the explanation. */
export interface FeatureScore {
  feature: string;
  weight: number;
  value: number;
  detail?: string;
}

/** Why a hit matched: which query form matched which listed name, through which features. */
export interface Explanation {
  /** One-line human summary, e.g. "腾讯控股 ↔ Tencent Holdings via pinyin; legal form ignored". */
  summary: string;
  /** The name of the entity that matched, and its kind (printed, alias, zh-hans…). */
  matchedName: string;
  matchedNameKind: string;
  /** False when the matched name is an unverified matching hint. */
  matchedNameVerified: boolean;
  /** The form of the query that matched (normalised, pinyin, converted to simplified…). */
  queryForm: string;
  features: FeatureScore[];
  /** Tokens discounted as legal forms, places, common words. */
  discounted: string[];
}

/** What a listing obliges a role to do: the rules evaluator's result, shown as is. */
export type Obligation = RuleObligation;

/** A screen hit. */
export interface ScreenHit {
  entityId: string;
  name: string;
  matchedName: string;
  score: number;
  designations: HitDesignation[];
  /** True when at least one designation is active on asOf. */
  active: boolean;
  /** True when none is active but at least one is unknown on asOf (first seen after asOf, start unknown). */
  unknown?: boolean;
  explanation: Explanation;
  /** Listed parents reached through relations (path of entity ids, subsidiary first). */
  parents?: { entityId: string; name: string; path: string[]; active: boolean }[];
  /** Listed subsidiaries of this entity. */
  subsidiaries?: { entityId: string; name: string; active: boolean }[];
  /** Present when a role was given. */
  obligations?: Obligation[];
  /** The latest case decision on this entity for this name (who, when, note), when one was recorded. */
  decision?: HitDecision;
  /**
   * Other hits of this answer whose matched names are near-identical to this one's (same core
   * words once legal forms and places are set aside: "Deutsche Bank AG" / "Deutsche Bank
   * Aktiengesellschaft", "SMIC (Beijing)" / "SMIC (Shenzhen)"), by entity id; absent when none.
   * Every one of them is also a hit of its own: grouping is for reading, nothing is hidden.
   */
  siblings?: string[];
}

/** The answer to one screen. Its JSON is the CLI contract of `listwatch screen --json`. */
export interface ScreenResult {
  query: string;
  asOf: IsoDate;
  threshold: number;
  hits: ScreenHit[];
  /** What the answer checked: each list, its latest publication and refresh, warnings for the role (src/app/coverage). */
  coverage?: Coverage;
}

/** Options for screening. */
export interface ScreenOptions {
  asOf?: IsoDate;
  threshold?: number;
  /** Max hits (default 10). */
  limit?: number;
  role?: Role;
  /** Include hits whose designations are all inactive on asOf (default true; marked inactive). */
  includeInactive?: boolean;
}

/** An entity's dossier. */
export interface Dossier {
  entity: Entity;
  asOf: IsoDate;
  designations: (Designation & { active: boolean; unknown?: boolean; listName: string; verified: boolean; named?: { restrictionsFrom: IsoDate; label: string }; addedByPublication?: Pick<Publication, 'id' | 'title' | 'citation' | 'date' | 'url'>; endedByPublication?: Pick<Publication, 'id' | 'title' | 'citation' | 'date' | 'url' | 'kind'> })[];
  /** Designations, removals, renames and events of every list, in date order, each with its sources. */
  timeline: TimelineStep[];
  relations: { parents: RelatedEntity[]; subsidiaries: RelatedEntity[] };
  obligations?: Obligation[];
  /**
   * Names the entity carried in earlier publications and no longer carries (issue #10), each with the
   * dates and publications that bracket it and its sources then; absent when there are none.
   */
  formerNames?: FormerName[];
  /** Every source cited anywhere in the dossier, by id. */
  sources: Record<string, Source>;
}

/** An entity related to another, with whether it is listed on asOf. */
export interface RelatedEntity {
  entityId: string;
  name: string;
  active: boolean;
  lists: string[];
  relation: Relation;
  /** Entity ids from the dossier's entity to this one, both included (through unlisted intermediates). */
  path?: string[];
}

/** One step of a timeline (built by `core/history/timeline.ts`). */
export type TimelineStep = Step;

/** A list with its publications. */
export interface ListSummary {
  list: ListDef;
  publications: Omit<Publication, 'entries'>[];
  /** Entities in force on asOf. */
  activeCount: number;
  /** Entities in force on each date of the publications above that is not a withdrawn document, in date order. */
  sizes: { date: IsoDate; activeCount: number }[];
  /** When `listwatch sync` last checked this list's official source and last found it changed (ISO times); absent when sync never fed it. */
  sync?: { listId: string; sourceId: string; lastChecked: string; lastChanged: string | null };
}

/** The difference between two publications of a list (computed by `core/history/diff.ts`). */
export type PublicationDiff = ListDiff;

/** Result of importing one file. */
export interface ImportResult {
  file: string;
  format: string;
  /** One per list the file carries (a CSL file splits into many). */
  lists: {
    listId: string;
    publicationId: string | null;
    status: 'imported' | 'unchanged';
    entityCount: number;
    added: number;
    removed: number;
    renamed: number;
    changed: number;
  }[];
  warnings: string[];
}

/** Query for events. */
export interface EventsQuery {
  listId?: string;
  entityId?: string;
  since?: IsoDate;
  kind?: EventKind;
}

export type { ListEvent };
