/**
 * Piscina worker of batch screening: rebuilds the index once from the snapshot it receives
 * as workerData, then screens chunks of rows. Results go back as one JSON string per chunk,
 * which is cheaper to pass between threads than a structured clone of many small objects.
 */
import { workerData } from 'piscina';
import { indexFromSnapshot } from '../../core/match/build-index.js';
import type { IndexSnapshot } from '../../core/match/types.js';
import { screenChunk, type BatchRow, type BatchScreenOptions } from './batch-core.js';

const data = workerData as { snapshot: IndexSnapshot };
const index = indexFromSnapshot(data.snapshot);

/** Screens one chunk; returns the records as a JSON array string. */
export default function run(task: { rows: BatchRow[]; opts: BatchScreenOptions }): string {
  return JSON.stringify(screenChunk(index, task.rows, task.opts));
}
