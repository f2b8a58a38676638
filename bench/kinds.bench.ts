/**
 * Kinds of variation beyond the two labelled sets (bench/data/kind-pairs.csv: made-up or public
 * names written for this bench, not facts about anyone): legal forms GLEIF lists in several
 * spellings (Pvt. Ltd. = Private Limited, a.s. = akciová společnost), Russian names in the
 * published romanisations against their Cyrillic, titles before a person's name, spellings of a
 * name word OFAC gives for one person, and Chinese company names against lists that print them
 * only in Latin letters, with negatives of each.
 * Scored as the external pairs are (one index of all candidates, default threshold), by kind.
 */
import path from 'node:path';
import { passRateModule } from './external-eval.js';

export default passRateModule(
  'kinds',
  'bench/data/kind-pairs.csv: legal forms, Cyrillic romanisations, titles, name spellings, Chinese companies vs Latin lists; pass rate by kind',
  (ctx) => path.join(ctx.repoRoot, 'bench', 'data', 'kind-pairs.csv'),
);
