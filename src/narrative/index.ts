// The written summaries: pure functions from the scoreboard model to sentences (vi, en).
export { scoreboardSummary, type SummaryContext } from './scoreboard';
export { unitSummary, unitSummaryParts, gapPhrases, type UnitSummaryContext, type UnitSentenceKind } from './unit';
export { gapWhat, metricName, targetText, valueText, fieldName } from './phrases';
