import { csvCell as cell } from '../../core/csv.js';

/** One audit CSV cell: objects as JSON text, everything else by the shared rule (`core/csv.ts`). */
export function csvCell(v: unknown): string {
  return cell(v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
}

/** One CSV line (with the line break). */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
