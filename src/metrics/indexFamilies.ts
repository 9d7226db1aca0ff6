// What chiso knows about each published index (domain.md §1 for 766, §3 for the others): who publishes
// it, its scale, how sure domain.md is of that, and the components it is known to have. registry.ts
// builds the metric definitions from these tables; nothing else defines an index metric.
import type { Certainty } from './registry';

export interface Text { vi: string; en: string }

export interface KnownComponent {
  /** the component's code in index_scores (the publisher's English short name in snake_case, as the
   *  workbook readers write it: src/datasets/formats/indexComponents.ts); the metric id is `<prefix>_<slug>` */
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
      c('entry_costs', 'Gia nhập thị trường', 'Entry costs', ['gia_nhap_thi_truong', 'chi_phi_gia_nhap_thi_truong', 'market_entry']),
      c('land_access', 'Tiếp cận đất đai', 'Land access', ['tiep_can_dat_dai']),
      c('transparency', 'Tính minh bạch', 'Transparency', ['tinh_minh_bach', 'minh_bach']),
      c('time_costs', 'Chi phí thời gian', 'Time costs', ['chi_phi_thoi_gian']),
      c('informal_charges', 'Chi phí không chính thức', 'Informal charges', ['chi_phi_khong_chinh_thuc', 'informal_costs']),
      c('policy_bias', 'Cạnh tranh bình đẳng', 'Policy bias (fair competition)', ['canh_tranh_binh_dang', 'bias', 'equal_competition']),
      c('proactivity', 'Tính năng động', 'Proactivity', ['tinh_nang_dong', 'nang_dong']),
      c('business_support', 'Dịch vụ hỗ trợ doanh nghiệp', 'Business support services', ['dich_vu_ho_tro_doanh_nghiep', 'ho_tro_doanh_nghiep', 'business_support_services']),
      c('labor_training', 'Đào tạo lao động', 'Labour training', ['dao_tao_lao_dong', 'labour_training']),
      c('legal_institutions', 'Thiết chế pháp lý', 'Legal institutions', ['thiet_che_phap_ly']),
      // the pillars of the first years (2005–2006), which measured something else
      c('central_policy_implementation', 'Thực hiện chính sách của Trung ương', 'Implementation of central policies'),
      c('soe_bias', 'Ưu đãi đối với doanh nghiệp nhà nước', 'SOE bias'),
      c('private_sector_development_policy', 'Chính sách phát triển khu vực kinh tế tư nhân', 'Private sector development policy'),
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
      c('participation', 'Tham gia của người dân ở cấp cơ sở', 'Participation at local levels', ['tham_gia_cua_nguoi_dan_o_cap_co_so']),
      c('transparency', 'Công khai, minh bạch', 'Transparency', ['cong_khai_minh_bach']),
      c('vertical_accountability', 'Trách nhiệm giải trình với người dân', 'Vertical accountability', ['trach_nhiem_giai_trinh']),
      c('control_of_corruption', 'Kiểm soát tham nhũng trong khu vực công', 'Control of corruption', ['kiem_soat_tham_nhung']),
      c('public_admin_procedures', 'Thủ tục hành chính công', 'Public administrative procedures', ['thu_tuc_hanh_chinh_cong']),
      c('public_service_delivery', 'Cung ứng dịch vụ công', 'Public service delivery', ['cung_ung_dich_vu_cong']),
      c('environmental_governance', 'Quản trị môi trường', 'Environmental governance', ['quan_tri_moi_truong']),
      c('e_governance', 'Quản trị điện tử', 'E-governance', ['quan_tri_dien_tu']),
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
      c('access', 'Tiếp cận dịch vụ', 'Access to the service', ['tiep_can_dich_vu']),
      c('procedures', 'Thủ tục hành chính', 'The administrative procedure', ['thu_tuc_hanh_chinh']),
      c('civil_servants', 'Công chức giải quyết công việc', 'The civil servant handling the case', ['cong_chuc_giai_quyet_cong_viec']),
      c('results', 'Kết quả dịch vụ', 'Service result', ['ket_qua_dich_vu']),
      c('feedback', 'Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị', 'Handling of feedback and petitions', ['gop_y_phan_anh_kien_nghi']),
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
      c('direction', 'Công tác chỉ đạo, điều hành cải cách hành chính', 'Direction and management of the reform'),
      c('legal_documents', 'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', 'Legal documents'),
      c('procedures_reform', 'Cải cách thủ tục hành chính', 'Administrative procedure reform'),
      c('organisation_reform', 'Cải cách tổ chức bộ máy', 'Organisational reform'),
      c('civil_service', 'Đội ngũ cán bộ, công chức, viên chức', 'Civil service'),
      c('public_finance', 'Cải cách tài chính công', 'Public finance reform'),
      c('e_government', 'Chính phủ điện tử, chính phủ số', 'E-government and digital government'),
      c('impact', 'Tác động của cải cách hành chính', 'Impact of the reform'),
      c('score_moha', 'Điểm thẩm định (tự đánh giá có thẩm định)', 'Appraised self-assessment score', ['diem_tham_dinh']),
      c('survey', 'Điểm điều tra xã hội học', 'Sociological survey score', ['diem_dieu_tra_xa_hoi_hoc', 'score_survey']),
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
