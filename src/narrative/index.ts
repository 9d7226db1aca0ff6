// The written summaries: pure functions from the scoreboard model to sentences (vi, en).
export { scoreboardSummary, type SummaryContext } from './scoreboard';
export { unitSummary, gapPhrases, type UnitSummaryContext } from './unit';
export { gapWhat, metricName, targetText, valueText, fieldName } from './phrases';
