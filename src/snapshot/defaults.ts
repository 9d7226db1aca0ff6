// The filters a first visit starts from (stores/filters.ts: level defaults to agency), restated here
// because stores cannot be imported in Node.
export const DEFAULT_LEVEL = 'agency';
