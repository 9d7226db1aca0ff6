// Documented limits (docs/security.md): files above them are refused before parsing.
export const LIMITS = {
  /** CSV, JSON, XLSX and other text-like files */
  maxTextBytes: 200 * 1024 * 1024,
  /** Parquet and Arrow files (dossier-level data) */
  maxBinaryBytes: 1024 * 1024 * 1024,
  maxColumns: 500,
  /** rows of a canonical table read through the JS validator (dossiers take the bulk path) */
  maxValidatedRows: 2_000_000,
} as const;
