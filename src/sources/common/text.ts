/** Lower-case, punctuation-free, single-spaced form of a name, for linking entities across sources. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A url-safe slug of a name: `China Telecom Corp.` → `china-telecom-corp`. */
export function slugify(name: string): string {
  return normaliseName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Splits a multi-valued field on `; ` (CSL), dropping empty parts. */
export function splitMulti(value: string): string[] {
  return value.split(/;\s+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses `03 Jun 2021` (OFAC remarks) to `2021-06-03`, or undefined. */
export function parseOfacDate(s: string): string | undefined {
  const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const mon = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m[2]!.toLowerCase());
  if (mon < 0) return undefined;
  return `${m[3]}-${String(mon + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}
