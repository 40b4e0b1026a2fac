import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Concurrent transactions and plain parameterised queries through the app's own pool must not
 * interfere. On the embedded server this guards against pglite-socket interleaving the protocol
 * messages of different connections (one PGlite session underneath), which surfaced as
 * `portal "" does not exist`; on PostgreSQL it is an ordinary concurrency check.
 */
describe('the database under concurrent transactions and queries', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function inTransaction(db: DataSource, i: number): Promise<string | undefined> {
    return db.transaction(async (m) => {
      await m.query('INSERT INTO concurrency_probe (id, note) VALUES ($1, $2)', [i, `t${i}`]);
      const rows = await m.query<{ note: string }[]>(
        'SELECT note FROM concurrency_probe WHERE id = $1',
        [i],
      );
      return rows[0]?.note;
    });
  }

  async function plain(db: DataSource, i: number): Promise<string> {
    const rows = await db.query<{ n: number }[]>(
      'SELECT $1::int + 1 AS n, $2::text || $3::text AS s',
      [i, 'a', 'b'],
    );
    return String(rows[0]?.n);
  }

  it('runs rounds of 40 mixed transactions and queries at once without an error', async () => {
    const db = t.app.get(DataSource);
    await db.query('CREATE TABLE concurrency_probe (id int PRIMARY KEY, note text NOT NULL)');
    for (let round = 0; round < 5; round++) {
      const ids = Array.from({ length: 40 }, (_, k) => round * 100 + k);
      const results = await Promise.all(
        ids.map((i) => (i % 2 === 0 ? inTransaction(db, i) : plain(db, i))),
      );
      results.forEach((value, k) => {
        const i = ids[k];
        expect(value).toBe(i % 2 === 0 ? `t${i}` : String(i + 1));
      });
    }
    const count = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM concurrency_probe');
    expect(Number(count[0].n)).toBe(100);
  });
});
