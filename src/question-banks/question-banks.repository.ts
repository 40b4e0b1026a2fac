import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Audience, Difficulty, QuestionStatus, QuestionType } from './domain/question';
import { QuestionBankEntity } from './entities/question-bank.entity';
import { QuestionVersionEntity } from './entities/question-version.entity';
import { QuestionEntity } from './entities/question.entity';
import { TopicEntity } from './entities/topic.entity';

export interface QuestionSearch {
  bankId: string;
  /** Already normalized (accent-folded, lower-case). */
  text?: string;
  topicId?: string;
  difficulty?: Difficulty;
  audience?: Audience;
  status?: QuestionStatus;
  type?: QuestionType;
  page: number;
  pageSize: number;
}

export interface BankCounts {
  bankId: string;
  questions: number;
  published: number;
}

/** Queries of the question-bank feature. Every method takes an optional transaction manager. */
@Injectable()
export class QuestionBanksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  listBanksByName(): Promise<QuestionBankEntity[]> {
    return this.dataSource.getRepository(QuestionBankEntity).find({ order: { name: 'ASC' } });
  }

  countBanks(): Promise<number> {
    return this.dataSource.getRepository(QuestionBankEntity).count();
  }

  async countQuestionsPerBank(): Promise<BankCounts[]> {
    const rows = await this.dataSource.query<
      { bank_id: string; questions: string; published: string }[]
    >(
      `SELECT bank_id, count(*) AS questions, count(*) FILTER (WHERE status = 'published') AS published
         FROM questions GROUP BY bank_id`,
    );
    return rows.map((r) => ({
      bankId: r.bank_id,
      questions: Number(r.questions),
      published: Number(r.published),
    }));
  }

  findBankById(id: string, manager?: EntityManager): Promise<QuestionBankEntity | null> {
    return this.m(manager).findOne(QuestionBankEntity, { where: { id } });
  }

  findBankByName(name: string, manager?: EntityManager): Promise<QuestionBankEntity | null> {
    return this.m(manager).findOne(QuestionBankEntity, { where: { name } });
  }

  async insertBank(
    values: Partial<QuestionBankEntity>,
    manager?: EntityManager,
  ): Promise<QuestionBankEntity> {
    const repo = this.m(manager).getRepository(QuestionBankEntity);
    return repo.save(repo.create(values));
  }

  async updateBank(
    id: string,
    values: Partial<QuestionBankEntity>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.m(manager).update(QuestionBankEntity, { id }, values);
  }

  async deleteBank(id: string, manager?: EntityManager): Promise<void> {
    await this.m(manager).delete(QuestionBankEntity, { id });
  }

  listTopicsInOrder(bankId: string, manager?: EntityManager): Promise<TopicEntity[]> {
    return this.m(manager).find(TopicEntity, {
      where: { bankId },
      order: { position: 'ASC', name: 'ASC' },
    });
  }

  async insertTopic(values: Partial<TopicEntity>, manager?: EntityManager): Promise<TopicEntity> {
    const repo = this.m(manager).getRepository(TopicEntity);
    return repo.save(repo.create(values));
  }

  async countQuestionsPerTopic(bankId: string): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ topic_id: string; n: string }[]>(
      `SELECT topic_id, count(*) AS n FROM questions WHERE bank_id = $1 GROUP BY topic_id`,
      [bankId],
    );
    return new Map(rows.map((r) => [r.topic_id, Number(r.n)]));
  }

  /** One page of a bank's questions with filters; accent-insensitive text match on search_text. */
  searchQuestions(search: QuestionSearch): Promise<[QuestionEntity[], number]> {
    const qb = this.dataSource
      .getRepository(QuestionEntity)
      .createQueryBuilder('q')
      .where('q.bankId = :bankId', { bankId: search.bankId });
    if (search.text) {
      // The phrase as typed, accents folded on both sides: "thu tuc" finds "thủ tục".
      qb.andWhere(`q.searchText LIKE :phrase`, { phrase: `%${escapeLike(search.text)}%` });
    }
    if (search.topicId) qb.andWhere('q.topicId = :topicId', { topicId: search.topicId });
    if (search.difficulty)
      qb.andWhere('q.difficulty = :difficulty', { difficulty: search.difficulty });
    if (search.audience) qb.andWhere('q.audience = :audience', { audience: search.audience });
    if (search.status) qb.andWhere('q.status = :status', { status: search.status });
    if (search.type) qb.andWhere('q.type = :type', { type: search.type });
    return qb
      .orderBy('q.code', 'ASC', 'NULLS LAST')
      .addOrderBy('q.createdAt', 'ASC')
      .skip((search.page - 1) * search.pageSize)
      .take(search.pageSize)
      .getManyAndCount();
  }

  listQuestionsOfBank(bankId: string): Promise<QuestionEntity[]> {
    return this.dataSource.getRepository(QuestionEntity).find({
      where: { bankId },
      order: { code: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC' },
    });
  }

  findQuestionById(id: string, manager?: EntityManager): Promise<QuestionEntity | null> {
    return this.m(manager).findOne(QuestionEntity, { where: { id } });
  }

  /** Existing questions of a bank whose normalized text is one of these (duplicate detection). */
  findQuestionsByNormalizedTexts(
    bankId: string,
    texts: string[],
    manager?: EntityManager,
  ): Promise<QuestionEntity[]> {
    if (texts.length === 0) return Promise.resolve([]);
    return this.m(manager).find(QuestionEntity, { where: { bankId, normalizedText: In(texts) } });
  }

  async insertQuestion(
    values: Partial<QuestionEntity>,
    manager?: EntityManager,
  ): Promise<QuestionEntity> {
    const repo = this.m(manager).getRepository(QuestionEntity);
    return repo.save(repo.create(values));
  }

  async updateQuestion(
    id: string,
    values: Partial<QuestionEntity>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.m(manager).update(QuestionEntity, { id }, values);
  }

  async deleteQuestion(id: string, manager?: EntityManager): Promise<void> {
    await this.m(manager).delete(QuestionEntity, { id });
  }

  async insertVersion(
    values: Partial<QuestionVersionEntity>,
    manager?: EntityManager,
  ): Promise<void> {
    const repo = this.m(manager).getRepository(QuestionVersionEntity);
    await repo.save(repo.create(values), { reload: false });
  }

  listVersionsNewestFirst(questionId: string): Promise<QuestionVersionEntity[]> {
    return this.dataSource
      .getRepository(QuestionVersionEntity)
      .find({ where: { questionId }, order: { version: 'DESC' } });
  }

  /** Counts for `bank stats`: per topic, difficulty, audience, type, and content completeness. */
  async statsRows(bankId?: string): Promise<
    {
      topic: string;
      difficulty: string;
      audience: string;
      type: string;
      status: string;
      with_explanation: boolean;
      with_source: boolean;
      n: string;
    }[]
  > {
    return this.dataSource.query(
      `SELECT t.name AS topic, q.difficulty, q.audience, q.type, q.status,
              (q.explanation <> '') AS with_explanation, (q.source_document <> '') AS with_source, count(*) AS n
         FROM questions q JOIN topics t ON t.id = q.topic_id
        WHERE ($1::uuid IS NULL OR q.bank_id = $1::uuid)
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [bankId ?? null],
    );
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
