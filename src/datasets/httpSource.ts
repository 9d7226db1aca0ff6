// A package Source over HTTP for the browser: only the app's own origin, relative to the package.
import type { Source } from './package';

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
      const length = Number(res.headers.get('content-length') ?? 0);
      if (length > maxBytes) throw new Error(`> ${Math.round(maxBytes / 1048576)} MB`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
