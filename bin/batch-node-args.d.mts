/** The Node flags a batch screen runs with (see batch-node-args.mjs). */
export declare const BATCH_NODE_ARGS: readonly string[];
