export { Dimension, Measure } from './dimensions.js';
export { METHOD, PTABLE, SuppressionReason, type ReleasedFigure } from './ptable.js';
export {
  computeTable,
  computeThemeFigures,
  readThreshold,
  RELEASE_TABLES,
  type Category,
  type ReleasedCell,
  type ReleasedMargin,
  type ReleasedPair,
  type ReleasedTable,
  type TableFilter,
  type TableSpec,
} from './tables.js';
