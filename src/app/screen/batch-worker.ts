/**
 * Piscina worker of batch screening: parses the snapshot it receives (as JSON, UTF-8 bytes on shared memory) in workerData
 * as it starts, builds the index once on its first task with the deletion table the main thread
 * built (shared memory, sent with each task), then screens chunks of rows.
 * Results go back as one buffer of JSON lines (`WorkerChunk`), moved to the main thread rather than cloned.
 */
import { Piscina, workerData } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import { snapshotFromJson } from '../../core/match/snapshot-json.js';
import type { IndexSnapshot, ScreenIndex } from '../../core/match/types.js';
import { screenChunkJsonl } from './batch-core.js';
import { fromColumns, type ColumnTask, type WorkerChunk } from './batch-columns.js';
import { snapshotBytesText } from './snapshot-file.js';

const data = workerData as { snapshotBytes?: Uint8Array };
const bytes = data.snapshotBytes;
// Parsed as the worker starts, while the main thread makes the shared deletion table.
let snapshot: IndexSnapshot | null = bytes ? snapshotFromJson(snapshotBytesText(bytes)) : null;
// The text (UTF-8 on memory shared with the main thread) is not needed once parsed.
delete data.snapshotBytes;
let index: ScreenIndex | null = null;

/** The worker's index, built on its first task with the deletion table the task carries (shared memory). */
function indexFor(task: ColumnTask): ScreenIndex {
  if (!index) {
    index = indexFromSnapshot(snapshot as IndexSnapshot, task.deletions ? { deletions: task.deletions } : {});
    snapshot = null;
  }
  return index;
}

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
  return Piscina.move(new MovedChunk(screenChunkJsonl(indexFor(task), fromColumns(task), task.opts)) as never);
}
