import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchBieu06Header } from '../../../src/datasets/formats/bieu06Header';
import type { Grid } from '../../../src/datasets/formats/grid';
import { fold, guessLevel, slugify } from '../../../src/datasets/formats/slug';

const GROUPS = ['Số hồ sơ nhận giải quyết', '', '', '', 'Số hồ sơ đã giải quyết', '', '', '', 'Số hồ sơ đang giải quyết', '', ''];
const SUBS = ['Tổng số', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính', 'Từ kỳ trước', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn'];
const EXPECTED = { stt: 0, name: 1, received_total: 2, received_online: 3, received_offline: 4, carried_over: 5, resolved_total: 6, resolved_early: 7, resolved_on_time: 8, resolved_overdue: 9, pending_total: 10, pending_within: 11, pending_overdue: 12 };

const grid = (rows: string[][]): Grid => ({ file: 't', rows, rowNumbers: rows.map((_, i) => i + 1), merges: [], formulaColumns: [], source: 'csv' });

/** Random but meaning-preserving spelling: case, spaces, NFD, nbsp. */
const mangle = (s: string) =>
  fc.record({ upper: fc.boolean(), lower: fc.boolean(), nfd: fc.boolean(), pad: fc.constantFrom('', ' ', '  ', '\u00a0', '\n'), inner: fc.constantFrom(' ', '  ', '\u00a0', ' \n ') }).map((o) => {
    let t = s.split(' ').join(o.inner);
    if (o.upper) t = t.toUpperCase();
    else if (o.lower) t = t.toLowerCase();
    if (o.nfd) t = t.normalize('NFD');
    return o.pad + t + o.pad;
  });

describe('header matching (property)', () => {
  it('random spacing, case and Unicode decomposition still match every column', () => {
    fc.assert(
      fc.property(fc.tuple(...GROUPS.map((g) => (g ? mangle(g) : fc.constant('')))), fc.tuple(...SUBS.map(mangle)), fc.boolean(), (groups, subs, withGroups) => {
        const rows = withGroups ? [['STT', 'Lĩnh vực', ...groups], ['', '', ...subs], ['1', 'Hộ tịch', '1', '1', '0', '0', '1', '1', '0', '0', '0', '0', '0']] : [['STT', 'Lĩnh vực', ...subs], ['1', 'Hộ tịch', '1', '1', '0', '0', '1', '1', '0', '0', '0', '0', '0']];
        const m = matchBieu06Header(grid(rows));
        expect(m?.columns).toEqual(EXPECTED);
      }),
      { numRuns: 200 },
    );
  });
  it('folds and slugs names', () => {
    expect(fold('Trực tiếp,  DỊCH VỤ bưu chính'.normalize('NFD'))).toBe('truc tiep dich vu buu chinh');
    expect(slugify('Sở Tư pháp')).toBe('so-tu-phap');
    expect(slugify('SỞ TƯ PHÁP')).toBe('so-tu-phap');
    expect(slugify('Sở Tư pháp'.normalize('NFD'))).toBe('so-tu-phap');
    expect(slugify('UBND xã Đăk Song')).toBe('ubnd-xa-dak-song');
  });
  it('guesses levels from names', () => {
    expect(guessLevel('UBND xã Ia Grai')).toBe('commune');
    expect(guessLevel('UBND phường Pleiku')).toBe('commune');
    expect(guessLevel('xã Ia Grai')).toBe('commune');
    expect(guessLevel('Phòng Tư pháp')).toBe('division');
    expect(guessLevel('Sở Tư pháp')).toBe('agency');
    expect(guessLevel('UBND tỉnh Gia Lai')).toBe('province');
  });
});
