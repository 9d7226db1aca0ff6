// What chiso knows about each published index (domain.md §1 for 766, §3 for the others): who publishes
// it, its scale, how sure domain.md is of that, and the components it is known to have. registry.ts
// builds the metric definitions from these tables; nothing else defines an index metric.
import type { Certainty } from './registry';

export interface Text { vi: string; en: string }

export interface KnownComponent {
  /** lowercase ASCII slug: the metric id is `<prefix>_<slug>` */
  slug: string;
  label: Text;
  /** other spellings a file may use (their slugs): the publishers' English sheet, older names */
  aliases?: string[];
}

export interface IndexFamily {
  /** the `index` column of index_scores */
  index: 'PCI' | 'PAPI' | 'SIPAS' | 'PAR' | 'DDCI' | '766';
  /** metric id prefix */
  prefix: string;
  name: Text;
  publisher: Text;
  /** the total's unit and maximum (null: not stated) */
  unit: 'points' | 'percent';
  max: number | null;
  /** the scale in words, with what domain.md says of it */
  scale: Text;
  /** a component's maximum, when the index states one */
  componentMax: number | null;
  certainty: Certainty;
  basis: string;
  /** does the publisher rank (SIPAS officially does not: media quote ranks) */
  rankCertainty: Certainty;
  components: KnownComponent[];
}

const c = (slug: string, vi: string, en: string, aliases: string[] = []): KnownComponent => ({ slug, label: { vi, en }, aliases });

