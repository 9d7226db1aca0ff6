// A package Source over the file system, for the summary command and tests. Paths are checked by
// the loader (no "..", no absolute paths) before they get here.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Source } from '../datasets/package';

export function folderSource(dir: string): Source {
  const root = path.resolve(dir);
  return {
    origin: root,
    async read(rel: string) {
      const full = path.resolve(root, rel);
      if (!full.startsWith(root + path.sep)) throw new Error(`outside the package: ${rel}`);
      try {
        return new Uint8Array(await readFile(full));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : String((e as Error).message));
      }
    },
  };
}

/** A source path names a datapackage.json, its folder, or a single file. */
export async function resolveSource(p: string): Promise<{ kind: 'package'; dir: string; descriptor: string } | { kind: 'file'; file: string }> {
  const full = path.resolve(p);
  const s = await stat(full);
  if (s.isDirectory()) return { kind: 'package', dir: full, descriptor: 'datapackage.json' };
  if (path.basename(full) === 'datapackage.json') return { kind: 'package', dir: path.dirname(full), descriptor: 'datapackage.json' };
  return { kind: 'file', file: full };
}
