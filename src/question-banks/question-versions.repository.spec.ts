import type { DataSource } from 'typeorm';
import { QuestionVersionsRepository, VERSION_CACHE_SIZE } from './question-versions.repository';

const draft = (text: string) => ({
  type: 'single',
  text,
  options: ['A', 'B'],
  correct: [0],
  difficulty: 'easy',
});

/** A data source answering the contents query for whatever (question, version) pairs it asks. */
function setup() {
  const query = jest.fn((_sql: string, [ids, versions]: [string[], number[]]) =>
    Promise.resolve(
      ids.map((id, i) => ({
        question_id: id,
        version: versions[i],
        content: draft(`${id} v${versions[i]}`),
      })),
    ),
  );
  const repo = new QuestionVersionsRepository({ query } as unknown as DataSource);
  return { query, repo };
}

describe('QuestionVersionsRepository.findContents (versions are immutable: cached)', () => {
  it('reads a version once, then serves it from memory; only the missing ones are queried', async () => {
    const { query, repo } = setup();
    const first = await repo.findContents([
      { questionId: 'q1', version: 1 },
      { questionId: 'q2', version: 3 },
    ]);
    expect(first.get('q1', 1)).toMatchObject({ text: 'q1 v1' });
    expect(query).toHaveBeenCalledTimes(1);

    const again = await repo.findContents([
      { questionId: 'q2', version: 3 },
      { questionId: 'q1', version: 1 },
    ]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(again.get('q2', 3)).toBe(first.get('q2', 3));

    // A new version of q1 is another key: read from the database, the old one untouched.
    const mixed = await repo.findContents([
      { questionId: 'q1', version: 2 },
      { questionId: 'q1', version: 1 },
    ]);
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls.at(1)?.at(1)).toEqual([['q1'], [2]]);
    expect(mixed.get('q1', 2)).toMatchObject({ text: 'q1 v2' });
    expect(mixed.get('q1', 1)).toMatchObject({ text: 'q1 v1' });
  });

  it('asks each missing (question, version) once, however often a batch holds it', async () => {
    const { query, repo } = setup();
    const items = [1, 2, 1, 1, 2].map((version) => ({ questionId: 'q1', version }));
    const found = await repo.findContents([...items, { questionId: 'q2', version: 1 }, ...items]);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][1]).toEqual([
      ['q1', 'q1', 'q2'],
      [1, 2, 1],
    ]);
    expect(found.size).toBe(3);
    expect(found.get('q1', 2)).toMatchObject({ text: 'q1 v2' });
    expect(found.get('q2', 2)).toBeUndefined();
  });

  it('asks nothing for no items and returns no entry for a version that does not exist', async () => {
    const { query, repo } = setup();
    expect((await repo.findContents([])).size).toBe(0);
    expect(query).not.toHaveBeenCalled();
    query.mockResolvedValueOnce([]);
    const none = await repo.findContents([{ questionId: 'gone', version: 1 }]);
    expect(none.size).toBe(0);
    // Not cached as missing either: asked again next time.
    await repo.findContents([{ questionId: 'gone', version: 1 }]);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('keeps the versions of at most VERSION_CACHE_SIZE questions, dropping the least recently used', async () => {
    const { query, repo } = setup();
    const item = (i: number) => ({ questionId: `q${i}`, version: 1 });
    await repo.findContents([item(0)]);
    await repo.findContents(Array.from({ length: VERSION_CACHE_SIZE - 1 }, (_, i) => item(i + 1)));
    // q0 used again: now the most recent. One more version pushes out the oldest, q1.
    await repo.findContents([item(0)]);
    await repo.findContents([item(VERSION_CACHE_SIZE)]);
    expect(query).toHaveBeenCalledTimes(3);
    await repo.findContents([item(0), item(2), item(VERSION_CACHE_SIZE)]);
    expect(query).toHaveBeenCalledTimes(3);
    await repo.findContents([item(1)]);
    expect(query).toHaveBeenCalledTimes(4);
  });
});
