// The main sample: the fictional "Tỉnh Minh Họa". Names of Sở and lĩnh vực are the real ones so the
// dashboard looks as it will on real data; every number is made up (see data/README.md).
import type { FieldSpec, MonthPattern, SampleSpec, TargetSpec, UnitSpec } from './spec';
import { SAMPLE_PACKAGE_PREFIX } from '../metrics/freshness';

const P = 'MH';
const SAP_NHAP_SO = '2025-03-01'; // early-2025 merger of Sở
const SO_CU_HET = '2025-02-28';
const SAP_NHAP_XA = '2025-07-01'; // two-level local government
const XA_CU_HET = '2025-06-30';
const M_SO = '2025-03';
const M_XA = '2025-07';

const f = (name: string, volume: number, from?: string): FieldSpec => (from ? { name, volume, from } : { name, volume });

function agency(
  n: string,
  name: string,
  short: string,
  fields: FieldSpec[],
  overdue: number,
  apology: number,
  extra: Partial<UnitSpec> = {},
): UnitSpec {
  return { id: `${P}.${n}`, name, short, parent: P, level: 'agency', code: `H99.${n}`, fields, overdue, apology, ...extra };
}

export const AGENCIES: UnitSpec[] = [
  agency('01', 'Sở Tư pháp', 'Tư pháp', [
    f('Lý lịch tư pháp', 1100), f('Hộ tịch', 120), f('Công chứng', 90), f('Luật sư', 25),
    f('Bồi thường nhà nước', 8), f('Trợ giúp pháp lý', 60),
  ], 0.004, 0.9),
  agency('02', 'Sở Nội vụ', 'Nội vụ', [
    f('Thi đua, khen thưởng', 110), f('Công chức, viên chức', 70), f('Tổ chức phi chính phủ', 15),
    f('Văn thư, lưu trữ', 40), f('Việc làm', 150, M_SO), f('Lao động, tiền lương', 60, M_SO), f('Người có công', 90, M_SO),
  ], 0.012, 0.85),
  agency('03', 'Sở Tài chính', 'Tài chính', [
    f('Quản lý công sản', 60), f('Quản lý giá', 25), f('Tài chính doanh nghiệp', 20), f('Ngân sách nhà nước', 40),
    f('Thành lập và hoạt động doanh nghiệp', 450, M_SO), f('Đầu tư tại Việt Nam', 30, M_SO),
  ], 0.02, 0.8),
  agency('04', 'Sở Xây dựng', 'Xây dựng', [
    f('Hoạt động xây dựng', 180), f('Nhà ở', 40), f('Kinh doanh bất động sản', 30), f('Quy hoạch xây dựng, kiến trúc', 25),
    f('Đường bộ', 1400, M_SO), f('Đường thủy nội địa', 20, M_SO),
  ], 0.065, 0.75),
  agency('05', 'Sở Y tế', 'Y tế', [
    f('Khám bệnh, chữa bệnh', 180), f('Dược phẩm', 150), f('An toàn thực phẩm và dinh dưỡng', 60), f('Y tế dự phòng', 20),
    f('Trang thiết bị y tế', 25), f('Bảo trợ xã hội', 60, M_SO),
  ], 0.02, 0.9),
  agency('06', 'Sở Giáo dục và Đào tạo', 'Giáo dục', [
    f('Văn bằng, chứng chỉ', 350), f('Giáo dục trung học', 40), f('Giáo dục mầm non', 20), f('Quy chế thi, tuyển sinh', 60),
    f('Giáo dục nghề nghiệp', 15, M_SO),
  ], 0.008, 1),
  agency('07', 'Sở Công Thương', 'Công Thương', [
    f('Lưu thông hàng hóa trong nước', 250), f('Điện', 60), f('Hóa chất', 40), f('Xúc tiến thương mại', 70),
    f('An toàn thực phẩm', 80), f('Kinh doanh khí', 30),
  ], 0.015, 0.9),
  agency('08', 'Sở Nông nghiệp và Môi trường', 'NN và MT', [
    f('Đất đai', 500), f('Môi trường', 90), f('Tài nguyên nước', 40), f('Trồng trọt và bảo vệ thực vật', 120),
    f('Thú y', 140), f('Thủy lợi', 20), f('Lâm nghiệp', 60),
  ], 0.055, 0.7, { validFrom: SAP_NHAP_SO }),
  agency('09', 'Sở Văn hóa, Thể thao và Du lịch', 'VH, TT và DL', [
    f('Du lịch', 50), f('Văn hóa', 40), f('Thể dục thể thao', 15), f('Gia đình', 6),
    f('Báo chí', 15, M_SO), f('Xuất bản, in và phát hành', 25, M_SO),
  ], 0.01, 1),
  agency('10', 'Sở Khoa học và Công nghệ', 'KH và CN', [
    f('Hoạt động khoa học và công nghệ', 20), f('Tiêu chuẩn đo lường chất lượng', 45), f('Sở hữu trí tuệ', 8),
    f('Bưu chính', 8, M_SO), f('Viễn thông và Internet', 12, M_SO),
  ], 0.003, 1),
  agency('11', 'Sở Dân tộc và Tôn giáo', 'Dân tộc, Tôn giáo', [
    f('Công tác dân tộc', 25), f('Tín ngưỡng', 20), f('Tôn giáo', 30),
  ], 0.006, 1, { validFrom: SAP_NHAP_SO }),
  agency('12', 'Ban Quản lý các khu công nghiệp', 'BQL KCN', [
    f('Đầu tư tại Việt Nam', 45), f('Lao động', 60), f('Quy hoạch xây dựng', 25), f('Môi trường', 20),
  ], 0.01, 0.9),
  agency('13', 'Thanh tra tỉnh', 'Thanh tra', [
    f('Giải quyết khiếu nại', 25), f('Giải quyết tố cáo', 12), f('Tiếp công dân', 20), f('Phòng, chống tham nhũng', 6),
  ], 0.06, 0.6),
  agency('14', 'Sở Ngoại vụ', 'Ngoại vụ', [
    f('Công tác lãnh sự', 40), f('Hội nghị, hội thảo quốc tế', 18), f('Tổ chức phi chính phủ nước ngoài', 10),
  ], 0.002, 1),
  // Sở merged away on 2025-03-01: their own rows end 2025-02, their work goes on in the successors.
  agency('16', 'Sở Kế hoạch và Đầu tư', 'KH và ĐT', [
    f('Thành lập và hoạt động doanh nghiệp', 420), f('Đầu tư tại Việt Nam', 30), f('Đấu thầu', 15),
    f('Thành lập và hoạt động hợp tác xã', 12),
  ], 0.03, 0.8, { validTo: SO_CU_HET, successors: [{ to: `${P}.03` }] }),
  agency('17', 'Sở Nông nghiệp và Phát triển nông thôn', 'NN và PTNT', [
    f('Trồng trọt và bảo vệ thực vật', 110), f('Thú y', 130), f('Thủy lợi', 18), f('Lâm nghiệp', 55), f('Thủy sản', 25),
  ], 0.04, 0.7, { validTo: SO_CU_HET, successors: [{ to: `${P}.08` }] }),
  agency('18', 'Sở Tài nguyên và Môi trường', 'TN và MT', [
    f('Đất đai', 450), f('Môi trường', 80), f('Tài nguyên nước', 35), f('Khoáng sản', 15), f('Đo đạc và bản đồ', 20),
  ], 0.05, 0.6, { validTo: SO_CU_HET, successors: [{ to: `${P}.08` }] }),
  agency('19', 'Sở Lao động - Thương binh và Xã hội', 'LĐ-TB và XH', [
    f('Việc làm', 140), f('Lao động, tiền lương', 55), f('Người có công', 85), f('Bảo trợ xã hội', 55),
    f('Giáo dục nghề nghiệp', 14),
  ], 0.02, 0.85, {
    validTo: SO_CU_HET,
    successors: [{ to: `${P}.02`, share: 0.6 }, { to: `${P}.05`, share: 0.3 }, { to: `${P}.06`, share: 0.1 }],
  }),
  agency('20', 'Sở Giao thông vận tải', 'GTVT', [
    f('Đường bộ', 1300), f('Đường thủy nội địa', 18), f('Đăng kiểm', 30),
  ], 0.025, 0.8, { validTo: SO_CU_HET, successors: [{ to: `${P}.04` }] }),
  agency('21', 'Sở Thông tin và Truyền thông', 'TT và TT', [
    f('Bưu chính', 7), f('Viễn thông và Internet', 11), f('Báo chí', 14), f('Xuất bản, in và phát hành', 22),
  ], 0.01, 0.9, { validTo: SO_CU_HET, successors: [{ to: `${P}.10`, share: 0.6 }, { to: `${P}.09`, share: 0.4 }] }),
];

