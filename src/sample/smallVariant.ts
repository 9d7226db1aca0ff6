// A second, small package ("--variant small"): another fictional province with other names, used by
// browser tests as a package the app has never seen. 4 measured units, 3 fields each, 2025-01..2026-06.
import type { SampleSpec } from './spec';

const P = 'TN';

export const SMALL_VARIANT: SampleSpec = {
  name: 'goi-thu-tinh-thu-nghiem',
  title: 'Gói thử – Tỉnh Thử Nghiệm (số liệu minh họa, không phải số liệu thật)',
  description:
    'Gói dữ liệu nhỏ của một tỉnh hư cấu khác, dùng để kiểm thử việc mở một gói chưa từng thấy. ' +
    'Mọi con số do máy sinh. Small package of another fictional province; every figure is generated.',
  created: '2026-07-15',
  seed: 20250701,
  province: { id: P, name: 'Tỉnh Thử Nghiệm', short: 'Thử Nghiệm', code: 'H98' },
  units: [
    { id: `${P}.01`, name: 'Sở Y tế', short: 'Y tế', parent: P, level: 'agency', code: 'H98.01', overdue: 0.02, apology: 0.9,
      fields: [{ name: 'Dược phẩm', volume: 160 }, { name: 'Khám bệnh, chữa bệnh', volume: 120 }, { name: 'Y tế dự phòng', volume: 30 }] },
    { id: `${P}.02`, name: 'Sở Công Thương', short: 'Công Thương', parent: P, level: 'agency', code: 'H98.02', overdue: 0.006, apology: 1,
      fields: [{ name: 'Lưu thông hàng hóa trong nước', volume: 220 }, { name: 'Điện', volume: 50 }, { name: 'Hóa chất', volume: 35 }] },
    { id: `${P}.X01`, name: 'UBND phường Hòa An', short: 'P. Hòa An', parent: P, level: 'commune', code: 'H98.101', overdue: 0.015, apology: 0.8,
      fields: [{ name: 'Hộ tịch', volume: 180 }, { name: 'Chứng thực', volume: 240 }, { name: 'Bảo trợ xã hội', volume: 25 }] },
    { id: `${P}.X02`, name: 'UBND xã Suối Tiên', short: 'X. Suối Tiên', parent: P, level: 'commune', code: 'H98.102', overdue: 0.04, apology: 0.7,
      fields: [{ name: 'Hộ tịch', volume: 70 }, { name: 'Chứng thực', volume: 90 }, { name: 'Đất đai', volume: 20 }] },
  ],
  months: { from: '2025-01', to: '2026-06' },
  index766: { monthFrom: '2026-01', monthTo: '2026-06', years: [2025] },
  ddciYears: [2025],
  onlineShare: { 2025: 0.62, 2026: 0.7 },
  targets: [
    { metric: 'on_time_rate', unit_id: '*', period_from: '2025-01-01', comparator: '>=', value: 95, source_doc: 'QĐ 468/QĐ-TTg' },
    { metric: 'online_share', unit_id: '*', period_from: '2025-01-01', comparator: '>=', value: 50, source_doc: 'NQ 76/NQ-CP; QĐ 766/QĐ-TTg' },
    { metric: 'overdue_count', unit_id: '*', period_from: '2026-01-01', period_to: '2026-12-31', comparator: '<=', value: 0,
      source_doc: 'Kế hoạch CCHC tỉnh năm 2026 (mô phỏng)' },
  ],
  // Sở Y tế, 2026-06: exactly 3 overdue dossiers, all in Dược phẩm, each with an apology slip
  patterns: [{ unit: `${P}.01`, month: '2026-06', overdue: { 'Dược phẩm': { resolved: 2, pending: 1, apologies: 3 } } }],
  noLineage: true,
};
