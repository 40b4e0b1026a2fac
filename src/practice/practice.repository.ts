import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QuestionDraft } from '../question-banks/domain/question';
import { PracticeAnswerEntity } from './entities/practice-answer.entity';
import { PracticeItem, PracticeSessionEntity } from './entities/practice-session.entity';

/** An answer as stored; `inserted` when this request stored it (not an earlier one). */
export interface StoredPracticeAnswer {
  chosen: number[];
  correct: boolean;
  inserted: boolean;
}

export interface PracticeTopicRow {
  id: string;
  code: string;
  name: string;
  bankName: string;
  questions: number;
}

/** Only published questions with `practice` set, in banks opened for public practice. */
const PRACTICE_POOL = `
  FROM questions q
  JOIN question_banks b ON b.id = q.bank_id
 WHERE b.practice_enabled AND q.practice AND q.status = 'published'`;

@Injectable()
export class PracticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listPracticeTopics(): Promise<PracticeTopicRow[]> {
    const rows = await this.dataSource.query<
      { id: string; code: string; name: string; bank_name: string; n: string }[]
    >(
      `SELECT t.id, t.code, t.name, b.name AS bank_name, count(*) AS n
         FROM questions q
         JOIN question_banks b ON b.id = q.bank_id
         JOIN topics t ON t.id = q.topic_id
        WHERE b.practice_enabled AND q.practice AND q.status = 'published'
        GROUP BY t.id, t.code, t.name, t.position, b.name
        ORDER BY b.name, t.position, t.name`,
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      bankName: r.bank_name,
      questions: Number(r.n),
    }));
  }

  /** Candidates (id, topic, current version) from the practice pool, optionally limited to topics or question ids. */
  async findPracticeCandidates(filter: {
    topicIds?: string[];
    questionIds?: string[];
  }): Promise<{ id: string; topicId: string; version: number }[]> {
    const params: unknown[] = [];
    let sql = `SELECT q.id, q.topic_id, q.version ${PRACTICE_POOL}`;
    if (filter.topicIds?.length) {
      params.push(filter.topicIds);
      sql += ` AND q.topic_id = ANY($${params.length}::uuid[])`;
    }
    if (filter.questionIds) {
      params.push(filter.questionIds);
      sql += ` AND q.id = ANY($${params.length}::uuid[])`;
    }
    const rows = await this.dataSource.query<{ id: string; topic_id: string; version: number }[]>(
      sql,
      params,
    );
    return rows.map((r) => ({ id: r.id, topicId: r.topic_id, version: r.version }));
  }

  async insertSession(values: {
    tokenHash: Buffer;
    mode: PracticeSessionEntity['mode'];
    topicIds: string[];
    items: PracticeItem[];
  }): Promise<PracticeSessionEntity> {
    const repo = this.dataSource.getRepository(PracticeSessionEntity);
    return repo.save(repo.create(values));
  }

  /** The session if the token matches; one indexed lookup by primary key. */
  async findSessionWithToken(
    id: string,
    tokenHash: Buffer,
    manager?: EntityManager,
  ): Promise<PracticeSessionEntity | null> {
    const session = await (manager ?? this.dataSource.manager)
      .getRepository(PracticeSessionEntity)
      .createQueryBuilder('s')
      .addSelect('s.tokenHash')
      .where('s.id = :id', { id })
      .getOne();
    if (!session || !session.tokenHash.equals(tokenHash)) return null;
    return session;
  }

  listAnswers(sessionId: string, manager?: EntityManager): Promise<PracticeAnswerEntity[]> {
    return (manager ?? this.dataSource.manager).find(PracticeAnswerEntity, {
      where: { sessionId },
      order: { position: 'ASC' },
    });
  }

  /**
   * The whole answer in one statement (one round trip; a PL/pgSQL function, migration
   * 1764260000000, so PostgreSQL keeps the plan): finds the session (checked
   * against its token), the drawn item at `position` and that item's immutable question content;
   * when the choice fits that question (`count` ≥ 1 options, only one unless the question is
   * "multiple", the highest below the number of options), inserts the answer, judged against the
   * key, unless the position was answered already; and returns the stored answer either way (the
   * CTE's snapshot sees only rows from before the insert). A refusal inserts nothing: no row when
   * the session or token is wrong; `item`/`content` null for a bad position; `stored` null when
   * the choice does not fit (the caller tells which from the content it gets back) or, rarely,
   * when a concurrent request for the same position inserted first (see `findAnswer`).
   *
   * The caller passes `chosen` distinct and ascending, with `count` and `highest` of it (0 and 0
   * when it is empty or holds a value that is no index, `isPgIndex`, so nothing is inserted); the
   * judgement compares it with the key made distinct and ascending, like `isCorrectChoice`.
   */
  async answerOnce(values: {
    sessionId: string;
    tokenHash: Buffer;
    position: number;
    chosen: number[];
    count: number;
    highest: number;
    answeredAt: Date;
  }): Promise<
    | { found: false }
    | {
        found: true;
        itemCount: number;
        item: PracticeItem | null;
        content: QuestionDraft | null;
        stored: StoredPracticeAnswer | null;
      }
  > {
    const rows = await this.dataSource.query<
      {
        item_count: number;
        item: PracticeItem | null;
        content: QuestionDraft | null;
        chosen: number[] | null;
        correct: boolean | null;
        inserted: boolean;
      }[]
    >(
      `SELECT * FROM practice_answer_once($1::uuid, $2::bytea, $3::int, $4::jsonb, $5::int, $6::int, $7::timestamptz)`,
      [
        values.sessionId,
        values.tokenHash,
        values.position,
        JSON.stringify(values.chosen),
        values.count,
        values.highest,
        values.answeredAt,
      ],
    );
    const row = rows.at(0);
    if (!row) return { found: false };
    return {
      found: true,
      itemCount: row.item_count,
      item: row.item,
      content: row.content,
      stored:
        row.chosen !== null && row.correct !== null
          ? { chosen: row.chosen, correct: row.correct, inserted: row.inserted }
          : null,
    };
  }

  /**
   * The stored answer at a position, read in a statement of its own: after `answerOnce` found
   * its insert in conflict with a request for the same position that committed meanwhile (its
   * snapshot predates that row; this one sees it).
   */
  async findAnswer(sessionId: string, position: number): Promise<StoredPracticeAnswer | null> {
    const rows = await this.dataSource.query<{ chosen: number[]; correct: boolean }[]>(
      `SELECT chosen, correct FROM practice_answers WHERE session_id = $1 AND position = $2`,
      [sessionId, position],
    );
    const row = rows.at(0);
    return row ? { chosen: row.chosen, correct: row.correct, inserted: false } : null;
  }

  /** Marks the session finished once every drawn question has an answer. */
  async markFinishedIfComplete(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE practice_sessions s SET finished_at = $2
        WHERE s.id = $1 AND s.finished_at IS NULL
          AND (SELECT count(*) FROM practice_answers a WHERE a.session_id = s.id) = jsonb_array_length(s.items)`,
      [id, at],
    );
  }

  // ---- statistics for organizers -------------------------------------------------------------

  async dailyActivity(
    from: Date,
    to: Date,
  ): Promise<{ day: string; sessions: number; answers: number; correct: number }[]> {
    const rows = await this.dataSource.query<
      { day: string; sessions: string; answers: string; correct: string }[]
    >(
      `WITH days AS (
         SELECT (s.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*) AS sessions, 0 AS answers, 0 AS correct
           FROM practice_sessions s WHERE s.created_at >= $1 AND s.created_at < $2 GROUP BY 1
         UNION ALL
         SELECT (a.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, count(*), count(*) FILTER (WHERE a.correct)
           FROM practice_answers a WHERE a.answered_at >= $1 AND a.answered_at < $2 GROUP BY 1
       )
       SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(sessions) AS sessions, sum(answers) AS answers, sum(correct) AS correct
         FROM days GROUP BY day ORDER BY day`,
      [from, to],
    );
    return rows.map((r) => ({
      day: r.day,
      sessions: Number(r.sessions),
      answers: Number(r.answers),
      correct: Number(r.correct),
    }));
  }

  async topicActivity(
    from: Date,
    to: Date,
  ): Promise<{ topicId: string; topic: string; answers: number; correct: number }[]> {
    const rows = await this.dataSource.query<
      { topic_id: string; topic: string; answers: string; correct: string }[]
    >(
      `SELECT a.topic_id, t.name AS topic, count(*) AS answers, count(*) FILTER (WHERE a.correct) AS correct
         FROM practice_answers a JOIN topics t ON t.id = a.topic_id
        WHERE a.answered_at >= $1 AND a.answered_at < $2
        GROUP BY a.topic_id, t.name ORDER BY count(*) DESC`,
      [from, to],
    );
    return rows.map((r) => ({
      topicId: r.topic_id,
      topic: r.topic,
      answers: Number(r.answers),
      correct: Number(r.correct),
    }));
  }

  /** Questions answered wrongly most often (at least `minAnswers` answers), worst first. */
  async mostMissed(
    from: Date,
    to: Date,
    limit: number,
    minAnswers: number,
  ): Promise<
    {
      questionId: string;
      code: string | null;
      text: string;
      topic: string;
      answers: number;
      wrong: number;
    }[]
  > {
    const rows = await this.dataSource.query<
      {
        question_id: string;
        code: string | null;
        text: string;
        topic: string;
        answers: string;
        wrong: string;
      }[]
    >(
      `SELECT a.question_id, q.code, q.text, t.name AS topic, count(*) AS answers, count(*) FILTER (WHERE NOT a.correct) AS wrong
         FROM practice_answers a
         JOIN questions q ON q.id = a.question_id
         JOIN topics t ON t.id = q.topic_id
        WHERE a.answered_at >= $1 AND a.answered_at < $2
        GROUP BY a.question_id, q.code, q.text, t.name
       HAVING count(*) >= $4 AND count(*) FILTER (WHERE NOT a.correct) > 0
        ORDER BY count(*) FILTER (WHERE NOT a.correct) DESC,
                 count(*) FILTER (WHERE NOT a.correct)::float / count(*) DESC,
                 q.code NULLS LAST
        LIMIT $3`,
      [from, to, limit, minAnswers],
    );
    return rows.map((r) => ({
      questionId: r.question_id,
      code: r.code,
      text: r.text,
      topic: r.topic,
      answers: Number(r.answers),
      wrong: Number(r.wrong),
    }));
  }
}
