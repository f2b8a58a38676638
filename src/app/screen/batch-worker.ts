/**
 * Piscina worker of batch screening: rebuilds the index once from the snapshot it receives
 * (as JSON text) in workerData, with the deletion table the main thread built (shared memory), then screens chunks of rows. Results go back as JSON lines (strings),
 * which clone between threads far more cheaply than many small objects.
 */
import { workerData } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import type { IndexSnapshot } from '../../core/match/types.js';
import type { DeletionTableData } from '../../core/match/deletion-table.js';
import { screenChunkLines, type BatchChunk } from './batch-core.js';
import { fromColumns, type ColumnTask } from './batch-columns.js';

const data = workerData as { snapshotJson?: string; deletions?: DeletionTableData };
// The deletion table arrives built, on memory shared with the other workers.
const index = indexFromSnapshot(JSON.parse(data.snapshotJson ?? 'null') as IndexSnapshot, data.deletions ? { deletions: data.deletions } : {});
// The text is not needed once parsed; dropping it saves its size in every worker.
delete data.snapshotJson;

/** Screens one chunk; returns the records as JSON lines plus the skipped rows. */
export default function run(task: ColumnTask): BatchChunk {
  return screenChunkLines(index, fromColumns(task), task.opts);
}
