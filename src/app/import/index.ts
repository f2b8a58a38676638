/** Importing official list files: `importFiles` turns files into dated, diffed publications. */
export { importFiles, MAX_DROP, type ImportOptions } from './service.js';
