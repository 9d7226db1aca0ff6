// Excel workbooks of the app's tables, written with SheetJS (@e965/xlsx, the library the importers use),
// loaded only when a person asks for a workbook (dynamic import: never in the first bundle).
//
// Choices, and why:
//  - Numbers are numbers (cell type 'n') with a display format, so Excel sums and sorts them. Formats are
//    written with '.' and ',' as Excel's placeholders: Excel shows them with the reader's separators, so a
//    Vietnamese Excel shows 4.200 and 96,75 %.
//  - Percents are stored as they are shown, 0–100 (96.75, not 0.9675), with the format 0.00" %": the
//    number in the cell is the number on screen and in the CSV, and a formula over it reads the same
//    figure; Excel's own percent format would need fractions and show "9675%" on a pasted 96.75.
//  - A header block (title, dataset, period, source, as-of date) sits above each table; the table's
//    header row carries an autofilter and stays on screen while the rows scroll (frozen panes).
//    SheetJS Community Edition writes no <pane> (its !freeze / !views are Pro-only), so the written
//    package is opened again (fflate) and each sheet's <sheetView> gets the frozen pane Excel itself
//    writes: a fixed piece of XML, no dataset text in it.
//  - Dataset text is never a formula: every text cell is type 's' (SheetJS writes no <f> for it) and is
//    neutralised as in the CSV (a leading apostrophe before = + - @ tab CR), so a later edit in Excel
//    cannot turn it into one either.
//  - One sheet per table; sheet names are made safe (31 characters, no []:*?/\) and unique.
import { download, neutralise, type ExportCell } from './csv';

export type ColumnKind = 'text' | 'int' | 'number' | 'percent' | 'points';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** decimals shown for number/percent/points (default 2) */
  decimals?: number;
}

export interface TableMeta {
  title: string;
  dataset: string;
  period: string;
  source: string;
  /** ISO date of the data's last day or capture */
  asOf: string;
}

export interface TableModel {
  /** sheet name (made safe here) */
  sheet: string;
  columns: TableColumn[];
  rows: ExportCell[][];
  meta: TableMeta;
}

/**
 * A workbook table from a CSV-shaped export ({ header, rows }, as every ExportButtons caller already
 * builds): a column whose values are all numbers is numeric (whole numbers '#,##0', else 2 decimals
 * shown, the stored value kept whole), any other column is text.
 */
export function tableFromRows(header: string[], rows: ExportCell[][], meta: TableMeta, sheet = meta.title): TableModel {
  const columns: TableColumn[] = header.map((h, i) => {
    const vals = rows.map((r) => r[i]).filter((v) => v != null && v !== '');
    const numeric = vals.length > 0 && vals.every((v) => typeof v === 'number' && Number.isFinite(v));
    const whole = numeric && vals.every((v) => Number.isInteger(v));
    return { header: h, kind: numeric ? (whole ? 'int' : 'number') : 'text', decimals: whole ? 0 : 2 };
  });
  return { sheet, columns, rows, meta };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function numberFormat(c: TableColumn): string {
  const d = c.decimals ?? (c.kind === 'int' ? 0 : 2);
  const body = d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  return c.kind === 'percent' ? `${d > 0 ? `0.${'0'.repeat(d)}` : '0'}" %"` : body;
}

const HEADER_WORDS = {
  vi: { dataset: 'Bộ dữ liệu', period: 'Kỳ', source: 'Nguồn', asOf: 'Số liệu đến ngày' },
  en: { dataset: 'Dataset', period: 'Period', source: 'Source', asOf: 'Figures as of' },
};

export function safeSheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Sheet').slice(0, 31);
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(out.toLowerCase());
  return out;
}

const dmy = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

/** Rows above the table's header row. */
export const HEADER_BLOCK_ROWS = 6;

/** The libraries a workbook needs, passed in so Node tests and the browser (which loads them on the
 *  click) share this code. */
export interface XlsxLibs {
  XLSX: typeof import('@e965/xlsx');
  zip: Pick<typeof import('fflate'), 'unzipSync' | 'zipSync'>;
}

/** Every sheet of a written workbook with its first `rows` rows frozen (the header block and the
 *  table's header row). */
export function freezeRows(bytes: Uint8Array, rows: number, zip: XlsxLibs['zip']): Uint8Array {
  const files = zip.unzipSync(bytes);
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const top = `A${rows + 1}`;
  const view = `<sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>`
    + `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView>`;
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = dec.decode(files[name]);
    const frozen = xml.replace(/<sheetView workbookViewId="0"\s*\/>/, view);
    if (frozen === xml) throw new Error(`${name}: no sheetView to freeze`);
    files[name] = enc.encode(frozen);
  }
  return zip.zipSync(files, { level: 6 });
}

/** The workbook's bytes. */
export function workbookBytes({ XLSX, zip }: XlsxLibs, tables: TableModel[], lang: 'vi' | 'en' = 'vi'): Uint8Array {
  const w = HEADER_WORDS[lang];
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const t of tables) {
    const text = (v: ExportCell) => ({ t: 's' as const, v: neutralise(v) });
    const block: ExportCell[][] = [
      [t.meta.title],
      [`${w.dataset}: ${t.meta.dataset}`],
      [`${w.period}: ${t.meta.period}`],
      [`${w.source}: ${t.meta.source || '–'}`],
      [`${w.asOf}: ${dmy(t.meta.asOf) || '–'}`],
      [],
    ];
    const aoa: unknown[][] = block.map((r) => r.map(text));
    aoa.push(t.columns.map((c) => text(c.header)));
    for (const row of t.rows) {
      aoa.push(t.columns.map((c, i) => {
        const v = row[i];
        if (v == null || v === '') return null;
        if (c.kind !== 'text' && typeof v === 'number' && Number.isFinite(v)) return { t: 'n', v, z: numberFormat(c) };
        return text(v);
      }));
    }
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    const headerRow = HEADER_BLOCK_ROWS; // 0-based row of the table's header
    const lastRow = headerRow + t.rows.length;
    ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: headerRow, c: 0 }, e: { r: lastRow, c: Math.max(0, t.columns.length - 1) } }) };
    ws['!cols'] = t.columns.map((c, i) => {
      const longest = Math.max(c.header.length, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      return { wch: Math.min(48, Math.max(8, longest + 2)) };
    });
    XLSX.utils.book_append_sheet(wb, ws, safeSheetName(t.sheet, taken));
  }
  wb.Props = { Title: tables[0]?.meta.title ?? 'chiso', Author: 'chiso' };
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
  return freezeRows(bytes, HEADER_BLOCK_ROWS + 1, zip);
}

/** Offer the workbook for download (browser): SheetJS arrives with the click, not with the page. */
export async function downloadXlsx(fileName: string, tables: TableModel[], lang: 'vi' | 'en'): Promise<void> {
  const [XLSX, zip] = await Promise.all([import('@e965/xlsx'), import('fflate')]);
  const bytes = workbookBytes({ XLSX, zip }, tables, lang);
  download(fileName, new Blob([bytes as BlobPart], { type: XLSX_MIME }));
}