/** Phòng of Sở Tài chính: each handles some of the Sở's fields entirely, so its rows repeat the Sở's. */
export const DIVISIONS: UnitSpec[] = [
  { id: `${P}.03.01`, name: 'Phòng Quản lý giá và Công sản', short: 'P. Giá, Công sản', parent: `${P}.03`, level: 'division',
    code: 'H99.03.01', fields: [f('Quản lý công sản', 0), f('Quản lý giá', 0)], overdue: 0, apology: 0, mirrorOf: `${P}.03` },
  { id: `${P}.03.02`, name: 'Phòng Tài chính doanh nghiệp', short: 'P. TC doanh nghiệp', parent: `${P}.03`, level: 'division',
    code: 'H99.03.02', fields: [f('Tài chính doanh nghiệp', 0)], overdue: 0, apology: 0, mirrorOf: `${P}.03` },
  { id: `${P}.03.03`, name: 'Phòng Đăng ký kinh doanh', short: 'P. ĐKKD', parent: `${P}.03`, level: 'division',
    code: 'H99.03.03', validFrom: SAP_NHAP_SO, fields: [f('Thành lập và hoạt động doanh nghiệp', 0)], overdue: 0, apology: 0,
    mirrorOf: `${P}.03` },
];

/** Fields of a commune before 2025-07, scaled; communes take over district work from 2025-07. */
function communeFields(scale: number, oldOnly = false, allFromMerger = false): FieldSpec[] {
  const from = allFromMerger ? M_XA : undefined;
  const base = [
    f('Hộ tịch', Math.round(130 * scale), from), f('Chứng thực', Math.round(170 * scale), from),
    f('Bảo trợ xã hội', Math.round(20 * scale), from), f('Người có công', Math.round(8 * scale), from),
    f('Đất đai', Math.round(15 * scale), from),
  ];
  if (oldOnly) return base;
  return [...base, f('Thành lập và hoạt động hộ kinh doanh', Math.round(35 * scale), M_XA), f('Xây dựng', Math.round(25 * scale), M_XA)];
}

