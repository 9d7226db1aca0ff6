export type { QuerySpec, QueryState } from './types';
export { usePageQuery } from './usePageQuery';
