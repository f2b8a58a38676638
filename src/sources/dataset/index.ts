/** The bundled dataset: loading (validated) and hashing of `data/`. */
export { loadDataset } from './load.js';
export { hashDataset } from './hash.js';
export { datasetFiles, DATASET_FILES, ENTITIES_DIR, PUBLICATIONS_DIR } from './files.js';
