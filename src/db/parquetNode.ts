// Parquet → Arrow IPC row groups in Node (snapshot build, tests), with parquet-wasm's Node build: the
// same decoder as the browser's worker. The footer is read with hyparquet to count the row groups.
import { readParquet } from 'parquet-wasm/node';
import { parquetMetadata } from 'hyparquet';
import type { ParquetDecoder } from './parquetProtocol';

export const nodeParquetDecoder: ParquetDecoder = (file, onGroups) => ({
  async *[Symbol.asyncIterator]() {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    onGroups?.(meta.row_groups.length);
    for (let g = 0; g < meta.row_groups.length; g++) {
      const rows = Number(meta.row_groups[g].num_rows);
      yield readParquet(bytes, { rowGroups: [g], batchSize: Math.max(1, rows) }).intoIPCStream();
    }
  },
});
