// Arrow results → plain rows, in one place, at any depth. DuckDB gives its own types (config.ts: no
// casts in the worker, which converts only top-level columns and leaves nested BIGINT and DECIMAL values
// as raw bits under a DOUBLE type): 64-bit integers and decimals (HUGEINT sums are DECIMAL(38,0)) become
// JS numbers here, DATE becomes 'YYYY-MM-DD' and TIMESTAMP an ISO string, lists arrays and structs plain
// objects. The coordinator's batches (one statement, each query's rows as a list of structs) rely on the
// nested values coming out exactly as a plain query's columns do.
import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import type { Row } from './types';

type Convert = (v: unknown) => unknown;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const POW10 = Array.from({ length: 39 }, (_, i) => 10 ** i);
const TWO32 = 2 ** 32;

/** A decimal's 32-bit words (little-endian, two's complement) → its value, as DuckDB's cast to DOUBLE
 *  computes it (the integer, then divided by 10^scale). */
function decimalToNumber(words: Uint32Array, scale: number): number {
  const n = words.length;
  let int: number;
  // most values fit in 53 bits: no BigInt
  const high = words[n - 1];
  let small = n >= 2 && words[1] < 0x200000;
  for (let i = 2; small && i < n; i++) small = words[i] === 0;
  if (small) int = words[1] * TWO32 + words[0];
  else {
    let b = 0n;
    for (let i = n - 1; i >= 0; i--) b = (b << 32n) | BigInt(words[i]);
    if (high & 0x80000000) b -= 1n << BigInt(32 * n);
    int = Number(b);
  }
  return scale ? int / POW10[scale] : int;
}

function converter(type: DataType): Convert {
  if (DataType.isDate(type)) return (v) => (v == null ? null : isoDate(Number(v)));
  if (DataType.isTimestamp(type)) return (v) => (v == null ? null : isoTimestamp(Number(v)));
  if (DataType.isInt(type)) return (v) => (v == null ? null : typeof v === 'bigint' ? Number(v) : v);
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return (v) => (v == null ? null : decimalToNumber(v as Uint32Array, scale));
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = type.children[0].type as DataType;
    if (DataType.isStruct(child)) {
      const fields = child.children as Field[];
      return (v) => (v == null ? null : vectorRows(fields, v as Vector));
    }
    const each = converter(child);
    return (v) => (v == null ? null : Array.from(v as Vector, each));
  }
  if (DataType.isStruct(type)) {
    const fields = type.children as Field[];
    const convs = fields.map((f) => converter(f.type));
    return (v) => {
      if (v == null) return null;
      const o: Row = {};
      const s = v as Record<string, unknown>;
      for (let c = 0; c < fields.length; c++) o[fields[c].name] = convs[c](s[fields[c].name]);
      return o;
    };
  }
  return (v) => v ?? null;
}

/** Rows from columns (a table's, or a struct vector's children), column by column. */
function columnRows<T>(fields: Field[], column: (name: string) => Vector | null, n: number): T[] {
  const converters = fields.map((f) => converter(f.type));
  const columns = fields.map((f) => column(f.name));
  const out: T[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = converters[c](columns[c]?.get(r));
    out[r] = row as T;
  }
  return out;
}

/** The rows of a list of structs (one value of a list column). */
function vectorRows(fields: Field[], v: Vector): Row[] {
  return columnRows<Row>(fields, (name) => (v as Vector<never>).getChild(name as never) as Vector | null, v.length);
}

export function tableToRows<T = Row>(table: Table): T[] {
  return columnRows<T>(table.schema.fields, (name) => table.getChild(name), table.numRows);
}
