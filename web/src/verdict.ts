/**
 * The plain-language verdict a hit or a dossier leads with: listed or not on the date asked, on
 * which lists, since when, by which notice; whether the listing is challenged (suit, ruling) or
 * proposed; and what it means for the chosen role. Pure (no DOM, no clock): the views render it.
 * Only facts the inputs carry are stated; where the record has nothing, the verdict says so.
 */

/** A designation as hits and dossiers carry it. */
export interface VerdictDesignation {
  listName: string;
  from: string;
  to: string | null;
  active: boolean;
  /** The notice that added it. */
  notice?: { title: string; citation?: string | undefined; date: string } | undefined;
}

/** A recorded event about the entity (from GET /events?entity=…). */
export interface VerdictEvent {
  id: string;
  date: string;
  kind: string;
  title: string;
  court?: string | undefined;
  docket?: string | undefined;
  verified: boolean;
  sourceIds: string[];
}

/** An obligation as the API gives it. */
export interface VerdictObligation {
  /** The rule's kind (API field `kind`): prohibition and requirement bind; permission and information do not. */
  kind?: 'prohibition' | 'permission' | 'requirement' | 'information' | undefined;
  status: 'in-force' | 'coming' | 'ended';
  effect: string;
  citation: string;
  effectiveFrom: string;
}

/** Inputs of `verdictOf`. */
export interface VerdictInput {
  asOf: string;
  today: string;
  /** The role chosen, with its label ("DoD contractor"); empty when none. */
  role?: { id: string; label: string } | undefined;
  designations: readonly VerdictDesignation[];
  events: readonly VerdictEvent[];
  obligations?: readonly VerdictObligation[] | undefined;
}

/** A flag beside the verdict: a challenge in court, a ruling, a reconsideration request or a proposal. */
export interface VerdictFlag {
  kind: 'challenge' | 'ruling' | 'reconsideration' | 'proposal';
  label: string;
  text: string;
  event: VerdictEvent;
}

/** The verdict: a headline and up to a few short lines, flags with their events (for citations). */
export interface Verdict {
  listed: boolean;
  headline: string;
  /** "Since 2025-01-07 by FR Doc 2025-00070 (…)" per list in force, or the past listings. */
  lines: string[];
  /** One sentence about challenges: "Under challenge: …", "No court challenge recorded." */
  challenge: string;
  flags: VerdictFlag[];
  /** What it means for the role; null when no role was chosen. */
  forRole: string | null;
}

const FLAG: Record<string, { kind: VerdictFlag['kind']; label: string }> = {
  'lawsuit-filed': { kind: 'challenge', label: 'suit filed' },
  appeal: { kind: 'challenge', label: 'appeal' },
  'court-ruling': { kind: 'ruling', label: 'ruling' },
  'reconsideration-request': { kind: 'reconsideration', label: 'reconsideration asked' },
  proposal: { kind: 'proposal', label: 'proposed' },
};

const notice = (n: VerdictDesignation['notice']): string => (n ? ` by ${n.citation ?? n.title}` : '');

/** First sentence of a rule's effect, so the role line stays one or two lines. */
function firstSentence(text: string): string {
  const m = /^(.+?[.;])(\s|$)/.exec(text);
  return (m?.[1] ?? text).replace(/;$/, '.');
}

/** The kinds of rule that bind the role, as opposed to a permission or a note. */
const BINDING_KINDS = new Set(['prohibition', 'requirement']);

/** The obligation the role line leads with: the first that binds (by the rule's kind), else the first. */
function pickLead<T extends VerdictObligation>(list: readonly T[]): T | undefined {
  return list.find((o) => o.kind !== undefined && BINDING_KINDS.has(o.kind)) ?? list[0];
}

function court(e: VerdictEvent): string {
  const parts = [e.court, e.docket].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Builds the verdict of one entity on `asOf` (see the module comment). */
export function verdictOf(input: VerdictInput): Verdict {
  const when = input.asOf === input.today ? 'today' : `on ${input.asOf}`;
  const inForce = input.designations.filter((d) => d.active);
  const past = input.designations.filter((d) => !d.active && d.from <= input.asOf);
  const listed = inForce.length > 0;
  const lists = [...new Set(inForce.map((d) => d.listName))];
  const headline = listed
    ? `Listed ${when} on ${lists.join(' and ')}`
    : past.length
      ? `Not listed ${when} (listed before)`
      : `Not listed ${when}`;
  const lines = listed
    ? inForce.map((d) => `${d.listName}: since ${d.from}${notice(d.notice)}.`)
    : past.map((d) => `Was on ${d.listName} from ${d.from} to ${d.to ?? '?'}${notice(d.notice)}.`);

  const known = input.events.filter((e) => e.date <= input.asOf && FLAG[e.kind]).sort((a, b) => a.date.localeCompare(b.date));
  const flags: VerdictFlag[] = known.map((e) => ({ ...FLAG[e.kind]!, text: `${e.date}: ${e.title}${court(e)}`, event: e }));
  const suits = flags.filter((f) => f.kind === 'challenge');
  const rulings = flags.filter((f) => f.kind === 'ruling');
  let challenge: string;
  if (suits.length || rulings.length) {
    const lastSuit = suits[suits.length - 1];
    const lastRuling = rulings[rulings.length - 1];
    const bits = [lastSuit ? `suit filed ${lastSuit.event.date}${court(lastSuit.event)}` : '', lastRuling ? `latest ruling ${lastRuling.event.date}: ${lastRuling.event.title}` : ''].filter(Boolean);
    challenge = `${listed ? 'Under challenge' : 'Challenged in court'}: ${bits.join('; ')}.`;
  } else {
    challenge = flags.some((f) => f.kind === 'reconsideration') ? 'Reconsideration asked; no court challenge recorded.' : 'No court challenge recorded.';
  }

  let forRole: string | null = null;
  if (input.role?.id) {
    const obl = input.obligations ?? [];
    const now = obl.filter((o) => o.status === 'in-force');
    const soon = obl.filter((o) => o.status === 'coming');
    const counts = [now.length ? `${now.length} rule${now.length > 1 ? 's' : ''} in force` : '', soon.length ? `${soon.length} coming` : ''].filter(Boolean).join(', ');
    const lead = pickLead(now) ?? pickLead(soon);
    // "an" before a vowel sound; a label led by "US" is read "you-ess", so U is not counted.
    const forA = `For ${/^[aeio]/i.test(input.role.label) ? 'an' : 'a'} ${input.role.label}`;
    if (!lead) forRole = `${forA}: no obligation follows from these listings ${when}.`;
    else {
      const from = lead.status === 'coming' ? `from ${lead.effectiveFrom}: ` : '';
      forRole = `${forA}${obl.length > 1 ? ` (${counts})` : ''}: ${from}${firstSentence(lead.effect)} (${lead.citation})`;
    }
  }
  return { listed, headline, lines, challenge, flags, forRole };
}
