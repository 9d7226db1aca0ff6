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

/** A decimal's 32-bit words (little-endian, two's complement) from `at` → its value, as DuckDB's cast
 *  to DOUBLE computes it (the integer, then divided by 10^scale). */
function decimalToNumber(words: Uint32Array, scale: number, at = 0, n = words.length - at): number {
  let int: number;
  // most values fit in 53 bits: no BigInt
  const high = words[at + n - 1];
  let small = n >= 2 && words[at + 1] < 0x200000;
  for (let i = 2; small && i < n; i++) small = words[at + i] === 0;
  if (small) int = words[at + 1] * TWO32 + words[at];
  else {
    let b = 0n;
    for (let i = n - 1; i >= 0; i--) b = (b << 32n) | BigInt(words[at + i]);
    if (high & 0x80000000) b -= 1n << BigInt(32 * n);
    int = Number(b);
  }
  return scale ? int / POW10[scale] : int;
}

/** A column's values read from its buffers, chunk by chunk (Vector.get looks the chunk up and, for a
 *  decimal, makes an object for every value): numbers as JS numbers, nulls as null. */
function numberColumn(v: Vector, value: (values: ArrayLike<unknown>, i: number, stride: number) => number): (number | null)[] {
  const out: (number | null)[] = new Array(v.length);
  let k = 0;
  for (const d of v.data) {
    const values = d.values as ArrayLike<unknown>;
    const stride = d.stride;
    const all = d.nullCount === 0;
    for (let i = 0; i < d.length; i++, k++) out[k] = all || d.getValid(i) ? value(values, i, stride) : null;
  }
  return out;
}

/** Readers of the number columns that need no conversion but JS numbers (null for other types). */
function numberReader(type: DataType): ((values: ArrayLike<unknown>, i: number, stride: number) => number) | null {
  if (DataType.isDecimal(type)) { const scale = type.scale; return (values, i, stride) => decimalToNumber(values as Uint32Array, scale, i * stride, stride); }
  if (DataType.isFloat(type) && type.precision !== 0) return (values, i) => values[i] as number;
  if (DataType.isInt(type)) return type.bitWidth === 64 ? (values, i) => Number(values[i] as bigint) : (values, i) => values[i] as number;
  return null;
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
  const read = fields.map((f): ((r: number) => unknown) => {
    const v = column(f.name);
    if (!v) return () => null;
    const number = numberReader(f.type);
    if (number) { const values = numberColumn(v, number); return (r) => values[r]; }
    const convert = converter(f.type);
    return (r) => convert(v.get(r));
  });
  const out: T[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = read[c](r);
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
