export type { QuerySpec, QueryState } from './types';
export { usePageQuery, coordinator } from './usePageQuery';
export { Coordinator, Superseded, type CoordinatorStats } from './coordinator';
