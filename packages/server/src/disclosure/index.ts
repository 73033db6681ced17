export { Dimension, Measure } from './dimensions.js';
export { METHOD, PTABLE, SuppressionReason, type ReleasedFigure } from './ptable.js';
export {
  computeBreakdown,
  computeTable,
  computeTables,
  computeThemeFigures,
  readThreshold,
  RELEASE_TABLES,
  type Category,
  type ReleasedBreakdown,
  type ReleasedCell,
  type ReleasedMargin,
  type ReleasedPair,
  type ReleasedTable,
  type TableFilter,
  type TableSpec,
} from './tables.js';
export { computeChannelReach, type ChannelReach } from './channels.js';
export { computeReach, type Reach, type ReachRow } from './reach.js';
export {
  computeSpecialCategoryReach,
  SpecialCategory,
  type AnswersOf,
  type SpecialCategoryReach,
} from './special-category.js';
