// The gap to target in dossiers, against figures worked out by hand from the sample's CSV for 2026-10.
import { describe, expect, it } from 'vitest';
import { countGap, metricGap, rateGap } from '../../src/metrics/gap';

describe('rateGap', () => {
  it('Sở Nông nghiệp và Môi trường, 2026-10: 1.370 of 1.462 on time needs 19 more to reach 95 %', () => {
    // 95 % of 1.462 = 1.388,9 → 1.389 on time; 1.389 − 1.370 = 19 (1.388/1.462 = 94,94 % would still miss).
    expect(rateGap({ numerator: 1370, denominator: 1462, target: 95, comparator: '>=' })).toEqual({ state: 'short', dossiers: 19 });
  });

  it('Thanh tra tỉnh: 80 of 85 needs one more (81/85 = 95,29 %)', () => {
    expect(rateGap({ numerator: 80, denominator: 85, target: 95, comparator: '>=' })).toEqual({ state: 'short', dossiers: 1 });
  });

  it('lands exactly on the target without an extra dossier (19/20 = 95 %)', () => {
    expect(rateGap({ numerator: 19, denominator: 20, target: 95, comparator: '>=' })).toEqual({ state: 'met', dossiers: 0 });
    expect(rateGap({ numerator: 18, denominator: 20, target: 95, comparator: '>=' })).toEqual({ state: 'short', dossiers: 1 });
  });

  it('apology slips: Sở Nội vụ issued 8 for 10 overdue dossiers, 2 short of 100 %', () => {
    expect(rateGap({ numerator: 8, denominator: 10, target: 100, comparator: '>=' })).toEqual({ state: 'short', dossiers: 2 });
    expect(rateGap({ numerator: 0, denominator: 1, target: 100, comparator: '>=' })).toEqual({ state: 'short', dossiers: 1 });
  });

  it('decimal targets compare exactly: 2 of 3 is 66,6667 % and reaches a 66,6667 % target', () => {
    expect(rateGap({ numerator: 2, denominator: 3, target: 66.6667, comparator: '>=' })).toEqual({ state: 'short', dossiers: 1 });
    expect(rateGap({ numerator: 2, denominator: 3, target: 66.6666, comparator: '>=' })).toEqual({ state: 'met', dossiers: 0 });
    expect(rateGap({ numerator: 2, denominator: 3, target: 66.67, comparator: '>=' })).toEqual({ state: 'short', dossiers: 1 });
  });

  it('a ≤ target removes dossiers from the numerator: 7 overdue of 200 against ≤ 2 % needs 3 fewer', () => {
    // 2 % of 200 = 4 → at most 4 overdue; 7 − 4 = 3.
    expect(rateGap({ numerator: 7, denominator: 200, target: 2, comparator: '<=' })).toEqual({ state: 'short', dossiers: 3 });
    expect(rateGap({ numerator: 4, denominator: 200, target: 2, comparator: '<=' })).toEqual({ state: 'met', dossiers: 0 });
  });

  it('says so when even every dossier would not reach the target', () => {
    expect(rateGap({ numerator: 5, denominator: 10, target: 101, comparator: '>=' })).toEqual({ state: 'unreachable', dossiers: 6 });
  });

  it('has no answer without counts or a target', () => {
    expect(rateGap({ numerator: null, denominator: 10, target: 95, comparator: '>=' })).toBeNull();
    expect(rateGap({ numerator: 0, denominator: 0, target: 95, comparator: '>=' })).toBeNull();
    expect(rateGap({ numerator: 3, denominator: 10, target: null, comparator: null })).toBeNull();
  });

  it('works with the fractional counts that lineage shares produce', () => {
    // 0,6 × 100 = 60 of 80 against 95 % → 76 needed → 16 more.
    expect(rateGap({ numerator: 60.000000000000004, denominator: 80, target: 95, comparator: '>=' })).toEqual({ state: 'short', dossiers: 16 });
  });
});

describe('countGap', () => {
  it('overdue dossiers ≤ 0: Sở Nội vụ needs 10 fewer', () => {
    expect(countGap(10, 0, '<=')).toEqual({ state: 'short', dossiers: 10 });
    expect(countGap(0, 0, '<=')).toEqual({ state: 'met', dossiers: 0 });
  });
  it('a ≥ count target', () => {
    expect(countGap(3, 5, '>=')).toEqual({ state: 'short', dossiers: 2 });
  });
});

describe('metricGap', () => {
  it('dispatches on the metric unit and leaves points alone', () => {
    expect(metricGap('percent', { value: 93.7, numerator: 1370, denominator: 1462, target: 95, comparator: '>=' })?.dossiers).toBe(19);
    expect(metricGap('count', { value: 151, numerator: 151, denominator: null, target: 0, comparator: '<=' })?.dossiers).toBe(151);
    expect(metricGap('points', { value: 72, numerator: null, denominator: null, target: 80, comparator: '>=' })).toBeNull();
  });
});