function commune(n: string, name: string, short: string, scale: number, overdue: number, apology: number, extra: Partial<UnitSpec> = {}): UnitSpec {
  const old = Boolean(extra.validTo);
  const fresh = extra.validFrom === SAP_NHAP_XA;
  return {
    id: `${P}.X${n}`, name, short, parent: old ? `${P}.H01` : P, level: 'commune', code: `H99.1${n}`,
    fields: communeFields(scale, old, fresh), overdue, apology, ...extra,
  };
}

const toXa = (n: string) => ({ validTo: XA_CU_HET, successors: [{ to: `${P}.X${n}` }] });
const moi = { validFrom: SAP_NHAP_XA };

export const COMMUNES: UnitSpec[] = [
  commune('01', 'UBND phường Minh Họa', 'P. Minh Họa', 1.6, 0.006, 0.9),
  commune('02', 'UBND phường Đông Hải', 'P. Đông Hải', 1.2, 0.012, 0.85),
  commune('03', 'UBND xã An Phú', 'X. An Phú', 0.8, 0.02, 0.8),
  commune('04', 'UBND xã Tân Lập', 'X. Tân Lập', 0.6, 0.004, 1),
  commune('05', 'UBND xã Hòa Bình', 'X. Hòa Bình', 0.7, 0.055, 0.7),
  commune('06', 'UBND xã Phú Lộc', 'X. Phú Lộc', 0.5, 0.01, 0.9),
  // new communes of 2025-07-01, each formed from 2–3 old ones
  commune('07', 'UBND xã Minh Sơn', 'X. Minh Sơn', 1.1, 0.025, 0.8, moi),
  commune('08', 'UBND xã Thanh Lâm', 'X. Thanh Lâm', 0.8, 0.008, 0.9, moi),
  commune('09', 'UBND phường Bắc Thành', 'P. Bắc Thành', 1.3, 0.015, 0.85, moi),
  commune('10', 'UBND xã Quảng Tiến', 'X. Quảng Tiến', 1.2, 0.05, 0.75, moi),
  // old communes of huyện Minh Sơn, merged on 2025-07-01
  commune('11', 'UBND xã Sơn Thủy', 'X. Sơn Thủy', 0.4, 0.03, 0.8, toXa('07')),
  commune('12', 'UBND xã Sơn Hà', 'X. Sơn Hà', 0.35, 0.02, 0.8, toXa('07')),
  commune('13', 'UBND xã Sơn Bình', 'X. Sơn Bình', 0.35, 0.04, 0.7, toXa('07')),
  commune('14', 'UBND xã Thanh Xuân', 'X. Thanh Xuân', 0.45, 0.01, 0.9, toXa('08')),
  commune('15', 'UBND xã Lâm Phong', 'X. Lâm Phong', 0.35, 0.012, 0.9, toXa('08')),
  commune('16', 'UBND thị trấn Bắc Hà', 'TT. Bắc Hà', 0.7, 0.02, 0.85, toXa('09')),
  commune('17', 'UBND xã Bắc Lý', 'X. Bắc Lý', 0.5, 0.015, 0.85, toXa('09')),
  commune('18', 'UBND xã Quảng Lợi', 'X. Quảng Lợi', 0.4, 0.035, 0.7, toXa('10')),
  commune('19', 'UBND xã Quảng Đông', 'X. Quảng Đông', 0.4, 0.03, 0.75, toXa('10')),
  commune('20', 'UBND xã Tiến Thành', 'X. Tiến Thành', 0.35, 0.025, 0.8, toXa('10')),
];

