// Channels of receipt as the portal codes them (KenhThucHien: 1 in person, 2 online, 3 postal) and their
// form in the URL (?channel=2,3). Only dossier-level data has them (dataset.hasChannels); published
// counts are per unit and field only, so the filter is offered only where it means something.
export const CHANNELS = [
  { id: 2, vi: 'Trực tuyến', en: 'Online' },
  { id: 1, vi: 'Trực tiếp', en: 'In person' },
  { id: 3, vi: 'Bưu chính', en: 'Postal' },
] as const;

/** "2,3" → [2, 3]: known codes only, sorted, once each; every channel (or none) means no filter → []. */
export function parseChannels(text: string | undefined | null): number[] {
  if (!text) return [];
  const known = new Set<number>(CHANNELS.map((c) => c.id));
  const out = [...new Set(text.split(',').map((s) => Number(s.trim())).filter((n) => known.has(n)))].sort();
  return out.length === known.size ? [] : out;
}

/** [3, 2] → "2,3"; [] → undefined (the parameter leaves the URL) */
export function channelsParam(ids: number[]): string | undefined {
  const v = parseChannels(ids.join(','));
  return v.length ? v.join(',') : undefined;
}
