/**
 * Name pairs from other projects' matching tests (../shared/eval/external-dev.csv), scored as
 * its README says: every distinct candidate an entity of one list in one index, every query
 * screened at the default threshold; pass rate overall, for match and nomatch pairs, by kind.
 */
import { passRateModule } from './external-eval.js';

export default passRateModule(
  'external',
  'external-dev.csv name pairs (one index of all candidates, default threshold): pass rate match / nomatch',
  (ctx) => ctx.sharedPath('eval/external-dev.csv'),
);
