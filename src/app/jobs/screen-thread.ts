/**
 * The thread a worker screens chunks in (piscina): it rebuilds the index once from the snapshot
 * (JSON text in workerData) and the deletion table its process built (shared memory), then screens chunks. It runs under V8 heap limits, so a chunk that
 * would exhaust memory ends this thread (the run fails and is retried, split, or its row marked
 * failed), never the worker or server process around it.
 */
import { workerData } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import { snapshotFromJson } from '../../core/match/snapshot-json.js';
import type { DeletionTableData } from '../../core/match/deletion-table.js';
import { screenChunkLines, type BatchChunk } from '../screen/batch-core.js';
import { fromColumns, type ColumnTask } from '../screen/batch-columns.js';

const data = workerData as { snapshotJson?: string; deletions?: DeletionTableData; poison?: string };
// The deletion table comes built, on memory shared with the process that made it.
const index = indexFromSnapshot(snapshotFromJson(data.snapshotJson ?? 'null'), data.deletions ? { deletions: data.deletions } : {});
delete data.snapshotJson; // parsed; its text is not needed again
// Fault injection for the resilience tests only (LISTWATCH_JOBS_FAULT=poison:NAME at the entry point):
// a row whose name contains this text ends the thread, as a row that exhausts memory would.
const poison = data.poison;

/** Screens one chunk; returns the records as JSON lines. */
export default function run(task: ColumnTask): BatchChunk {
  if (poison !== undefined && task.name.some((n) => n.includes(poison))) process.exit(70);
  return screenChunkLines(index, fromColumns(task), task.opts);
}
