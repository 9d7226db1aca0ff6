// Starts the servers the browser tests use, once for the whole run, and hands their URLs to the tests
// with vitest's provide/inject (see test/e2e/harness.ts: appUrl(), hostUrl(), strictAppUrl()).
//
// - app:    dist/ with frame-ancestors 'self' plus the host's origin, so the embed tests can frame it;
// - strict: the same dist/ with the default frame-ancestors 'self' (what a deployment sends by default),
//           so a test can check that a foreign page cannot frame the app;
// - host:   test/e2e/host/, a stand-in for a third-party site that embeds the app in an iframe.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serve } from '../../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the built app, e.g. http://127.0.0.1:41234/ (trailing slash) */
    appUrl: string;
    /** the same build served with the default frame-ancestors 'self' */
    strictAppUrl: string;
    /** the third-party host page's folder, e.g. http://127.0.0.1:41235/ */
    hostUrl: string;
    /** absolute path of the served dist/ */
    distDir: string;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const distDir = process.env.CHISO_E2E_DIST ? path.resolve(process.env.CHISO_E2E_DIST) : path.join(repoRoot, 'dist');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `browser tests: ${distDir}/index.html is absent. Build the site first (\`npx vite build\`, or run the whole \`npm test\`).`,
    );
  }
  const hostDir = path.join(repoRoot, 'test', 'e2e', 'host');

  // The host is a foreign site: its own CSP lets it frame any loopback origin (the app's port is not known yet).
  const host = await serve({
    root: hostDir,
    port: 0,
    precompress: false,
    csp: "default-src 'self'; frame-src http://127.0.0.1:*; object-src 'none'; base-uri 'none'",
  });
  const hostOrigin = new URL(host.url).origin;
  const app = await serve({ root: distDir, port: 0, frameAncestors: `'self' ${hostOrigin}` });
  const strict = await serve({ root: distDir, port: 0, frameAncestors: "'self'", precompress: false });

  project.provide('appUrl', app.url);
  project.provide('strictAppUrl', strict.url);
  project.provide('hostUrl', host.url);
  project.provide('distDir', distDir);

  return async () => {
    await Promise.all([app.close(), strict.close(), host.close()]);
  };
}
