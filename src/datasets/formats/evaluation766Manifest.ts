// A capture manifest (manifest.m0.json beside saved evaluation API responses): for each capture the
// endpoint URL, the request payload (root unit, time type, year, quarter/month or fromDate/toDate,
// formalityId), the capture time and the body's SHA-256 and byte count. The response bodies do not state
// their period: the payload does. Files are matched to captures by SHA-256 and byte count, never by name
// (year-all.json is the name of a file in every endpoint's folder).
//
// evaluationContext() runs before the files are read (files.ts readFiles): it finds the manifests and
// the procedure catalogues (formalities responses) among the dropped files and gives every matched
// response its capture and the known procedures.
import type { ParsedFile } from '../types';
import { errorIssue, warningIssue } from './issues';
import type { EvaluationCapture, EvaluationOptions, Procedure } from './evaluation766';
import { decodeText } from './text';
import { isObj, type Obj } from './jsonValues';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().normalize('NFC') : null);

export interface ManifestCapture extends EvaluationCapture {
  sha256: string | null;
  bytes: number | null;
}

/** Is this JSON value a capture manifest ({captures: [{sha256, payload…}]})? */
export function isCaptureManifest(json: unknown): boolean {
  return isObj(json) && Array.isArray(json.captures) && json.captures.some((c) => isObj(c) && ('sha256' in c || 'payload' in c));
}

export function manifestCaptures(json: unknown): ManifestCapture[] {
  if (!isObj(json) || !Array.isArray(json.captures)) return [];
  const formality = isObj(json.formality) && str(json.formality.code) ? ({ id: str(json.formality.id) ?? undefined, code: str(json.formality.code)!, name: str(json.formality.name) } as Procedure) : null;
  return json.captures.filter(isObj).map((c) => ({
    file: str(c.file) ?? undefined,
    url: str(c.url) ?? undefined,
    payload: isObj(c.payload) ? c.payload : {},
    capturedAt: str(c.capturedAt) ?? undefined,
    formality,
    sha256: str(c.sha256)?.toLowerCase() ?? null,
    bytes: typeof c.bytes === 'number' ? c.bytes : null,
  }));
}

/** The manifest as a file of the import: no table; its summary lists what it describes. */
export function parseManifest(json: unknown, file: string, matched?: number): ParsedFile {
  const kind = 'evaluation766:manifest';
  const caps = manifestCaptures(json);
  const issues = caps.length === 0 ? [errorIssue('bad_manifest', file, `Tệp ${file}: danh sách captures rỗng.`, `File ${file}: the captures list is empty.`, { column: 'captures' })] : [];
  const root = isObj(json) && isObj((json as Obj).province) ? str(((json as Obj).province as Obj).name) : null;
  return { file, kind, tables: {}, issues, accounts: [{ file, table: 'unknown', read: 0, loaded: 0, reported: 0 }], summary: { kind, rows: 0, captures: caps.length, matched: matched ?? null, root, units: [] } };
}

async function sha256(bytes: Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const d = new Uint8Array(await subtle.digest('SHA-256', bytes as unknown as ArrayBuffer));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A JSON file worth parsing before the others: a manifest or a procedure catalogue (seen from its start). */
function mayBeContext(bytes: Uint8Array, name: string): boolean {
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 4096)), name).text.trimStart();
  return head.startsWith('{') && (/"captures"\s*:/.test(head) || /"items"\s*:/.test(head));
}

export interface EvaluationContext {
  perFile: Map<string, Pick<EvaluationOptions, 'capture' | 'procedures'>>;
  /** the manifests found, and how many files each matched */
  manifests: Map<string, number>;
  /** warnings for the manifest files (no SHA-256 in this browser…) */
  notes: ParsedFile['issues'];
}

/** Manifests and catalogues among the files → the capture of each response and the procedures known. */
export async function evaluationContext(inputs: { name: string; bytes: Uint8Array }[]): Promise<EvaluationContext> {
  const ctx: EvaluationContext = { perFile: new Map(), manifests: new Map(), notes: [] };
  const captures: (ManifestCapture & { manifest: string })[] = [];
  const procedures: Record<string, Procedure> = {};
  const jsonish = inputs.filter((f) => f.bytes.length > 0 && f.bytes.length < 64 * 1024 * 1024);
  for (const f of jsonish) {
    if (!mayBeContext(f.bytes, f.name)) continue;
    let json: unknown;
    try {
      json = JSON.parse(decodeText(f.bytes, f.name).text);
    } catch {
      continue; // the reader says why, when it reads the file
    }
    if (isCaptureManifest(json)) {
      ctx.manifests.set(f.name, 0);
      for (const c of manifestCaptures(json)) {
        captures.push({ ...c, manifest: f.name });
        if (c.formality?.id) procedures[c.formality.id] = c.formality;
      }
    } else if (isObj(json) && isObj(json.data) && Array.isArray(json.data.items)) {
      for (const it of json.data.items) {
        if (!isObj(it) || !str(it.id) || !str(it.code)) continue;
        procedures[str(it.id)!] = { id: str(it.id)!, code: str(it.code)!, name: str(it.name) };
      }
    }
  }
  const hasProcedures = Object.keys(procedures).length > 0;
  if (captures.length === 0) {
    if (hasProcedures) for (const f of inputs) ctx.perFile.set(f.name, { procedures });
    return ctx;
  }
  let noHash = false;
  for (const f of inputs) {
    if (ctx.manifests.has(f.name)) continue;
    const sameSize = captures.filter((c) => c.bytes === f.bytes.byteLength);
    if (sameSize.length === 0) {
      if (hasProcedures) ctx.perFile.set(f.name, { procedures });
      continue;
    }
    const h = await sha256(f.bytes);
    let match: (typeof captures)[number] | undefined;
    if (h) match = sameSize.find((c) => c.sha256 === h);
    else {
      // no SHA-256 here (a page not served over https): the byte count and the file's own name, when one capture only fits
      noHash = true;
      const byName = sameSize.filter((c) => c.file && c.file.split('/').pop() === f.name.replace(/ \(\d+\)$/, ''));
      if (byName.length === 1) match = byName[0];
    }
    if (match) {
      ctx.perFile.set(f.name, { capture: match, procedures });
      ctx.manifests.set(match.manifest, (ctx.manifests.get(match.manifest) ?? 0) + 1);
    } else if (hasProcedures) ctx.perFile.set(f.name, { procedures });
  }
  if (noHash) {
    for (const m of ctx.manifests.keys()) ctx.notes.push(warningIssue('manifest_no_hash', m, `Trình duyệt không tính được SHA-256: tệp được ghép với lần lấy theo số byte và tên tệp.`, `SHA-256 is not available here: files were matched to captures by byte count and file name.`, { column: 'captures.sha256' }));
  }
  return ctx;
}
