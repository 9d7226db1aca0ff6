// Quality flags in words: "no dossiers" where the portal wrote 0 % for a unit that received nothing,
// failed identities named, unknown codes kept as text.
import { describe, expect, it } from 'vitest';
import { flagCodes, flagText, noDossiers } from '../../src/format/flags';

describe('quality flags', () => {
  it('reads the codes and says them in Vietnamese and English', () => {
    expect(flagCodes('NO_DOSSIERS, RATIO_MISMATCH')).toEqual(['NO_DOSSIERS', 'RATIO_MISMATCH']);
    expect(noDossiers('NOT_SCORED,NO_DOSSIERS')).toBe(true);
    expect(noDossiers('NO_DOSSIERS_TDGQ')).toBe(false);
    expect(flagText('NO_DOSSIERS', 'vi')).toBe('không có hồ sơ');
    expect(flagText('NO_DOSSIERS', 'en')).toBe('no dossiers');
    expect(flagText('NO_DOSSIERS_TDGQ', 'vi')).toBe('nhóm TDGQ không có hồ sơ (tính 0 điểm)');
    expect(flagText('TEMP_NATIONAL_REPORT_DENOMINATOR,<b>x</b>', 'en')).toBe('temporary denominator; <b>x</b>');
    expect(flagText(null, 'vi')).toBe('');
  });
});
