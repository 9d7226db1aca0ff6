// The filters a first visit starts from: one rule for the live page and the build (src/url/defaults.ts).
export { DEFAULT_LEVEL } from '../url/defaults';
