import { Client } from 'pg';
import { RoundEntity } from '../../src/rounds/entities/round.entity';
import { RoundsRepository } from '../../src/rounds/rounds.repository';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * `RoundsRepository.findRound` reads a round with one plain statement and hydrates it by the
 * entity's column metadata: it must give exactly the entity TypeORM's `findOneBy` gives, with
 * every column set (numeric, dates, JSON) and with the nullable ones null.
 */
describe('RoundsRepository.findRound', () => {
  let t: TestApp;
  let repo: RoundsRepository;
  let dataSource: DataSource;
  let roundId: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_SAMPLE_DATA: 'true' });
    repo = t.app.get(RoundsRepository);
    dataSource = t.app.get(DataSource);
    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    try {
      roundId = (await db.query<{ id: string }>('SELECT id FROM rounds LIMIT 1')).rows[0].id;
    } finally {
      await db.end();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the entity findOneBy gives, nullable columns null or set', async () => {
    const before = await repo.findRound(roundId);
    expect(before).toBeInstanceOf(RoundEntity);
    expect(before).toEqual(await dataSource.manager.findOneBy(RoundEntity, { id: roundId }));
    expect(before).toMatchObject({ id: roundId, trueValue: null, closedAt: null });
    expect(before?.opensAt).toBeInstanceOf(Date);

    await dataSource.query(
      `UPDATE rounds SET true_value = 12.5, closed_at = now(), results_published_at = now(),
              status = 'results_published' WHERE id = $1`,
      [roundId],
    );
    const after = await repo.findRound(roundId);
    expect(after).toEqual(await dataSource.manager.findOneBy(RoundEntity, { id: roundId }));
    expect(after?.closedAt).toBeInstanceOf(Date);
    expect(after?.status).toBe('results_published');
    expect(Object.keys(after ?? {}).sort()).toEqual(
      dataSource
        .getMetadata(RoundEntity)
        .columns.map((c) => c.propertyName)
        .sort(),
    );
  });

  it('gives null for a round that does not exist', async () => {
    await expect(repo.findRound('00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
  });
});
