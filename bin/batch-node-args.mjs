/**
 * The Node flags a batch screen runs with: `bin/listwatch.mjs` re-runs `screen --input` once with
 * them, and the throughput bench starts its batch child with them (bench/batch-run.ts), so the
 * bench measures what users run.
 *
 * A bounded heap: a batch streams millions of rows through the main thread (CSV in, JSON out)
 * while worker threads do the matching. V8 lets that garbage pile up to hundreds of MB before it
 * collects unless the heap is bounded, and the bound can only be set on the command line
 * (measured: peak RSS 510 → 406 MB for 200,000 rows, same speed). The flag also caps every worker
 * thread's heap (it overrides their resourceLimits), and a worker holds the whole index: about
 * 270 MB while it builds the index of the bundled record + the full CSL (25,921 rows). At 256 MB
 * such a batch died with ERR_WORKER_OUT_OF_MEMORY; 512 MB leaves room for that and still bounds
 * the main thread.
 *
 * TurboFan inlining off: V8 then compiles the matcher's functions each on its own, instead of
 * inlining them into a few large ones that it throws away and compiles again whenever a rare
 * branch (a join, initials, a typo) first runs in a worker. Measured on 200,000 rows with two
 * workers, alternating with the default: faster in 10 of 11 runs (about 5 % more names/s, 3-8 %
 * less CPU). A single screen is not re-run and keeps V8's default.
 *
 * The old generation may double between full collections (V8's default factor is lower): the
 * heap is mostly the index, which every full collection marks again while the batch adds only
 * its memos. Traced in one thread on 100,000 rows: 4 full collections instead of 6, background
 * marking 1,191 → 299 ms. On 200,000 rows with two workers, alternating with the factor left
 * out: 5-11 % more names/s and 5-10 % less CPU in 3 of 3 pairs, peak RSS 600 → 655 MB; a factor
 * of 3 was no faster and took 790 MB. The heap bound above still holds: V8 collects before it.
 */
export const BATCH_NODE_ARGS = ['--max-old-space-size=512', '--no-turbo-inlining', '--heap-growing-percent=100'];
