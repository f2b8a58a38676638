/**
 * Piscina worker of batch screening: rebuilds the index once from the snapshot it receives
 * (as JSON text) in workerData, with the deletion table the main thread built (shared memory), then screens chunks of rows.
 * Results go back as one buffer of JSON lines (`WorkerChunk`), moved to the main thread rather than cloned.
 */
import { Piscina, workerData } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import type { IndexSnapshot } from '../../core/match/types.js';
import type { DeletionTableData } from '../../core/match/deletion-table.js';
import { screenChunkJsonl } from './batch-core.js';
import { fromColumns, type ColumnTask, type WorkerChunk } from './batch-columns.js';

const data = workerData as { snapshotJson?: string; deletions?: DeletionTableData };
// The deletion table arrives built, on memory shared with the other workers.
const index = indexFromSnapshot(JSON.parse(data.snapshotJson ?? 'null') as IndexSnapshot, data.deletions ? { deletions: data.deletions } : {});
// The text is not needed once parsed; dropping it saves its size in every worker.
delete data.snapshotJson;

/** A result whose JSONL buffer piscina moves to the main thread (the transfer protocol of `Piscina.move`). */
class MovedChunk {
  constructor(private readonly chunk: WorkerChunk) {}
  get [Piscina.transferableSymbol](): ArrayBufferLike[] {
    return [this.chunk.jsonl.buffer];
  }
  get [Piscina.valueSymbol](): WorkerChunk {
    return this.chunk;
  }
}

/** Screens one chunk; returns its records as JSON lines (UTF-8, moved) plus the skipped rows. */
export default function run(task: ColumnTask): unknown {
  return Piscina.move(new MovedChunk(screenChunkJsonl(index, fromColumns(task), task.opts)) as never);
}
