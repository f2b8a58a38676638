import type { IsoDate, Source } from '../../core/model.js';
import type { Role } from '../types.js';

/** One counterparty as given (CSV row, API body): a name, optional country and identifiers, the user's own reference. */
export interface WatchItemInput {
  name: string;
  /** ISO country code or name, as the user keeps it. */
  country?: string;
  isin?: string;
  uscc?: string;
  lei?: string;
  ticker?: string;
  /** The user's own reference (e.g. a supplier number); the item's key when given. */
  ref?: string;
}

/** A stored counterparty: its key (the ref, else name and country) and position in the list. */
export interface WatchItem extends WatchItemInput {
  key: string;
  position: number;
}

/** A watchlist's settings. */
export interface Watchlist {
  id: string;
  name: string;
  /** Whose obligations alerts read (e.g. `dod-contractor`); none: no obligation alerts. */
  role?: Role;
  /** Minimum match score of a hit (default the screen's). */
  threshold?: number;
  /** Days before an obligation comes into force that it is announced (default 90). */
  noticeDays: number;
  /** Where alerts are e-mailed (comma-separated addresses), when SMTP is configured. */
  email?: string;
  createdAt: string;
  updatedAt: string;
  screenedAt?: string;
}

/** A list an entity is in force on, with the publication that listed it. */
export interface ItemListing {
  listId: string;
  listName: string;
  printedName: string;
  from: IsoDate;
  publicationId: string;
}

/** A listed entity a counterparty matches. */
export interface ItemHit {
  entityId: string;
  name: string;
  score: number;
  matchedBy: 'name' | 'identifier';
  /** What matched: the listed name, or `isin:…`. */
  matched: string;
  lists: ItemListing[];
}

/** A listed parent or subsidiary of a hit. */
export interface ItemRelated {
  entityId: string;
  name: string;
  relation: 'parent' | 'subsidiary';
  /** The hit it is related to. */
  ofEntityId: string;
  lists: ItemListing[];
}

/** An obligation of the watchlist's role towards a hit (from the rules). */
export interface ItemObligation {
  entityId: string;
  ruleId: string;
  listId: string;
  status: 'in-force' | 'coming' | 'ended';
  effectiveFrom: IsoDate;
  effect: string;
  citation: string;
  sourceIds: string[];
  verified: boolean;
}

/** The screening result of one counterparty on one day. */
export interface ItemResult {
  /** hit: listed itself; related: not listed, but matches an entity whose parent or subsidiary is; clear: neither. */
  status: 'hit' | 'related' | 'clear';
  asOf: IsoDate;
  hits: ItemHit[];
  related: ItemRelated[];
  obligations: ItemObligation[];
}

/** A counterparty with its current status (`listwatch watch list W --json`). */
export interface WatchItemStatus extends WatchItem {
  status: ItemResult['status'] | 'not-screened';
  result: ItemResult | null;
  screenedAt: string | null;
}

/** A watchlist with its counts (`listwatch watch list --json`). */
export interface WatchlistSummary extends Watchlist {
  items: number;
  hits: number;
  related: number;
  alerts: number;
  unread: number;
  hooks: { id: string; url: string }[];
}

/** What changed for a counterparty. */
export type AlertKind = 'new-hit' | 'designation-ended' | 'renamed' | 'related-listed' | 'obligation-due';

/** An alert: one change of the record touching one counterparty, with the publication that caused it and its sources. */
export interface Alert {
  id: string;
  watchlist: string;
  kind: AlertKind;
  title: string;
  /** The day of the change (the publication's date; an obligation's: its first day). */
  date: IsoDate;
  item: { key: string; name: string; ref?: string };
  entity?: { id: string; name: string };
  list?: { id: string; name: string };
  detail?: string;
  /** The publication that caused it. */
  publication: { id: string; title: string; citation?: string; date: IsoDate; url?: string } | null;
  /** The sources of that publication (and of the rule, for obligations). */
  sources: Source[];
  createdAt: string;
  readAt: string | null;
}
