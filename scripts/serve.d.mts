// Types of scripts/serve.mjs for the TypeScript callers (browser tests, benchmark).
import type { Server } from 'node:http';

export interface ServeOptions {
  /** folder to serve; default dist/ of the repo */
  root?: string;
  /** 0 = any free port; default 4173 */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** CSP frame-ancestors value; default env CHISO_FRAME_ANCESTORS or 'self' */
  frameAncestors?: string;
  /** a whole Content-Security-Policy replacing the app's (test host pages only) */
  csp?: string;
  /** compress big files in the background at start; default gzip and br */
  precompress?: boolean | ('br' | 'gzip')[];
  log?: (line: string) => void;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4173/ (trailing slash) */
  url: string;
  port: number;
  close(): Promise<void>;
  server: Server;
}

export function serve(opts?: ServeOptions): Promise<RunningServer>;
export const MIME_TYPES: Record<string, string>;
export function pickEncoding(acceptEncoding?: string): 'br' | 'gzip' | null;
export function resolveSafe(root: string, urlPath: string): string | null;
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null;
/** Compressions run so far (cache misses) and entries kept, across every server of the process. */
export function compressionStats(): { compressions: number; cached: number };
