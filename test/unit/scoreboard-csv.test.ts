// The scoreboard's CSV for Excel and the PNG decoding of chart exports: BOM, CRLF, Vietnamese intact,
// numbers left as numbers, formula-like text neutralised, rates rounded to 4 decimals.
import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../src/metrics/evaluate';
import type { ScoreboardModel, ScoreCell, ScoreRow } from '../../src/metrics/scoreboard';
import { scoreboardCsv } from '../../src/export/scoreboardCsv';
import { dataUrlToBlob, pngName } from '../../src/export/image';

const fig = (f: Partial<MetricValue>): MetricValue => ({ value: null, numerator: null, denominator: null, target: null, comparator: null, status: null, ...f });
const cell = (f: Partial<MetricValue>, more: Partial<ScoreCell> = {}): ScoreCell => ({
  figure: fig(f), previous: null, yearAgo: null, deltaPrevious: null, deltaYear: null, spark: [], gap: null, ...more,
});

function row(id: string, name: string, cells: Record<string, ScoreCell>, missed: string[]): ScoreRow {
  return {
    unit: { unit_id: id, name, short_name: null, level: 'agency', parent_id: null, code: null, valid_from: null, valid_to: null },
    cells, missed, overdue: { total: 0, resolved: 0, pending: 0, apologies: 0, missingApologies: 0 }, overdueFields: [],
  };
}

const model: ScoreboardModel = {
  columns: ['on_time_rate', 'overdue_count'],
  rows: [
    row('MH.08', 'Sở Nông nghiệp và Môi trường', {
      on_time_rate: cell({ value: (100 * 1370) / 1462, numerator: 1370, denominator: 1462, target: 95, comparator: '>=', status: 'missed' },
        { deltaPrevious: -1.7631329332640604, deltaYear: -1.9557, gap: { state: 'short', dossiers: 19 } }),
      overdue_count: cell({ value: 92, numerator: 92, target: 0, comparator: '<=', status: 'missed' }, { deltaPrevious: 27, gap: { state: 'short', dossiers: 92 } }),
    }, ['on_time_rate', 'overdue_count']),
    row('X', '=HYPERLINK("http://example.invalid","x")', {
      on_time_rate: cell({}),
      overdue_count: cell({ value: 0, numerator: 0 }),
    }, []),
    row('Y', '-2+3, "quoted"\nline', { on_time_rate: cell({}), overdue_count: cell({}) }, []),
  ],
  behind: {}, behindAny: 1,
  totals: { overdue: 92, resolved: 0, pending: 0, apologies: null, missingApologies: null, unitsWithOverdue: 1 },
  overall: {},
};

describe('scoreboardCsv', () => {
  const csv = scoreboardCsv(model, { lang: 'vi', periodKey: '2026-10' });
  const lines = csv.split('\r\n');

  it('starts with a BOM, uses CRLF and Vietnamese headers', () => {
    expect(csv.startsWith('\uFEFFKỳ,Mã đơn vị,Đơn vị,Số chỉ tiêu chưa đạt,Đúng hạn – giá trị,Đúng hạn – chỉ tiêu,Đúng hạn – đánh giá,Đúng hạn – tử số,Đúng hạn – mẫu số,Đúng hạn – so với kỳ trước,Đúng hạn – so với cùng kỳ năm trước,Đúng hạn – khoảng cách (hồ sơ),Số quá hạn – giá trị,')).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('writes numbers as numbers (rates to 4 decimals, negative changes stay numbers)', () => {
    // 1.370/1.462 = 93,70725…
    expect(lines[1]).toBe('2026-10,MH.08,Sở Nông nghiệp và Môi trường,2,93.7073,≥ 95,Chưa đạt,1370,1462,-1.7631,-1.9557,19,92,≤ 0,Chưa đạt,92,,27,,92');
  });

  it('neutralises formula-like text and quotes what needs quoting', () => {
    expect(lines[2]).toBe('2026-10,X,"\'=HYPERLINK(""http://example.invalid"",""x"")",0,,,,,,,,,0,,,0,,,,');
    expect(csv).toContain('"\'-2+3, ""quoted""\nline"');
  });

  it('in English', () => {
    const en = scoreboardCsv(model, { lang: 'en', periodKey: '2026-10' });
    expect(en.startsWith('\uFEFFPeriod,Unit id,Unit,Targets missed,On time – value,')).toBe(true);
    expect(en.split('\r\n')[1]).toContain(',Missed,');
  });
});

describe('chart PNG helpers', () => {
  it('decodes a base64 data: URL into bytes with its type', async () => {
    const blob = dataUrlToBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => dataUrlToBlob('http://example.invalid/x.png')).toThrow();
  });
  it('names files from untrusted text with ASCII only', () => {
    expect(pngName('MH.02-2026-10', 'on_time_rate')).toBe('MH-02-2026-10-on-time-rate.png');
    expect(pngName('Sở Nội vụ <b>', '../x')).toBe('So-Noi-vu-b-x.png');
  });
});
