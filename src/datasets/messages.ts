// Every refusal and warning the loader can give, in Vietnamese and English, with its place
// (file, row, column). One catalogue: tests check these exact words.
import type { Issue, Severity } from './types';

type P = Record<string, string | number>;
type Text = (p: P) => [vi: string, en: string];

const show = (v: unknown) => {
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

export const MESSAGES: Record<string, { severity: Severity; text: Text }> = {
  empty_file: { severity: 'error', text: () => ['tệp rỗng, không có dữ liệu', 'the file is empty'] },
  not_text: { severity: 'error', text: () => ['không đọc được: đây không phải tệp văn bản, JSON, CSV, XLSX, Parquet hay Arrow', 'unreadable: not a text, JSON, CSV, XLSX, Parquet or Arrow file'] },
  encoding: { severity: 'warning', text: (p) => [`mã hóa ký tự: ${p.detail}`, `character encoding: ${p.detail_en ?? p.detail}`] },
  truncated: { severity: 'error', text: (p) => [`tệp bị cắt cụt hoặc hỏng (${p.detail})`, `the file is truncated or corrupt (${p.detail})`] },
  file_too_large: { severity: 'error', text: (p) => [`tệp quá lớn (${p.size} MB; tối đa ${p.limit} MB), không đọc`, `file too large (${p.size} MB; limit ${p.limit} MB), not read`] },
  too_many_columns: { severity: 'error', text: (p) => [`quá nhiều cột (${p.count}; tối đa ${p.limit})`, `too many columns (${p.count}; limit ${p.limit})`] },
  missing_file: { severity: 'error', text: (p) => [`không tải được tệp ${p.path} (${p.detail})`, `could not fetch ${p.path} (${p.detail})`] },
  bad_path: { severity: 'error', text: (p) => [`đường dẫn không được phép: ${show(p.path)} (chỉ tệp cùng nguồn, không có "..")`, `path not allowed: ${show(p.path)} (same origin only, no "..")`] },
  bad_package: { severity: 'error', text: (p) => [`datapackage.json không hợp lệ: ${p.detail}`, `invalid datapackage.json: ${p.detail_en ?? p.detail}`] },
  unknown_table: { severity: 'error', text: (p) => [`không nhận ra bảng "${show(p.name)}" (cần một trong: units, unit_lineage, dossier_counts, dossiers, index_scores, targets)`, `unknown table "${show(p.name)}" (expected one of: units, unit_lineage, dossier_counts, dossiers, index_scores, targets)`] },
  bad_json_shape: { severity: 'error', text: (p) => [`JSON không đúng dạng: ${p.detail}`, `JSON of the wrong shape: ${p.detail_en ?? p.detail}`] },
  missing_column: { severity: 'error', text: (p) => [`thiếu cột bắt buộc "${p.column}"`, `required column "${p.column}" is missing`] },
  duplicate_column: { severity: 'error', text: (p) => [`cột "${show(p.column)}" xuất hiện ${p.count} lần`, `column "${show(p.column)}" appears ${p.count} times`] },
  unknown_column: { severity: 'warning', text: (p) => [`cột "${show(p.column)}" không có trong chuẩn dữ liệu, được bỏ qua`, `column "${show(p.column)}" is not in the data contract and is ignored`] },
  required_empty: { severity: 'error', text: () => ['ô bắt buộc bị để trống', 'required cell is empty'] },
  not_integer: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải số nguyên`, `"${show(p.value)}" is not a whole number`] },
  not_number: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải số`, `"${show(p.value)}" is not a number`] },
  negative_count: { severity: 'error', text: (p) => [`số âm (${p.value}) không hợp lệ cho số hồ sơ`, `negative value (${p.value}) is not a valid count`] },
  absurd_count: { severity: 'error', text: (p) => [`giá trị ${p.value} vượt giới hạn hợp lý (${p.limit})`, `value ${p.value} is beyond a plausible limit (${p.limit})`] },
  out_of_range: { severity: 'error', text: (p) => [`giá trị ${p.value} ngoài khoảng ${p.min}–${p.max}`, `value ${p.value} is outside ${p.min}–${p.max}`] },
  bad_date: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải ngày hợp lệ (YYYY-MM-DD)`, `"${show(p.value)}" is not a valid date (YYYY-MM-DD)`] },
  bad_timestamp: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải thời điểm hợp lệ (ISO 8601)`, `"${show(p.value)}" is not a valid timestamp (ISO 8601)`] },
  bad_boolean: { severity: 'error', text: (p) => [`"${show(p.value)}" không phải giá trị đúng/sai`, `"${show(p.value)}" is not a true/false value`] },
  bad_enum: { severity: 'error', text: (p) => [`"${show(p.value)}" không thuộc các giá trị cho phép (${p.allowed})`, `"${show(p.value)}" is not one of the allowed values (${p.allowed})`] },
  period_reversed: { severity: 'error', text: (p) => [`ngày kết thúc ${p.end} trước ngày bắt đầu ${p.start}`, `end date ${p.end} is before start date ${p.start}`] },
  duplicate_key: { severity: 'error', text: (p) => [`trùng khóa (${show(p.key)}) với dòng ${p.first}`, `duplicate key (${show(p.key)}), first seen on row ${p.first}`] },
  unknown_unit: { severity: 'error', text: (p) => [`mã đơn vị "${show(p.value)}" không có trong bảng units`, `unit id "${show(p.value)}" is not in the units table`] },
  sum_mismatch: { severity: 'error', text: (p) => [`tổng không khớp: ${p.what} (${p.left} ≠ ${p.right})`, `sum does not add up: ${p.what_en ?? p.what} (${p.left} ≠ ${p.right})`] },
  received_mismatch: { severity: 'warning', text: (p) => [`số nhận (${p.received}) khác số đã giải quyết + đang giải quyết (${p.handled}); có thể do hồ sơ rút, tạm dừng`, `received (${p.received}) differs from resolved + pending (${p.handled}); withdrawn or paused dossiers may explain it`] },
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
  const [vi, en] = def ? def.text(params) : [code, code];
  const whereVi = [`Tệp ${place.file}`, place.row != null ? `dòng ${place.row}` : '', place.column ? `cột ${place.column}` : '']
    .filter(Boolean).join(', ');
  const whereEn = [`File ${place.file}`, place.row != null ? `row ${place.row}` : '', place.column ? `column ${place.column}` : '']
    .filter(Boolean).join(', ');
  return {
    severity: severity ?? def?.severity ?? 'error',
    code,
    file: place.file,
    ...(place.row != null ? { row: place.row } : {}),
    ...(place.column ? { column: place.column } : {}),
    message: `${whereVi}: ${vi}.`,
    message_en: `${whereEn}: ${en}.`,
  };
}
