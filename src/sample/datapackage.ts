// datapackage.json of a generated package (Frictionless Data Package style, data contract §1).
import { TABLES, type ColumnType } from '../datasets/contract';
import type { TableName } from '../datasets/types';
import type { SampleSpec } from './spec';

/** Frictionless field types for the contract's column types. */
const FRICTIONLESS_TYPE: Record<ColumnType, string> = {
  string: 'string', integer: 'integer', number: 'number', date: 'date', timestamp: 'datetime', boolean: 'boolean',
};

export interface PackageResource {
  name: TableName;
  path: string;
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  schema: { fields: { name: string; type: string }[] };
}

export function resource(table: TableName): PackageResource {
  return {
    name: table,
    path: `${table}.csv`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    schema: { fields: TABLES[table].columns.map((c) => ({ name: c.name, type: FRICTIONLESS_TYPE[c.type] })) },
  };
}

export function buildDatapackage(spec: SampleSpec, tables: TableName[]): Record<string, unknown> {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    version: '1.0.0',
    created: spec.created,
    keywords: ['dữ liệu mẫu', 'sample', 'TTHC', '766', 'Biểu 06'],
    resources: tables.map(resource),
    sources: [
      {
        title: `Sinh tự động bởi chiso (src/cli/generate-sample.ts, hạt giống ${spec.seed}); số liệu mô phỏng, không phải số liệu thật`,
        path: 'data/README.md',
      },
    ],
    licenses: [{ name: 'CC0-1.0', title: 'Creative Commons Zero v1.0 Universal', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
  };
}
