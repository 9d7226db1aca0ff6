import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/datasets/formats/text';

const enc = new TextEncoder();
const codes = (is: { code: string }[]) => is.map((i) => i.code);

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[0] = le ? 0xff : 0xfe;
    out[1] = le ? 0xfe : 0xff;
    o = 2;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o + i * 2] = le ? c & 0xff : c >> 8;
    out[o + i * 2 + 1] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(enc.encode('Hộ tịch;4.200'), 'a.csv')).toMatchObject({ text: 'Hộ tịch;4.200', encoding: 'utf-8', issues: [] });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Sở Tư pháp')]);
    expect(decodeText(bom, 'a.csv')).toMatchObject({ text: 'Sở Tư pháp', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE/BE by BOM and by the NUL pattern', () => {
    const s = 'STT\tLĩnh vực\tTổng số\r\n1\tHộ tịch\t310\r\n';
    expect(decodeText(utf16(s, true, true), 'u.csv')).toMatchObject({ text: s, encoding: 'utf-16le' });
    expect(decodeText(utf16(s, false, true), 'u.csv')).toMatchObject({ text: s, encoding: 'utf-16be' });
    expect(decodeText(utf16(s, true, false), 'u.csv')).toMatchObject({ text: s, encoding: 'utf-16le' });
    expect(decodeText(utf16(s, false, false), 'u.csv')).toMatchObject({ text: s, encoding: 'utf-16be' });
  });

  it('reads Windows-1258 (combining tone marks) and returns NFC', () => {
    // "Hộ tịch" in cp1258: H, ô (0xF4) + dot below (0xF2), space, t, i + dot below (0xF2), c, h
    const bytes = new Uint8Array([0x48, 0xf4, 0xf2, 0x20, 0x74, 0x69, 0xf2, 0x63, 0x68]);
    const r = decodeText(bytes, 'old.csv');
    expect(r.encoding).toBe('windows-1258');
    expect(r.text).toBe('Hộ tịch');
    expect(r.text).toBe(r.text.normalize('NFC'));
    expect(codes(r.issues)).toEqual(['legacy_encoding']);
  });

  it('warns about mojibake (UTF-8 read as cp1252) and names an example', () => {
    const garbled = 'Há»™ tá»‹ch,Ä‘áº¥t Ä‘ai';
    const r = decodeText(enc.encode(garbled), 'm.csv');
    expect(codes(r.issues)).toEqual(['mojibake']);
    expect(r.issues[0].severity).toBe('warning');
    expect(r.issues[0].message).toContain('UTF-8');
  });

  it('does not take real Vietnamese capitals for mojibake', () => {
    expect(decodeText(enc.encode('UBND XÃ IA GRAI; Ủy ban; Đất đai'), 'x.csv').issues).toEqual([]);
  });

  it('strips a BOM in the middle with a warning', () => {
    const r = decodeText(enc.encode('a,b\n\ufeffc,d\n'), 'j.csv');
    expect(r.text).toBe('a,b\nc,d\n');
    expect(codes(r.issues)).toEqual(['bom_in_text']);
  });

  it('normalises decomposed input to NFC', () => {
    const r = decodeText(enc.encode('Hộ tịch'.normalize('NFD')), 'd.csv');
    expect(r.text).toBe('Hộ tịch'.normalize('NFC'));
    expect(r.text.length).toBe(7);
  });
});
