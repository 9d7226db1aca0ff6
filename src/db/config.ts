// Settings shared by every DuckDB we open. Extension autoload is off: duckdb-wasm would otherwise fetch
// readers from a third-party host, and chiso makes no request to another origin.
// No BIGINT / DECIMAL casts in the worker: duckdb-wasm applies them to top-level columns only (a nested
// BIGINT comes back as its raw bits typed DOUBLE); src/db/convert.ts turns DuckDB's own types into
// numbers at every depth instead.
export const DB_OPEN_CONFIG = {
  query: { castBigIntToDouble: false, castDecimalToDouble: false },
} as const;

export const DB_SETUP_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
];
