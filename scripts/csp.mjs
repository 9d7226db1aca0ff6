// The one Content Security Policy of the built site: used by vite.config.ts (meta tag) and by
// scripts/serve.mjs (HTTP header, which alone can carry frame-ancestors).
// 'wasm-unsafe-eval' lets DuckDB compile its WebAssembly; there is no 'unsafe-eval' and no inline script.
// Inline *styles* stay allowed: ECharts and Vue set style attributes at run time.

/** @param {{ frameAncestors?: string, meta?: boolean }} [opts] */
export function contentSecurityPolicy(opts = {}) {
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "manifest-src 'self'",
  ];
  // frame-ancestors is ignored in a <meta> policy; only the header may carry it.
  if (!opts.meta) directives.push(`frame-ancestors ${opts.frameAncestors ?? "'self'"}`);
  return directives.join('; ');
}
