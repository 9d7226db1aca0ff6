// A package Source over HTTP for the browser: only the app's own origin, relative to the package.
import type { Source } from './package';
import { limitFor, type LimitKind } from './limits';

export class CrossOriginError extends Error {}

/** Resolve `?data=` against the page and refuse anything that leaves the app's origin. */
export function sameOriginUrl(url: string, base: string = location.href): URL {
  const u = new URL(url, base);
  if (u.origin !== new URL(base).origin) throw new CrossOriginError(`chỉ nhận dữ liệu cùng nguồn / same-origin data only: ${u.origin}`);
  return u;
}

export function httpSource(descriptorUrl: string, maxBytes: number): Source {
  const base = sameOriginUrl(descriptorUrl);
  return {
    origin: base.href,
    async read(path: string) {
      const url = path === 'datapackage.json' && base.pathname.endsWith('.json') ? base : sameOriginUrl(path, base.href);
      const res = await fetch(url, { credentials: 'omit', redirect: 'error' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      // The limit of this kind of file, checked before and while downloading: a 300 MB CSV is
      // refused at its header or its first bytes past the limit, not after the whole download.
      const limit = Math.min(maxBytes, limitFor(kindOf(url.pathname)));
      const tooLarge = () => new Error(`> ${Math.round(limit / 1048576)} MB`);
      if (Number(res.headers.get('content-length') ?? 0) > limit) throw tooLarge();
      return readCapped(res, limit, tooLarge);
    },
  };
}

function kindOf(pathname: string): LimitKind {
  const ext = pathname.split('.').pop()?.toLowerCase() ?? '';
  if (ext === 'json') return 'json';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'parquet' || ext === 'arrow' || ext === 'arrows' || ext === 'ipc' || ext === 'duckdb') return 'binary';
  return 'text';
}

async function readCapped(res: Response, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
