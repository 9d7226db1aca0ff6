// Writes the hand-made fixtures of test/unit/formats: Biểu 06 variants (CSV in several encodings and
// separators, XLSX with merged two-row headers) and index tables. Every number here was checked by hand
// (the sums are written next to the rows); the tests assert the same numbers.
// Run: npx tsx scripts/make-format-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bieu = resolve(root, 'test/fixtures/bieu06');
const index = resolve(root, 'test/fixtures/index');
mkdirSync(bieu, { recursive: true });
mkdirSync(index, { recursive: true });

const NUMBERS = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)'];
const SUBS = ['Tổng số', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính', 'Từ kỳ trước', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn'];

function csvLine(cells: (string | number)[], sep: string): string {
  return cells
    .map((c) => {
      const s = String(c);
      return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(sep);
}
const csv = (rows: (string | number)[][], sep = ',') => rows.map((r) => csvLine(r, sep)).join('\r\n') + '\r\n';
const write = (path: string, data: string | Uint8Array) => writeFileSync(path, data);

// ---------- A. comma CSV, two header rows, number row, Tổng cộng, signature block
write(
  resolve(bieu, 'comma-so-tu-phap.csv'),
  csv([
    ['UBND TỈNH GIA LAI'],
    ['SỞ TƯ PHÁP'],
    ['Biểu số 06/VPCP/KSTT'],
    ['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC'],
    ['Kỳ báo cáo: Quý III/2026 (Từ ngày 01/07/2026 đến ngày 30/09/2026)'],
    ['Đơn vị báo cáo: Sở Tư pháp'],
    ['Đơn vị tính: Số hồ sơ TTHC'],
    ['STT', 'Lĩnh vực, công việc giải quyết theo cấp', 'Số hồ sơ nhận giải quyết', '', '', '', 'Số hồ sơ đã giải quyết', '', '', '', 'Số hồ sơ đang giải quyết', '', ''],
    ['', '', ...SUBS],
    NUMBERS,
    // 3100+900+200=4200; 2500+1400+100=4000; 150+50=200
    ['1', 'Hộ tịch', '4.200', '3.100', '900', '200', '4.000', '2.500', '1.400', '100', '200', '150', '50'],
    // 1000+200+34=1234; 800+390+10=1200; 30+4=34
    ['2', 'Công chứng', '1.234', '1.000', '200', '34', '1.200', '800', '390', '10', '34', '30', '4'],
    // 6500+401+100=7001; 6000+850+50=6900; 100+1=101
    ['3', 'Lý lịch tư pháp', '7.001', '6.500', '401', '100', '6.900', '6.000', '850', '50', '101', '100', '1'],
    ['', 'Tổng cộng', '12.435', '10.600', '1.501', '334', '12.100', '9.300', '2.640', '160', '335', '280', '55'],
    [],
    ['', 'Gia Lai, ngày 05 tháng 10 năm 2026'],
    ['', 'Người lập biểu', '', '', '', '', '', '', 'Thủ trưởng đơn vị'],
    ['', '(Ký, ghi rõ họ tên)', '', '', '', '', '', '', '(Ký tên, đóng dấu)'],
    ['', 'Nguyễn Văn A', '', '', '', '', '', '', 'Trần Thị B'],
  ]),
);

// ---------- B. semicolon CSV with BOM, one header row, carried-over column blank ("-") everywhere
write(
  resolve(bieu, 'semicolon-bom-so-y-te.csv'),
  '\ufeff' +
    csv(
      [
        ['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI SỞ Y TẾ'],
        ['Từ ngày 01-10-2026 đến ngày 31-10-2026'],
        ['STT', 'Lĩnh vực', ...SUBS],
        ['1', 'Dược phẩm', '1.520', '1.200', '320', '-', '1.500', '1.000', '450', '50', '20', '15', '5'],
        ['2', 'Khám bệnh, chữa bệnh', '860', '600', '260', '-', '800', '700', '90', '10', '60', '60', '0'],
        ['3', 'Y tế dự phòng', '45', '40', '5', '-', '45', '45', '0', '0', '0', '0', '0'],
      ],
      ';',
    ).replace('"Khám bệnh, chữa bệnh"', 'Khám bệnh, chữa bệnh'), // unquoted comma inside a semicolon file
);

// ---------- C. UTF-16 LE with BOM, tab separated (Excel "Unicode text")
{
  const text = csv(
    [
      ['Đơn vị báo cáo:', 'UBND phường Pleiku'],
      ['Kỳ báo cáo: Tháng 09/2026'],
      ['STT', 'Lĩnh vực', ...SUBS],
      NUMBERS,
      ['1', 'Hộ tịch', '310', '250', '40', '20', '300', '200', '95', '5', '10', '10', '0'],
      ['2', 'Đất đai', '95', '30', '60', '5', '80', '40', '30', '10', '15', '12', '3'],
    ],
    '\t',
  );
  const buf = new Uint8Array(2 + text.length * 2);
  buf[0] = 0xff;
  buf[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    buf[2 + i * 2] = code & 0xff;
    buf[3 + i * 2] = code >> 8;
  }
  write(resolve(bieu, 'utf16-phuong-pleiku.csv'), buf);
}

// ---------- D. Windows-1258, semicolons, "Năm 2025"
function cp1258(text: string): Uint8Array {
  const dec = new TextDecoder('windows-1258');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = dec.decode(new Uint8Array([b]));
    if (!map.has(ch)) map.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (map.has(ch)) {
      out.push(map.get(ch) as number);
      continue;
    }
    const d = ch.normalize('NFD');
    let done = false;
    for (let k = d.length; k >= 1 && !done; k--) {
      const head = d.slice(0, k).normalize('NFC');
      const tail = [...d.slice(k)];
      if (map.has(head) && tail.every((t) => map.has(t))) {
        out.push(map.get(head) as number, ...tail.map((t) => map.get(t) as number));
        done = true;
      }
    }
    if (!done) throw new Error(`cannot encode ${ch} in cp1258`);
  }
  return new Uint8Array(out);
}
write(
  resolve(bieu, 'cp1258-so-xay-dung.csv'),
  cp1258(
    csv(
      [
        ['Đơn vị báo cáo: Sở Xây dựng'],
        ['Kỳ báo cáo: Năm 2025'],
        ['STT', 'Lĩnh vực', ...SUBS],
        NUMBERS,
        ['1', 'Xây dựng', '2.050', '1.800', '200', '50', '2.000', '1.500', '450', '50', '50', '40', '10'],
        ['2', 'Nhà ở', '120', '100', '20', '0', '110', '100', '10', '0', '10', '10', '0'],
        ['3', 'Quy hoạch kiến trúc', '33', '30', '3', '0', '30', '20', '5', '5', '3', '0', '3'],
      ],
      ';',
    ),
  ),
);

// ---------- E. decomposed (NFD) Unicode names; the same field once NFD and once NFC
write(
  resolve(bieu, 'decomposed-xa-ia-grai.csv'),
  csv([
    ['Đơn vị báo cáo: UBND xã Ia Grai'.normalize('NFD')],
    ['Từ ngày 1/1/2026 đến ngày 31/3/2026'.normalize('NFD')],
    ['STT', 'Lĩnh vực'.normalize('NFD'), ...SUBS.map((s) => s.normalize('NFD'))],
    NUMBERS,
    ['1', 'Hộ tịch'.normalize('NFD'), '50', '20', '30', '0', '50', '30', '20', '0', '0', '0', '0'],
    ['2', 'Chứng thực'.normalize('NFD'), '200', '0', '200', '0', '200', '200', '0', '0', '0', '0', '0'],
    ['3', 'Hộ tịch'.normalize('NFC'), '10', '5', '5', '0', '10', '10', '0', '0', '0', '0', '0'],
  ]),
);

// ---------- G. only the (1)…(13) number row; unit from the letterhead
write(
  resolve(bieu, 'number-row-only.csv'),
  csv([
    ['UBND TỈNH GIA LAI', '', '', '', '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['SỞ NỘI VỤ', '', '', '', '', '', '', 'Độc lập - Tự do - Hạnh phúc'],
    ['Kỳ báo cáo: Tháng 10/2026'],
    NUMBERS,
    ['1', 'Thi đua khen thưởng', '40', '10', '30', '0', '40', '20', '20', '0', '0', '0', '0'],
    ['2', 'Tôn giáo', '12', '2', '10', '0', '10', '5', '5', '0', '2', '1', '1'],
  ]),
);

// ---------- H. groups by level (I, II) with subtotals, Tổng cộng first, a bad row, a bad subtotal
write(
  resolve(bieu, 'groups-total-tinh.csv'),
  csv([
    ['Biểu số 06/VPCP/KSTT'],
    ['Đơn vị báo cáo: UBND tỉnh Gia Lai'],
    ['Kỳ báo cáo: 6 tháng đầu năm 2026'],
    ['STT', 'Lĩnh vực, công việc giải quyết theo cấp', 'Số hồ sơ nhận giải quyết', '', '', '', 'Số hồ sơ đã giải quyết', '', '', '', 'Số hồ sơ đang giải quyết', '', ''],
    ['', '', ...SUBS],
    NUMBERS,
    ['', 'Tổng cộng', '1.800', '1.210', '470', '110', '1.700', '1.350', '250', '100', '100', '83', '17'],
    ['I', 'Cấp tỉnh', '300', '210', '70', '20', '270', '150', '90', '30', '30', '23', '7'],
    ['1', 'Đầu tư', '100', '60', '30', '10', '90', '50', '30', '10', '10', '8', '2'],
    ['2', 'Xây dựng', '200', '150', '40', '10', '180', '100', '60', '20', '20', '15', '5'],
    ['II', 'Cấp xã', '1.500', '1.000', '400', '90', '1.430', '1.250', '160', '70', '70', '60', '10'],
    ['1', 'Hộ tịch', '1.000', '700', '250', '50', '950', '800', '100', '50', '50', '40', '10'],
    // 300+150+40 = 490, not 500: an error on this row
    ['2', 'Chứng thực', '500', '300', '150', '40', '480', '400', '60', '20', '20', '20', '0'],
    [],
    ['', 'Người lập biểu', '', '', '', '', '', '', 'Chủ tịch UBND tỉnh'],
  ]),
);

// ---------- I. II.06a at the service centre: rows are units, groups are levels
write(
  resolve(bieu, 'ii06a-units.csv'),
  csv([
    ['Biểu số II.06a/VPCP/KSTT'],
    ['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH GIA LAI'],
    ['Kỳ báo cáo: Quý III/2026'],
    ['Đơn vị báo cáo: Trung tâm Phục vụ hành chính công tỉnh Gia Lai', '', '', '', '', '', '', 'Đơn vị nhận báo cáo: Văn phòng UBND tỉnh'],
    ['TT', 'Đơn vị', 'Tiếp nhận', '', '', '', 'Đã giải quyết', '', '', '', 'Đang xử lý', '', ''],
    ['', '', 'Tổng số', 'Trong kỳ', '', 'Kỳ trước', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn'],
    ['', '', '', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính', '', '', '', '', '', '', '', ''],
    NUMBERS,
    ['I', 'Cấp tỉnh', '5.720', '4.300', '1.220', '200', '5.500', '3.500', '1.850', '150', '220', '165', '55'],
    ['1', 'Sở Tư pháp', '4.200', '3.100', '900', '200', '4.000', '2.500', '1.400', '100', '200', '150', '50'],
    ['2', 'Sở Y tế', '1.520', '1.200', '320', '0', '1.500', '1.000', '450', '50', '20', '15', '5'],
    ['II', 'Cấp xã', '1.980', '1.500', '390', '90', '1.920', '1.570', '295', '55', '60', '50', '10'],
    ['1', 'UBND xã Ia Grai', '1.575', '1.220', '290', '65', '1.540', '1.330', '170', '40', '35', '28', '7'],
    ['2', 'UBND phường Pleiku', '405', '280', '100', '25', '380', '240', '125', '15', '25', '22', '3'],
    ['', 'Tổng cộng', '7.700', '5.800', '1.610', '290', '7.420', '5.070', '2.145', '205', '280', '215', '65'],
  ]),
);

// ---------- J. units with their fields under them (group rows = units)
write(
  resolve(bieu, 'unit-fields.csv'),
  csv([
    ['Đơn vị báo cáo: UBND tỉnh Gia Lai'],
    ['Kỳ báo cáo: 9 tháng năm 2026'],
    ['STT', 'Lĩnh vực, công việc giải quyết theo cấp', ...SUBS],
    NUMBERS,
    ['I', 'Sở Tư pháp', '5.434', '4.100', '1.100', '234', '5.200', '3.300', '1.790', '110', '234', '180', '54'],
    ['1', 'Hộ tịch', '4.200', '3.100', '900', '200', '4.000', '2.500', '1.400', '100', '200', '150', '50'],
    ['2', 'Công chứng', '1.234', '1.000', '200', '34', '1.200', '800', '390', '10', '34', '30', '4'],
    ['II', 'Sở Y tế'],
    ['1', 'Dược phẩm', '1.520', '1.200', '320', '0', '1.500', '1.000', '450', '50', '20', '15', '5'],
  ]),
);

// ---------- K. headers nobody can match: the UI maps the columns by hand
write(
  resolve(bieu, 'unmapped.csv'),
  csv([
    ['Biểu số 06/VPCP/KSTT'],
    ['Đơn vị báo cáo: Sở Tài chính'],
    ['Từ ngày 01/01/2026 đến ngày 31/01/2026'],
    ['Mã', 'Tên lĩnh vực', 'Nhận', 'Online', 'Offline', 'Cũ', 'Xong', 'Sớm', 'Kịp', 'Trễ', 'Chưa xong', 'Còn hạn', 'Hết hạn'],
    ['1', 'Hộ tịch', '30', '10', '20', '0', '30', '10', '20', '0', '0', '0', '0'],
    ['2', 'Giá', '7', '7', '0', '0', '6', '6', '0', '0', '1', '1', '0'],
  ]),
);

// ---------- minimal XLSX writer (the reader's own tests need real workbooks)
type XCell = string | number | null | { f: string; v: number } | { date: number } | { inline: string };
function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function xlsx(rows: XCell[][], merges: string[], sheetName = 'Biểu 06', extraSheet?: string): Uint8Array {
  const shared: string[] = [];
  const sidx = new Map<string, number>();
  const sheetRows = rows
    .map((r, i) => {
      const cells = r
        .map((c, j) => {
          const ref = `${colName(j)}${i + 1}`;
          if (c === null || c === '') return '';
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'string') {
            if (!sidx.has(c)) {
              sidx.set(c, shared.length);
              shared.push(c);
            }
            return `<c r="${ref}" t="s"><v>${sidx.get(c)}</v></c>`;
          }
          if ('f' in c) return `<c r="${ref}"><f>${esc(c.f)}</f><v>${c.v}</v></c>`;
          if ('date' in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
        })
        .join('');
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData>${merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : ''}</worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const sheets = [sheetName, ...(extraSheet ? [extraSheet] : [])];
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const ct = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(ct),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(sst),
    'xl/styles.xml': strToU8(styles),
  };
  if (extraSheet) files['xl/worksheets/sheet2.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ghi chú</t></is></c></row></sheetData></worksheet>`);
  return zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}

// ---------- F. XLSX: two header rows with merged cells, no number row, a formula column, a date cell
// Hộ tịch: 300+150+50=500; 400+70+10=480; 18+2=20. Chứng thực: 900+100+0=1000; 1000+0+0; 0.
// Đất đai: 20+40+15=75; 30+20+10=60; 10+5=15.
write(
  resolve(bieu, 'merged-two-headers.xlsx'),
  xlsx(
    [
      ['Biểu số 06/VPCP/KSTT'],
      ['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC'],
      ['Từ ngày 01/01/2026 đến ngày 30/06/2026', null, null, null, null, null, null, null, null, null, 'Ngày xuất:', { date: 46204 }],
      ['Đơn vị báo cáo: UBND xã Ia Grai'],
      ['STT', 'Lĩnh vực, công việc giải quyết theo cấp', 'Số hồ sơ nhận giải quyết', null, null, null, 'Số hồ sơ đã giải quyết', null, null, null, 'Số hồ sơ đang giải quyết'],
      [null, null, ...SUBS],
      [1, 'Hộ tịch', { f: 'D7+E7+F7', v: 500 }, 300, 150, 50, 480, 400, 70, 10, 20, 18, 2],
      [2, { inline: 'Chứng thực' }, { f: 'D8+E8+F8', v: 1000 }, 900, 100, 0, 1000, 1000, 0, 0, 0, 0, 0],
      [3, 'Đất đai', { f: 'D9+E9+F9', v: 75 }, 20, 40, 15, 60, 30, 20, 10, 15, 10, 5],
      [null, 'Người lập biểu'],
    ],
    ['A1:M1', 'A2:M2', 'A3:J3', 'A4:M4', 'A5:A6', 'B5:B6', 'C5:F5', 'G5:J5', 'K5:M5'],
    'Biểu 06',
    'Ghi chú',
  ),
);

// ---------- index tables
const ddciRows: (string | number)[][] = [
  ['KẾT QUẢ ĐÁNH GIÁ CHỈ SỐ DDCI NĂM 2024 TỈNH GIA LAI'],
  ['STT', 'Tên đơn vị', 'Tính năng động của lãnh đạo', 'Chi phí không chính thức', 'Chất lượng dịch vụ công', 'Điểm tổng hợp', 'Xếp hạng', 'Xếp loại'],
  ['1', 'Sở Tư pháp', '8,52', '7,90', '9,10', '85,37', '1', 'Tốt'],
  ['2', 'SỞ Y TẾ', '7,00', '6,45', '8,05', '78,20', '2', 'Khá'],
  ['3', 'Sở Xây dựng', '6,10', '5,80', '7,25', '70,05', '3', 'Khá'],
];
write(resolve(index, 'ddci-2024-wide.csv'), csv(ddciRows));
write(
  resolve(index, 'ddci-2024-wide.xlsx'),
  xlsx(
    ddciRows.map((r, i) => (i < 2 ? r : r.map((c, j) => (j >= 2 && j <= 6 ? Number(String(c).replace(',', '.')) : c)))),
    ['A1:H1'],
    'DDCI 2024',
  ),
);
write(
  resolve(index, 'pci-long.csv'),
  csv([
    ['Tỉnh', 'Chỉ số', 'Chỉ số thành phần', 'Năm', 'Điểm', 'Xếp hạng'],
    ['Quảng Ninh', 'PCI', 'Tổng điểm', '2022', '72.95', '1'],
    ['Quảng Ninh', 'PCI', 'Gia nhập thị trường', '2022', '7.01', ''],
    ['Hải Phòng', 'PCI', 'Tổng điểm', '2022', '70.61', '2'],
  ]),
);
console.log('fixtures written to test/fixtures/bieu06 and test/fixtures/index');
