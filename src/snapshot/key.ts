// The key of a recorded query: a hash of its SQL text and bound parameters. The build records results
// under it in Node; the page looks them up with the very same SQL, so a figure shown from the snapshot
// is the figure DuckDB gives for that query on the same data.
import type { Param } from '../db/types';

/** cyrb53: a fast 53-bit string hash (two 32-bit lanes), written out as hex. */
function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function queryKey(sql: string, params: Param[] = []): string {
  const text = `${sql}\u0000${JSON.stringify(params)}`;
  return `${hash53(text)}${hash53(text, 0x9e3779b9)}`;
}
