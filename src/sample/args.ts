// Tiny "--name value" / "--name=value" parser for the generator commands (no dependency needed).
export function parseArgs(argv: string[], known: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`Tham số lạ / unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.includes(name)) throw new Error(`Tùy chọn lạ / unknown option --${name} (known: ${known.map((k) => '--' + k).join(', ')})`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`Thiếu giá trị cho --${name} / missing value for --${name}`);
    out[name] = value;
  }
  return out;
}
