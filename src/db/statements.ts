// Prepared statements kept by SQL text: the cube's statements take far longer to parse, bind and plan
// than to run (hundreds of milliseconds against a few), and a view asks the same text with new
// parameters on every filter change. Prepared statements cannot be cancelled once sent (duckdb-wasm
// cancels only conn.send text queries): superseded queries are dropped before they are sent instead
// (src/coordinator/). Every write (exec, inserts, files) forgets the statements, so none outlives the
// tables it was planned against.

export interface Statement<R> {
  query(...params: unknown[]): R;
  close(): unknown;
}

export class StatementCache<R> {
  private map = new Map<string, Promise<Statement<R>>>();
  constructor(private prepare: (sql: string) => Promise<Statement<R>> | Statement<R>, private limit = 64) {}

  async get(sql: string): Promise<Statement<R>> {
    let s = this.map.get(sql);
    if (s) {
      this.map.delete(sql); // most recently used last
      this.map.set(sql, s);
      return s;
    }
    s = Promise.resolve(this.prepare(sql));
    this.map.set(sql, s);
    s.catch(() => this.map.delete(sql));
    if (this.map.size > this.limit) {
      const [oldest, st] = this.map.entries().next().value!;
      this.map.delete(oldest);
      void st.then((x) => x.close()).catch(() => {});
    }
    return s;
  }

  async clear(): Promise<void> {
    const all = [...this.map.values()];
    this.map.clear();
    await Promise.all(all.map((p) => p.then((x) => x.close()).catch(() => {})));
  }
}
