/**
 * English number words written as digits, names and queries alike, so "Brigade Forty-Four" =
 * "Brigade 44", "Three Gorges" = "3 Gorges" and "Fourteenth Research Institute" = "14th Research
 * Institute" (a run of words becomes its digits; a word alone keeps its spelling, with the digits
 * as an accepted alternative). Lists and users write a number either way; a name holding it in words and a query
 * holding it in digits must meet on the same token. The grammar is English's, not a word list of
 * names: units, teens, tens (also the common misspellings of a tens word built on its unit,
 * "fourty", "ninty"), "hundred" and "thousand" after a count, "and" inside, and an ordinal as the
 * last word ("twenty-first" → 21st). Pure.
 */

const UNITS: Readonly<Record<string, number>> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Readonly<Record<string, number>> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };

/** The stems a tens word is built on, as written correctly or after its unit ("four" + "ty"). */
const TENS_STEMS: Readonly<Record<string, number>> = { twen: 20, thir: 30, three: 30, for: 40, four: 40, fif: 50, five: 50, six: 60, seven: 70, eigh: 80, eight: 80, nin: 90, nine: 90 };

const ORDINAL_UNITS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9 };
const ORDINAL_TEENS: Readonly<Record<string, number>> = { tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19 };

/** The value of a tens word ("forty", "fourty" → 40), or undefined. */
function tens(t: string): number | undefined {
  if (t.endsWith('ty')) return TENS_STEMS[t.slice(0, -2)];
  return undefined;
}

/** The value of an ordinal tens word ("twentieth", "fourtieth" → 20, 40), or undefined. */
function ordinalTens(t: string): number | undefined {
  if (t.endsWith('tieth')) return TENS_STEMS[t.slice(0, -5)];
  return undefined;
}

/** English ordinal suffix of a number: 1st, 2nd, 3rd, 4th, 11th–13th, 21st. */
export function ordinalSuffix(n: number): string {
  const h = n % 100;
  if (h >= 11 && h <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
}

type Last = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand';

/** A number read from `words` starting at `i`: its digits (with an ordinal suffix) and the first word after it. */
function readNumber(words: readonly string[], i: number): { text: string; end: number } | null {
  let total = 0;
  let current = 0;
  let last: Last = 'none';
  let j = i;
  for (; j < words.length; j++) {
    const t = words[j] as string;
    const unit = UNITS[t];
    const teen = TEENS[t];
    const ten = tens(t);
    if (unit !== undefined) {
      // "one two" is two numbers; a unit follows only a tens word, "hundred" or "thousand".
      if (last === 'unit' || last === 'teen') break;
      current += unit;
      last = 'unit';
    } else if (teen !== undefined || ten !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'tens') break;
      current += (teen ?? ten) as number;
      last = teen !== undefined ? 'teen' : 'tens';
    } else if (t === 'hundred' && (last === 'unit' || last === 'teen')) {
      current *= 100;
      last = 'hundred';
    } else if (t === 'thousand' && last !== 'none' && last !== 'thousand') {
      total += current * 1000;
      current = 0;
      last = 'thousand';
    } else if (t === 'and' && (last === 'hundred' || last === 'thousand') && j + 1 < words.length && startsNumber(words[j + 1] as string)) {
      continue;
    } else {
      // An ordinal ends the number: "twenty first", "fourteenth", "one hundredth".
      const ou = ORDINAL_UNITS[t];
      const ot = ORDINAL_TEENS[t] ?? ordinalTens(t);
      let ordinal: number | undefined;
      if (ou !== undefined && last !== 'unit' && last !== 'teen') ordinal = current + ou;
      else if (ot !== undefined && (last === 'none' || last === 'hundred' || last === 'thousand')) ordinal = current + ot;
      else if (t === 'hundredth' && (last === 'unit' || last === 'teen')) ordinal = current * 100;
      if (ordinal !== undefined) {
        const n = total + ordinal;
        return { text: `${n}${ordinalSuffix(n)}`, end: j + 1 };
      }
      break;
    }
  }
  if (last === 'none') return null;
  return { text: String(total + current), end: j };
}

/** Every number word but the built tens ("-ty", "-tieth"): one lookup for most words of a query. */
const NUMBER_WORDS: ReadonlySet<string> = new Set([...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(ORDINAL_UNITS), ...Object.keys(ORDINAL_TEENS)]);

/** Whether a word may begin a number (a cardinal or an ordinal). */
function startsNumber(t: string): boolean {
  return NUMBER_WORDS.has(t) || tens(t) !== undefined || ordinalTens(t) !== undefined;
}

/**
 * The digits of one number word standing alone ("eleven" → 11, "fourteenth" → 14th, "fourty" →
 * 40), or null. A lone number word stays a word (so a typo of it still matches) with its digits
 * as an accepted alternative; only runs of two or more number words become digits.
 */
export function numberWordDigits(t: string): string | null {
  if (!startsNumber(t)) return null;
  const n = readNumber([t], 0);
  return n && n.end === 1 ? n.text : null;
}

/**
 * Lower-case words with every run of two or more English number words replaced by its digits
 * ("brigade", "fourty", "four" → "brigade", "44"; "twenty", "first" → "21st"), and a note per
 * run changed ("number words fourty four=44"). Other words, and a number word alone (see
 * `numberWordDigits`), pass through; the array is returned as is when nothing changes.
 */
export function numberWordsToDigits(words: readonly string[]): { words: readonly string[]; notes: string[] } {
  let k = 0;
  while (k < words.length - 1 && !startsNumber(words[k] as string)) k++;
  if (k >= words.length - 1) return { words, notes: [] };
  const out: string[] = words.slice(0, k);
  const notes: string[] = [];
  for (let i = k; i < words.length; ) {
    const t = words[i] as string;
    const n = startsNumber(t) ? readNumber(words, i) : null;
    if (!n || n.end - i < 2) {
      out.push(t);
      i++;
      continue;
    }
    out.push(n.text);
    notes.push(`number words ${words.slice(i, n.end).join(' ')}=${n.text}`);
    i = n.end;
  }
  return notes.length ? { words: out, notes } : { words, notes };
}
