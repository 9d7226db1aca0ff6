// Where generated dossier chunks go: a Parquet file (one row group per chunk, streamed to disk) and/or a
// CSV file (ISO timestamps). Both follow the column order of TABLES.dossiers.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { TABLES, type ColumnSpec } from '../datasets/contract';
import { DAY_MS } from './calendar';
import type { DossierChunk } from './dossiers';
import { csvCell } from './writeCsv';

const COLUMNS = TABLES.dossiers.columns;

export interface DossierSink {
  write(chunk: DossierChunk): void;
  close(): void;
}

/**
 * Parquet types: strings UTF8, integers INT32, timestamps INT64 milliseconds marked as local wall time
 * (isAdjustedToUTC false), so DuckDB reads them as TIMESTAMP, not strings and not TIMESTAMPTZ.
 */
function schemaElement(c: ColumnSpec): SchemaElement {
  const repetition_type = c.required ? 'REQUIRED' : 'OPTIONAL';
  switch (c.type) {
    case 'string':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
    case 'integer':
      return { name: c.name, type: 'INT32', repetition_type };
    case 'number':
      return { name: c.name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name: c.name, type: 'BOOLEAN', repetition_type };
    case 'timestamp':
      return { name: c.name, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' }, repetition_type };
    case 'date':
      return { name: c.name, type: 'INT32', converted_type: 'DATE', repetition_type };
  }
}

export function dossierParquetSchema(): SchemaElement[] {
  return [{ name: 'root', num_children: COLUMNS.length }, ...COLUMNS.map(schemaElement)];
}

export function parquetSink(path: string, kvMetadata: { key: string; value: string }[] = []): DossierSink {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: dossierParquetSchema(),
    codec: 'SNAPPY',
    kvMetadata,
    createdBy: 'chiso generate-dossiers',
  });
  return {
    write(chunk) {
      if (!chunk.length) return;
      const columnData = COLUMNS.map((c) => ({
        name: c.name,
        data: chunk[c.name as keyof DossierChunk] as unknown[],
        // min/max of random ids prune nothing and cost a string comparison per row
        ...(c.name === 'dossier_id' ? { statistics: false } : {}),
      }));
      // one row group per chunk: memory stays bounded by the chunk size
      const pending = writer.write({ columnData: columnData as never, rowGroupSize: chunk.length });
      if (pending) throw new Error('unexpected asynchronous parquet writer');
    },
    close() {
      writer.finish();
    },
  };
}

/** 'YYYY-MM-DDTHH:MM:SS' of a wall-clock millisecond value (no offset: Vietnam local time). */
export function isoTimestamp(ms: number, dayCache: Map<number, string> = new Map()): string {
  const day = Math.floor(ms / DAY_MS);
  let d = dayCache.get(day);
  if (d === undefined) {
    d = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, d);
  }
  let s = Math.floor((ms - day * DAY_MS) / 1000);
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const mm = Math.floor(s / 60);
  s -= mm * 60;
  const p = (x: number) => (x < 10 ? '0' + x : String(x));
  return `${d}T${p(hh)}:${p(mm)}:${p(s)}`;
}

export function csvSink(path: string): DossierSink {
  const fd = openSync(path, 'w');
  const dayCache = new Map<number, string>();
  writeSync(fd, COLUMNS.map((c) => c.name).join(',') + '\n');
  return {
    write(chunk) {
      const lines: string[] = new Array(chunk.length);
      for (let i = 0; i < chunk.length; i++) {
        const cells: string[] = new Array(COLUMNS.length);
        for (let j = 0; j < COLUMNS.length; j++) {
          const col = COLUMNS[j];
          const v = (chunk[col.name as keyof DossierChunk] as unknown[])[i] as string | number | boolean | null;
          cells[j] = col.type === 'timestamp' && v !== null ? isoTimestamp(v as number, dayCache) : csvCell(v);
        }
        lines[i] = cells.join(',');
      }
      writeSync(fd, lines.join('\n') + '\n');
    },
    close() {
      closeSync(fd);
    },
  };
}
