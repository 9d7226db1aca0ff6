// Component codes of the provincial indices: a stable ASCII code per pillar / dimension, whatever the
// year's wording (Vietnamese or English, long or short). The code is the publisher's own English short
// name, snake_case (PCI "Chi phí gia nhập thị trường" / "Gia nhập thị trường" / "Entry Costs" →
// `entry_costs`): the Vietnamese wording changed from year to year while the English short names stayed,
// so they make the steadier code. The registry builds metric ids `<index>_<code>` from it (pci_entry_costs).
// The overall score is component TOTAL. A column matching no entry gets the folded Vietnamese name as
// snake_case (`code_of`), so an unseen component still loads under a deterministic code.
//
// PCI pillars (VCCI), with every naming seen 2005–2016:
//   entry_costs          Chi phí gia nhập thị trường · Gia nhập thị trường · Entry costs
//   land_access          Tiếp cận đất đai (và sự ổn định trong sử dụng đất) · Land access (and security of tenure)
//   transparency         Tính minh bạch (và tiếp cận thông tin) · Transparency (and access to information)
//   time_costs           Chi phí thời gian (để thực hiện các quy định của Nhà nước) · Time costs (of regulatory compliance)
//   informal_charges     Chi phí không chính thức · Informal charges
//   policy_bias          Cạnh tranh bình đẳng (2013–) · Bias · Policy bias · Equal competition
//   proactivity          Tính năng động (và tiên phong của lãnh đạo tỉnh) · Proactivity (of provincial leadership)
//   business_support     Dịch vụ hỗ trợ doanh nghiệp · Hỗ trợ doanh nghiệp · Business support services
//   labor_training       Đào tạo lao động · Labor / labour training
//   legal_institutions   Thiết chế pháp lý (và an ninh trật tự) · Legal institutions
//   and the pillars of the first years (2005–2006), kept apart since they measured something else:
//   central_policy_implementation  Thực hiện chính sách của Trung ương · Implementation of central policies
//   soe_bias             Ưu đãi đối với doanh nghiệp nhà nước · Ưu đãi DNNN · SOE bias / state sector bias
//   private_sector_development_policy  Chính sách phát triển khu vực kinh tế tư nhân · Chính sách PTKTTN
// PCI 2005's "Điều kiện truyền thống" (development level, infrastructure, distance to market) are
// background conditions, not pillars: `isBackground` tells them, and the reader leaves them out with a note.
// PAPI dimensions (UNDP): participation, transparency, vertical_accountability, control_of_corruption,
// public_admin_procedures, public_service_delivery, and from 2018 environmental_governance, e_governance.
// SIPAS (Bộ Nội vụ, QĐ 2640/QĐ-BNV): access, procedures, civil_servants, results, feedback.
// PAR INDEX (Bộ Nội vụ): direction, legal_documents, procedures_reform, organisation_reform,
// civil_service, public_finance, e_government, impact; with score_moha (appraisal) and survey.
import { fold } from './slug';

type Entry = [code: string, re: RegExp];

const PCI: Entry[] = [
  ['entry_costs', /gia nhap thi truong|entry cost|^entry$|\bsub1\b/],
  ['land_access', /tiep can dat dai|land access|dat dai|\bsub2\b/],
  ['transparency', /minh bach|transparen|\bsub3\b/],
  ['time_costs', /chi phi thoi gian|time cost|\bsub4\b/],
  ['informal_charges', /chi phi khong chinh thuc|informal|\bsub5\b/],
  ['soe_bias', /uu dai (doi voi )?(doanh nghiep nha nuoc|dnnn)|soe bias|state (owned|sector) bias/],
  ['policy_bias', /canh tranh binh dang|policy bias|^bias$|equal competition|\bsub6\b/],
  ['proactivity', /nang dong|proactiv|\bsub7\b/],
  ['private_sector_development_policy', /chinh sach (phat trien )?(khu vuc )?(kinh te tu nhan|kttn|ptkttn)|private sector development/],
  ['business_support', /ho tro (doanh nghiep|dn)|business support|\bsub8\b/],
  ['labor_training', /dao tao lao dong|labou?r training|\bsub9\b/],
  ['legal_institutions', /thiet che phap ly|legal institution|\bsub10\b/],
  ['central_policy_implementation', /thuc hien (cac )?(chinh sach|cs) (cua )?trung uong|implementation of central/],
];

const PCI_BACKGROUND = /dieu kien truyen thong|muc do phat trien|nguon nhan luc|co so ha tang|khoang cach (toi|den) thi truong|infrastructure|distance to market/;

const PAPI: Entry[] = [
  ['participation', /tham gia|participation/],
  ['transparency', /cong khai|minh bach|transparen/],
  ['vertical_accountability', /trach nhiem giai trinh|accountability/],
  ['control_of_corruption', /tham nhung|corruption/],
  ['public_admin_procedures', /thu tuc hanh chinh|administrative procedure/],
  ['public_service_delivery', /cung ung dich vu|dich vu cong|service delivery/],
  ['environmental_governance', /moi truong|environment/],
  ['e_governance', /quan tri dien tu|e governance|egovernance|dien tu/],
];

const SIPAS: Entry[] = [
  ['access', /tiep can dich vu|^tiep can|access/],
  ['procedures', /thu tuc hanh chinh|procedure/],
  ['civil_servants', /cong chuc|civil servant/],
  ['results', /ket qua (dich vu|giai quyet)|^ket qua|result/],
  ['feedback', /gop y|phan anh|kien nghi|feedback/],
];

const PAR: Entry[] = [
  ['direction', /chi dao|dieu hanh|direction/],
  ['legal_documents', /van ban|qppl|legal document/],
  ['procedures_reform', /cai cach (thu tuc|tthc)|thu tuc hanh chinh|procedure/],
  ['organisation_reform', /to chuc bo may|organi[sz]ation/],
  ['civil_service', /can bo|cong chuc|vien chuc|civil serv/],
  ['public_finance', /tai chinh cong|public finance/],
  ['e_government', /chinh phu (dien tu|so)|chinh quyen (dien tu|so)|e government|digital government/],
  ['impact', /tac dong|impact/],
  ['score_moha', /diem tham dinh|tham dinh|appraisal|moha/],
  ['survey', /dieu tra xa hoi hoc|xa hoi hoc|survey/],
];

const TABLES: Record<string, Entry[]> = { PCI, PAPI, SIPAS, PAR };

/** The code of a component column or sheet named `label` for `index`, or null when none fits. */
export function knownComponent(index: string, label: string): string | null {
  const f = fold(label);
  if (f === '') return null;
  for (const [code, re] of TABLES[index] ?? []) if (re.test(f)) return code;
  return null;
}

/** PCI 2005's background conditions (not pillars). */
export function isBackground(index: string, label: string): boolean {
  return index === 'PCI' && PCI_BACKGROUND.test(fold(label));
}

/** A component's code: the known one, else the folded name as snake_case (at most 48 characters). */
export function componentCode(index: string, label: string): string {
  const known = knownComponent(index, label);
  if (known) return known;
  const s = fold(label)
    .replace(/\b(chi so( thanh phan)?|diem|score|index)\b/g, ' ')
    .trim()
    .replace(/\s+/g, '_')
    .slice(0, 48)
    .replace(/_+$/, '');
  return s === '' ? 'component' : s;
}