export const DISTRICTS: UnitSpec[] = [
  { id: `${P}.H01`, name: 'UBND huyện Minh Sơn', short: 'H. Minh Sơn', parent: P, level: 'district', code: 'H99.H01',
    validTo: XA_CU_HET, overdue: 0.05, apology: 0.7,
    fields: [f('Đất đai', 450), f('Thành lập và hoạt động hộ kinh doanh', 80), f('Xây dựng', 60), f('Hộ tịch', 40),
      f('Giáo dục và Đào tạo', 30), f('Chứng thực', 50)] },
];

const TARGETS: TargetSpec[] = [
  { metric: 'on_time_rate', unit_id: '*', period_from: '2021-01-01', comparator: '>=', value: 95,
    source_doc: 'QĐ 468/QĐ-TTg; Kế hoạch CCHC tỉnh (mô phỏng)' },
  { metric: 'on_time_rate', unit_id: `${P}.04`, period_from: '2026-01-01', period_to: '2026-12-31', comparator: '>=', value: 90,
    source_doc: 'Kế hoạch CCHC tỉnh năm 2026, phụ lục giao chỉ tiêu Sở Xây dựng (mô phỏng)' },
  { metric: 'online_share', unit_id: '*', period_from: '2021-01-01', period_to: '2022-12-31', comparator: '>=', value: 30,
    source_doc: 'Kế hoạch CCHC tỉnh giai đoạn 2021–2022 (mô phỏng)' },
  { metric: 'online_share', unit_id: '*', period_from: '2023-01-01', comparator: '>=', value: 50,
    source_doc: 'NQ 76/NQ-CP; QĐ 766/QĐ-TTg' },
  { metric: 'online_share', unit_id: `${P}.13`, period_from: '2023-01-01', comparator: '>=', value: 30,
    source_doc: 'Kế hoạch CCHC tỉnh: chỉ tiêu riêng Thanh tra tỉnh (mô phỏng)' },
  { metric: 'digitized_rate', unit_id: '*', period_from: '2021-01-01', comparator: '>=', value: 80,
    source_doc: 'QĐ 468/QĐ-TTg; QĐ 06/QĐ-TTg' },
  { metric: 'citizen_satisfaction', unit_id: '*', period_from: '2021-01-01', comparator: '>=', value: 90, source_doc: 'NQ 76/NQ-CP' },
  { metric: 'satisfaction_766', unit_id: '*', period_from: '2022-06-23', comparator: '>=', value: 90, source_doc: 'QĐ 766/QĐ-TTg' },
  { metric: 'apology_rate', unit_id: '*', period_from: '2021-01-01', comparator: '>=', value: 100,
    source_doc: 'NĐ 61/2018/NĐ-CP Điều 19' },
  { metric: 'overdue_count', unit_id: '*', period_from: '2026-01-01', period_to: '2026-12-31', comparator: '<=', value: 0,
    source_doc: 'Kế hoạch CCHC tỉnh năm 2026: không để hồ sơ trễ hạn (mô phỏng)' },
  { metric: 'index_766_total', unit_id: '*', period_from: '2022-06-23', comparator: '>=', value: 80,
    source_doc: 'Kế hoạch CCHC tỉnh: xếp loại Tốt trở lên (mô phỏng)' },
  { metric: 'par_rank', unit_id: P, period_from: '2023-01-01', comparator: '<=', value: 5,
    source_doc: 'Kế hoạch CCHC tỉnh 2023–2025: PAR INDEX trong nhóm 5 tỉnh dẫn đầu (mô phỏng)' },
];

