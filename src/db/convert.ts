// Arrow results → plain rows, in one place. DuckDB is opened with castBigIntToDouble and
// castDecimalToDouble, so numbers arrive as JS numbers; DATE arrives as epoch milliseconds and
// TIMESTAMP as epoch milliseconds: both become ISO strings here (dates 'YYYY-MM-DD').
import { Type, type Table } from 'apache-arrow';
import type { Row } from './types';

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function tableToRows<T = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const converters = fields.map((f) => {
    const id = f.type.typeId;
    if (id === Type.Date || id === Type.DateDay || id === Type.DateMillisecond) {
      return (v: unknown) => (v == null ? null : isoDate(Number(v)));
    }
    if (id === Type.Timestamp || id === Type.TimestampMillisecond || id === Type.TimestampMicrosecond ||
        id === Type.TimestampSecond || id === Type.TimestampNanosecond) {
      return (v: unknown) => (v == null ? null : isoTimestamp(Number(v)));
    }
    if (id === Type.Int || id === Type.Int64) {
      return (v: unknown) => (v == null ? null : typeof v === 'bigint' ? Number(v) : v);
    }
    return (v: unknown) => v ?? null;
  });
  const columns = fields.map((f) => table.getChild(f.name));
  const out: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      row[fields[c].name] = converters[c](columns[c]?.get(r));
    }
    out[r] = row as T;
  }
  return out;
}
