// Settings shared by every DuckDB we open. Extension autoload is off: duckdb-wasm would otherwise fetch
// readers from a third-party host, and chiso makes no request to another origin.
export const DB_OPEN_CONFIG = {
  query: { castBigIntToDouble: true, castDecimalToDouble: true },
} as const;

export const DB_SETUP_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
];