/** Fictional provinces (their names say so) beside Tỉnh Minh Họa in the provincial index rankings. */
const PEERS = [
  ['VD', 'Tỉnh Ví Dụ', 'Ví Dụ'], ['MP', 'Tỉnh Mô Phỏng', 'Mô Phỏng'], ['GD', 'Tỉnh Giả Định', 'Giả Định'],
  ['TC', 'Tỉnh Tham Chiếu', 'Tham Chiếu'], ['DC', 'Tỉnh Đối Chiếu', 'Đối Chiếu'], ['TD', 'Tỉnh Thí Điểm', 'Thí Điểm'],
  ['HM', 'Tỉnh Hình Mẫu', 'Hình Mẫu'], ['PT', 'Tỉnh Phác Thảo', 'Phác Thảo'], ['KT', 'Tỉnh Kiểm Thử', 'Kiểm Thử'],
  ['BM', 'Tỉnh Bản Mẫu', 'Bản Mẫu'], ['GL', 'Tỉnh Giả Lập', 'Giả Lập'],
].map(([id, name, short]) => ({ id, name, short }));

/** The figures data/README.md promises for 2026-10. */
const PATTERNS: MonthPattern[] = [
  // (a) Sở Nội vụ: 10 overdue, all in Thi đua, khen thưởng; 2 of 6 ratings dissatisfied (66,67 %)
  { unit: `${P}.02`, month: '2026-10', overdue: { 'Thi đua, khen thưởng': { resolved: 6, pending: 4, apologies: 8 } },
    ratings: { 'Thi đua, khen thưởng': { total: 6, dissatisfied: 2 } } },
  // (b) Sở Tư pháp: exactly one overdue dossier, still pending, and no apology slip
  { unit: `${P}.01`, month: '2026-10', overdue: { 'Lý lịch tư pháp': { resolved: 0, pending: 1, apologies: 0 } } },
  // (c) fully on time
  { unit: `${P}.10`, month: '2026-10', overdue: {} },
  { unit: `${P}.14`, month: '2026-10', overdue: {} },
];

export const MINH_HOA: SampleSpec = {
  name: SAMPLE_PACKAGE_PREFIX,
  title: 'Dữ liệu mẫu – Tỉnh Minh Họa (số liệu minh họa, không phải số liệu thật)',
  description:
    'Gói dữ liệu mẫu của một tỉnh hư cấu để trình diễn và kiểm thử chiso. Tên Sở, lĩnh vực và quy tắc là thật; ' +
    'mọi con số đều do máy sinh (npm run data:sample), không phải số liệu thật của bất kỳ địa phương nào. ' +
    'Sample package of a fictional province; every figure is generated, none is real.',
  created: '2026-11-01',
  seed: 766,
  province: { id: P, name: 'Tỉnh Minh Họa', short: 'Minh Họa', code: 'H99' },
  units: [...AGENCIES, ...DIVISIONS, ...DISTRICTS, ...COMMUNES],
  months: { from: '2021-01', to: '2026-10' },
  index766: { monthFrom: '2026-01', monthTo: '2026-10', years: [2022, 2023, 2024, 2025] },
  ddciYears: [2020, 2021, 2022, 2023, 2024, 2025],
  peers: PEERS,
  provinceIndices: { PCI: [2020, 2021, 2022, 2023, 2024, 2025], PAPI: [2021, 2022, 2023, 2024, 2025], SIPAS: [2021, 2022, 2023, 2024, 2025], PAR: [2021, 2022, 2023, 2024, 2025] },
  onlineShare: { 2021: 0.11, 2022: 0.34, 2023: 0.5, 2024: 0.57, 2025: 0.65, 2026: 0.72 },
  targets: TARGETS,
  patterns: PATTERNS,
};
