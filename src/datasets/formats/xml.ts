// A tiny XML tokenizer for the parts of an XLSX file (no DOMParser in Node or in a worker). It knows
// elements, attributes, text, CDATA and the five entities plus numeric references; namespaces prefixes
// are dropped ("x:row" → "row"), which is all SpreadsheetML needs.

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e];
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) attrs[localName(m[1])] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

/** Walks the XML once, calling `onToken` for each element start, end and text run. */
export function scanXml(xml: string, onToken: (t: XmlToken) => void): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      const text = xml.slice(i);
      if (text) onToken({ kind: 'text', text: decodeEntities(text) });
      break;
    }
    if (lt > i) onToken({ kind: 'text', text: decodeEntities(xml.slice(i, lt)) });
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      onToken({ kind: 'text', text: xml.slice(lt + 9, end < 0 ? n : end) });
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      const end = xml.indexOf('>', lt + 1);
      i = end < 0 ? n : end + 1;
      continue;
    }
    // find the tag's end, skipping ">" inside quoted attribute values
    let j = lt + 1;
    let quote = '';
    while (j < n) {
      const ch = xml[j];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
      j++;
    }
    const body = xml.slice(lt + 1, j);
    i = j + 1;
    if (body[0] === '/') {
      onToken({ kind: 'close', name: localName(body.slice(1).trim()) });
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const sp = inner.search(/\s/);
    const qname = sp < 0 ? inner : inner.slice(0, sp);
    onToken({ kind: 'open', name: localName(qname), attrs: sp < 0 ? {} : parseAttrs(inner.slice(sp)), selfClosing });
  }
}
