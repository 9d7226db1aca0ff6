// units and unit_lineage rows of a sample province (data contract §2.1, §2.2).
import type { SampleSpec } from './spec';

export type Row = Record<string, string | number | boolean | null>;

export function buildUnits(spec: SampleSpec): Row[] {
  const p = spec.province;
  const rows: Row[] = [
    { unit_id: p.id, name: p.name, short_name: p.short, parent_id: null, level: 'province', code: p.code, valid_from: null, valid_to: null },
  ];
  for (const peer of spec.peers ?? []) {
    rows.push({ unit_id: peer.id, name: peer.name, short_name: peer.short, parent_id: null, level: 'province', code: null, valid_from: null, valid_to: null });
  }
  for (const u of spec.units) {
    rows.push({
      unit_id: u.id,
      name: u.name,
      short_name: u.short ?? null,
      parent_id: u.parent ?? null,
      level: u.level,
      code: u.code ?? null,
      valid_from: u.validFrom ?? null,
      valid_to: u.validTo ?? null,
    });
  }
  return rows;
}

/** One row per (old unit, successor); effective_date is the day after the old unit's last day. */
export function buildLineage(spec: SampleSpec): Row[] {
  const byId = new Map(spec.units.map((u) => [u.id, u]));
  const rows: Row[] = [];
  for (const u of spec.units) {
    for (const s of u.successors ?? []) {
      const to = byId.get(s.to);
      if (!to) throw new Error(`Đơn vị kế thừa không có / unknown successor ${s.to} of ${u.id}`);
      if (!u.validTo) throw new Error(`${u.id} has a successor but no valid_to`);
      rows.push({ from_unit_id: u.id, to_unit_id: s.to, effective_date: dayAfter(u.validTo), share: s.share ?? 1 });
    }
  }
  return rows;
}

/** ISO date + 1 day (UTC arithmetic on a date-only value, so no time zone can move it). */
export function dayAfter(date: string): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
