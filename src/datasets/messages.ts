// Every refusal and warning the loader can give, in Vietnamese and English, with its place
// (file, row, column). One catalogue: tests check these exact words.
import type { Issue, Severity } from './types';

type P = Record<string, string | number>;
type Text = (p: P) => [vi: string, en: string];

/** Text from a file, shortened for a message (it is shown as text, never as HTML). */
const show = (v: unknown, max = 60) => {
  const s = String(v).replace(/[\r\n\t]+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/** Numbers the vi-VN way in Vietnamese messages (4.200; 66,67) and the en way in English ones. */
const vn = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) : show(v));
/** ISO dates and timestamps the vi-VN way in Vietnamese messages: 2026-10-19 → 19/10/2026. */
const viDate = (v: unknown) => String(v).replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1');
const en = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : show(v));

export const MESSAGES: Record<string, { severity: Severity; text: Text }> = {
  empty_file: { severity: 'error', text: () => ['tệp rỗng, không có dòng dữ liệu nào', 'the file is empty: it has no data rows'] },
  not_text: { severity: 'error', text: () => ['không đọc được: đây không phải tệp văn bản, JSON, CSV, XLSX, Parquet hay Arrow', 'unreadable: not a text, JSON, CSV, XLSX, Parquet or Arrow file'] },
  encoding: { severity: 'warning', text: (p) => [`mã hóa ký tự: ${p.detail}`, `character encoding: ${p.detail_en ?? p.detail}`] },
  truncated: { severity: 'error', text: (p) => [`tệp bị cắt cụt hoặc hỏng (${show(p.detail, 160)})`, `the file is truncated or corrupt (${show(p.detail_en ?? p.detail, 160)})`] },
  file_too_large: { severity: 'error', text: (p) => [`tệp quá lớn (${vn(p.size)} MB; tối đa ${vn(p.limit)} MB), không đọc`, `file too large (${en(p.size)} MB; limit ${en(p.limit)} MB), not read`] },
  too_many_rows: { severity: 'error', text: (p) => [`quá nhiều dòng (${vn(p.count)}; tối đa ${vn(p.limit)} dòng cho bảng này)`, `too many rows (${en(p.count)}; limit ${en(p.limit)} for this table)`] },
  cell_count: { severity: 'error', text: (p) => [`dòng có ${vn(p.count)} ô nhưng tiêu đề chỉ có ${vn(p.columns)} cột; các ô thừa sẽ bị mất`, `the row has ${en(p.count)} cells but the header has only ${en(p.columns)} columns; the extra cells would be lost`] },
  too_many_columns: { severity: 'error', text: (p) => [`quá nhiều cột (${vn(p.count)}; tối đa ${vn(p.limit)})`, `too many columns (${en(p.count)}; limit ${en(p.limit)})`] },
  missing_file: { severity: 'error', text: (p) => [`không tải được tệp ${show(p.path, 160)} (${show(p.detail, 160)})`, `could not fetch ${show(p.path, 160)} (${show(p.detail, 160)})`] },
  bad_path: { severity: 'error', text: (p) => [`đường dẫn không được phép: ${show(p.path)} (chỉ tệp cùng nguồn, không có "..")`, `path not allowed: ${show(p.path)} (same origin only, no "..")`] },
  bad_package: { severity: 'error', text: (p) => [`datapackage.json không hợp lệ: ${show(p.detail, 160)}`, `invalid datapackage.json: ${show(p.detail_en ?? p.detail, 160)}`] },
  unknown_table: { severity: 'error', text: (p) => [`không nhận ra bảng "${show(p.name)}" (cần một trong: units, unit_lineage, dossier_counts, dossiers, index_scores, targets)`, `unknown table "${show(p.name)}" (expected one of: units, unit_lineage, dossier_counts, dossiers, index_scores, targets)`] },
  bad_json_shape: { severity: 'error', text: (p) => [`JSON không đúng dạng: ${p.detail}`, `JSON of the wrong shape: ${p.detail_en ?? p.detail}`] },
  missing_column: { severity: 'error', text: (p) => [`thiếu cột bắt buộc "${p.column}"`, `required column "${p.column}" is missing`] },
  duplicate_column: { severity: 'error', text: (p) => [`cột "${show(p.column)}" xuất hiện ${p.count} lần`, `column "${show(p.column)}" appears ${p.count} times`] },
  unknown_column: { severity: 'warning', text: (p) => [`cột "${show(p.column)}" không có trong chuẩn dữ liệu, được bỏ qua`, `column "${show(p.column)}" is not in the data contract and is ignored`] },
  required_empty: { severity: 'error', text: () => ['ô bắt buộc bị để trống', 'required cell is empty'] },
  not_integer: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải số nguyên`, `"${show(p.value)}" is not a whole number`] },
  not_number: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải số`, `"${show(p.value)}" is not a number`] },
  negative_count: { severity: 'error', text: (p) => [`số âm (${vn(p.value)}) không hợp lệ cho số hồ sơ`, `negative value (${en(p.value)}) is not a valid count`] },
  absurd_count: { severity: 'error', text: (p) => [`giá trị ${vn(p.value)} vượt giới hạn hợp lý (${vn(p.limit)})`, `value ${en(p.value)} is beyond a plausible limit (${en(p.limit)})`] },
  out_of_range: { severity: 'error', text: (p) => [`giá trị ${vn(p.value)} ngoài khoảng ${vn(p.min)}–${vn(p.max)}`, `value ${en(p.value)} is outside ${en(p.min)}–${en(p.max)}`] },
  bad_date: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải ngày hợp lệ (YYYY-MM-DD)`, `"${show(p.value)}" is not a valid date (YYYY-MM-DD)`] },
  bad_timestamp: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải thời điểm hợp lệ (ISO 8601)`, `"${show(p.value)}" is not a valid timestamp (ISO 8601)`] },
  bad_boolean: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải giá trị đúng/sai`, `"${show(p.value)}" is not a true/false value`] },
  bad_enum: { severity: 'error', text: (p) => [`"${show(p.value)}" không thuộc các giá trị cho phép (${p.allowed})`, `"${show(p.value)}" is not one of the allowed values (${p.allowed})`] },
  period_reversed: { severity: 'error', text: (p) => [`ngày kết thúc ${viDate(p.end)} trước ngày bắt đầu ${viDate(p.start)}`, `end date ${p.end} is before start date ${p.start}`] },
  duplicate_key: { severity: 'error', text: (p) => [`trùng khóa (${show(p.key)}) với dòng ${p.first}`, `duplicate key (${show(p.key)}), first seen on row ${p.first}`] },
  unknown_unit: { severity: 'error', text: (p) => [`mã đơn vị "${show(p.value)}" không có trong bảng units`, `unit id "${show(p.value)}" is not in the units table`] },
  sum_mismatch: { severity: 'error', text: (p) => [`tổng không khớp: ${p.what} (${vn(p.left)} ≠ ${vn(p.right)})`, `sum does not add up: ${p.what_en ?? p.what} (${en(p.left)} ≠ ${en(p.right)})`] },
  received_mismatch: { severity: 'warning', text: (p) => [`số nhận (${vn(p.received)}) khác số đã giải quyết + đang giải quyết (${vn(p.handled)}); có thể do hồ sơ rút, tạm dừng`, `received (${en(p.received)}) differs from resolved + pending (${en(p.handled)}); withdrawn or paused dossiers may explain it`] },
  header_unmapped: { severity: 'error', text: () => ['không nhận ra tiêu đề cột: cần ghép cột', 'column headers not recognised: columns need mapping'] },
  formula_cell: { severity: 'warning', text: (p) => [`ô chứa công thức; dùng giá trị đã lưu (${show(p.value)})`, `cell holds a formula; its stored value is used (${show(p.value)})`] },
  no_tables: { severity: 'error', text: () => ['gói dữ liệu không có bảng nào đọc được', 'the package has no readable table'] },
};

export interface Place {
  file: string;
  row?: number;
  column?: string;
}

/** Build an issue; the message starts with its place so a reader can find the cell. */
export function issue(code: string, place: Place, params: P = {}, severity?: Severity): Issue {
  const def = MESSAGES[code];
  const [textVi, textEn] = def ? def.text(params) : [code, code];
  // File and column names come from the file too: a 5 MB header cell must not make a 5 MB message.
  const file = show(place.file, 200);
  const column = place.column ? show(place.column, 200) : '';
  const whereVi = [`Tệp ${file}`, place.row != null ? `dòng ${place.row}` : '', column ? `cột ${column}` : ''].filter(Boolean).join(', ');
  const whereEn = [`File ${file}`, place.row != null ? `row ${place.row}` : '', column ? `column ${column}` : ''].filter(Boolean).join(', ');
  return {
    severity: severity ?? def?.severity ?? 'error',
    code,
    file: place.file,
    ...(place.row != null ? { row: place.row } : {}),
    ...(column ? { column } : {}),
    message: `${whereVi}: ${textVi}.`,
    message_en: `${whereEn}: ${textEn}.`,
  };
}