export const INDEX_FAMILIES: IndexFamily[] = [
  {
    index: 'PCI', prefix: 'pci',
    name: { vi: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)', en: 'Provincial Competitiveness Index (PCI)' },
    publisher: { vi: 'VCCI (Liên đoàn Thương mại và Công nghiệp Việt Nam), hằng năm từ 2005', en: 'VCCI (Vietnam Chamber of Commerce and Industry), yearly since 2005' },
    unit: 'points', max: 100, componentMax: 10,
    scale: { vi: '0–100 điểm: 10 chỉ số thành phần, mỗi chỉ số chuẩn hóa về thang 10 điểm, có trọng số (domain.md §3, đã kiểm chứng)', en: '0–100 points: 10 sub-indices, each standardised to 10 points, weighted (domain.md §3, verified)' },
    certainty: 'verified', rankCertainty: 'verified', basis: 'VCCI, pcivietnam.vn',
    components: [
      c('gia_nhap_thi_truong', 'Gia nhập thị trường', 'Market entry', ['chi_phi_gia_nhap_thi_truong', 'entry_costs', 'market_entry']),
      c('tiep_can_dat_dai', 'Tiếp cận đất đai', 'Land access', ['land_access']),
      c('tinh_minh_bach', 'Tính minh bạch', 'Transparency', ['minh_bach', 'transparency']),
      c('chi_phi_thoi_gian', 'Chi phí thời gian', 'Time costs', ['time_costs']),
      c('chi_phi_khong_chinh_thuc', 'Chi phí không chính thức', 'Informal charges', ['informal_charges', 'informal_costs']),
      c('canh_tranh_binh_dang', 'Cạnh tranh bình đẳng', 'Fair competition', ['bias', 'policy_bias', 'equitability', 'fair_competition']),
      c('tinh_nang_dong', 'Tính năng động', 'Proactivity', ['nang_dong', 'proactivity']),
      c('ho_tro_doanh_nghiep', 'Dịch vụ hỗ trợ doanh nghiệp', 'Business support services', ['dich_vu_ho_tro_doanh_nghiep', 'dich_vu_ho_tro_dn', 'ho_tro_dn', 'business_support_services', 'business_support']),
      c('dao_tao_lao_dong', 'Đào tạo lao động', 'Labour training', ['labor_training', 'labour_training', 'labor_policy']),
      c('thiet_che_phap_ly', 'Thiết chế pháp lý', 'Legal institutions', ['legal_institutions']),
    ],
  },
  {
    index: 'PAPI', prefix: 'papi',
    name: { vi: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)', en: 'Provincial Governance and Public Administration Performance Index (PAPI)' },
    publisher: { vi: 'UNDP cùng CECODES và VFF-CRT; khảo sát người dân, đủ 63 tỉnh từ 2011', en: 'UNDP with CECODES and VFF-CRT; citizen survey, all 63 provinces since 2011' },
    unit: 'points', max: 80, componentMax: 10,
    scale: {
      vi: 'từ 2018: 8 nội dung, mỗi nội dung thang 1–10, tổng tối đa 80 điểm (domain.md §3, đã kiểm chứng); 2009–2017 có 6 nội dung (tổng tối đa khi đó domain.md không nêu)',
      en: 'since 2018: 8 dimensions, each on a 1–10 scale, total at most 80 (domain.md §3, verified); 2009–2017 had 6 dimensions (domain.md does not state that total’s maximum)',
    },
    certainty: 'verified', rankCertainty: 'partly', basis: 'UNDP, papi.org.vn',
    components: [
      c('tham_gia_cua_nguoi_dan_o_cap_co_so', 'Tham gia của người dân ở cấp cơ sở', 'Participation at the grassroots', ['participation_at_local_levels', 'participation']),
      c('cong_khai_minh_bach', 'Công khai, minh bạch', 'Transparency', ['transparency', 'cong_khai_minh_bach_trong_ra_quyet_dinh']),
      c('trach_nhiem_giai_trinh', 'Trách nhiệm giải trình với người dân', 'Vertical accountability', ['trach_nhiem_giai_trinh_voi_nguoi_dan', 'vertical_accountability']),
      c('kiem_soat_tham_nhung', 'Kiểm soát tham nhũng trong khu vực công', 'Control of corruption', ['kiem_soat_tham_nhung_trong_khu_vuc_cong', 'control_of_corruption']),
      c('thu_tuc_hanh_chinh_cong', 'Thủ tục hành chính công', 'Public administrative procedures', ['public_administrative_procedures']),
      c('cung_ung_dich_vu_cong', 'Cung ứng dịch vụ công', 'Public service delivery', ['public_service_delivery']),
      c('quan_tri_moi_truong', 'Quản trị môi trường', 'Environmental governance', ['environmental_governance']),
      c('quan_tri_dien_tu', 'Quản trị điện tử', 'E-governance', ['e_governance', 'egovernance']),
    ],
  },
  {
    index: 'SIPAS', prefix: 'sipas',
    name: { vi: 'Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)', en: 'Satisfaction Index of Public Administrative Services (SIPAS)' },
    publisher: { vi: 'Bộ Nội vụ (khảo sát người dùng dịch vụ cùng Bưu điện, MTTQ và Hội Cựu chiến binh giám sát)', en: 'Ministry of Home Affairs (user survey with VNPost, supervised by the Fatherland Front and the Veterans’ Association)' },
    unit: 'percent', max: 100, componentMax: 100,
    scale: { vi: 'tỷ lệ % cho mỗi tỉnh (domain.md §3, đã kiểm chứng); SIPAS chính thức không xếp hạng, báo chí có trích thứ hạng', en: 'a percentage per province (domain.md §3, verified); SIPAS officially does not rank, the press quotes ranks' },
    certainty: 'verified', rankCertainty: 'partly', basis: 'QĐ 2640/QĐ-BNV (10/10/2017); bản 2022–2030 chưa xác nhận số quyết định',
    components: [
      c('tiep_can_dich_vu', 'Tiếp cận dịch vụ', 'Access to the service', ['access_to_service', 'access']),
      c('thu_tuc_hanh_chinh', 'Thủ tục hành chính', 'The administrative procedure', ['administrative_procedures', 'procedure']),
      c('cong_chuc_giai_quyet_cong_viec', 'Công chức giải quyết công việc', 'The civil servant handling the case', ['cong_chuc', 'civil_servants']),
      c('ket_qua_dich_vu', 'Kết quả dịch vụ', 'Service result', ['service_result', 'results']),
      c('tiep_nhan_giai_quyet_gop_y_phan_anh_kien_nghi', 'Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị', 'Handling of feedback and petitions', ['gop_y_phan_anh_kien_nghi', 'feedback']),
    ],
  },
  {
    index: 'PAR', prefix: 'par',
    name: { vi: 'Chỉ số cải cách hành chính (PAR INDEX)', en: 'Public Administration Reform Index (PAR INDEX)' },
    publisher: { vi: 'Bộ Nội vụ, hằng năm cho mỗi bộ và tỉnh', en: 'Ministry of Home Affairs, yearly for each ministry and province' },
    unit: 'points', max: 100, componentMax: null,
    scale: {
      vi: 'thang 100 điểm mỗi năm (domain.md §3; dòng này chưa có nguồn kiểm chứng); kết quả thường viết dưới dạng %, cùng một con số trên 100',
      en: 'a yearly score out of 100 (domain.md §3; this line has no verified source); results are often written as a %, the same number out of 100',
    },
    certainty: 'partly', rankCertainty: 'partly', basis: 'QĐ 1294/QĐ-BNV (3/12/2012); giai đoạn 2022–2030: QĐ 876/QĐ-BNV (10/11/2022)',
    components: [
      c('diem_tham_dinh', 'Điểm thẩm định (tự đánh giá có thẩm định)', 'Appraised self-assessment score', ['score_moha', 'diem_bo_noi_vu']),
      c('diem_dieu_tra_xa_hoi_hoc', 'Điểm điều tra xã hội học', 'Sociological survey score', ['score_survey', 'dieu_tra_xa_hoi_hoc']),
    ],
  },
  {
    index: '766', prefix: 'index_766',
    name: { vi: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)', en: 'Service index for citizens and businesses (QĐ 766/QĐ-TTg)' },
    publisher: { vi: 'Cổng Dịch vụ công quốc gia (Văn phòng Chính phủ)', en: 'the National Public Service Portal (Government Office)' },
    unit: 'points', max: 100, componentMax: null,
    scale: { vi: '0–100 điểm: tổng 6 nhóm (18 + 20 + 12 + 10 + 22 + 18), theo tháng, quý, năm (domain.md §1)', en: '0–100 points: the sum of 6 groups (18 + 20 + 12 + 10 + 22 + 18), by month, quarter and year (domain.md §1)' },
    certainty: 'verified', rankCertainty: 'verified', basis: 'QĐ 766/QĐ-TTg',
    components: [],
  },
  {
    index: 'DDCI', prefix: 'ddci',
    name: { vi: 'Chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương (DDCI)', en: 'Department and District Competitiveness Index (DDCI)' },
    publisher: { vi: 'UBND tỉnh (khảo sát doanh nghiệp theo mô hình PCI)', en: 'the provincial People’s Committee (business survey modelled on PCI)' },
    unit: 'points', max: 100, componentMax: null,
    scale: { vi: 'thường 0–100, xếp hạng trong từng nhóm; thành phần khác nhau giữa các tỉnh (domain.md §3)', en: 'usually 0–100, ranked within groups; components vary by province (domain.md §3)' },
    certainty: 'partly', rankCertainty: 'partly', basis: 'Kết quả DDCI cấp tỉnh',
    components: [],
  },
];

export const FAMILY_BY_INDEX: ReadonlyMap<string, IndexFamily> = new Map(INDEX_FAMILIES.map((f) => [f.index, f]));

/** A component's name or code as a lowercase ASCII slug ("Gia nhập\n thị trường" → gia_nhap_thi_truong). */
export function componentSlug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
}

/** The known component a file's component name or code stands for, if any. */
export function knownComponent(f: IndexFamily, component: string): KnownComponent | null {
  const s = componentSlug(component);
  return f.components.find((k) => k.slug === s || k.aliases?.includes(s)) ?? null;
}
