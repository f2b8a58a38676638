/**
 * Name pairs from other projects' matching tests (../shared/eval/external-dev.csv), scored as
 * its README says: every distinct candidate an entity of one list in one index, every query
 * screened at the default threshold; pass rate overall, for match and nomatch pairs, by kind.
 */
import { passRateSummary, readExternalRows, scoreExternal, type ExternalScore } from './external-eval.js';
import type { BenchModule } from './types.js';

const mod: BenchModule = {
  name: 'external',
  description: 'external-dev.csv name pairs (one index of all candidates, default threshold): pass rate match / nomatch',
  summary(s) {
    return passRateSummary(s as ExternalScore);
  },
  async run(ctx) {
    return scoreExternal(readExternalRows(ctx.sharedPath('eval/external-dev.csv')), ctx.today);
  },
};
export default mod;
