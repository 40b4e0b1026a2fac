import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QuestionDraft } from './domain/question';

/** A question exactly as it was at one version, with the readable name of its topic. */
export interface VersionContent {
  questionId: string;
  version: number;
  content: QuestionDraft;
  topicName: string;
}

/**
 * Reads immutable question versions for the features that show questions to participants
 * (practice, timed rounds): they record (question, version) and judge against that content.
 */
@Injectable()
export class QuestionVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The content of the given (question, version) pairs, in one query. */
  async findVersionContents(
    items: readonly { questionId: string; version: number }[],
    manager?: EntityManager,
  ): Promise<VersionContent[]> {
    if (items.length === 0) return [];
    const rows = await (manager ?? this.dataSource.manager).query<
      { question_id: string; version: number; content: QuestionDraft; topic_name: string }[]
    >(
      `SELECT v.question_id, v.version, v.content, t.name AS topic_name
         FROM question_versions v
         JOIN unnest($1::uuid[], $2::int[]) AS wanted(question_id, version)
           ON wanted.question_id = v.question_id AND wanted.version = v.version
         JOIN questions q ON q.id = v.question_id
         JOIN topics t ON t.id = q.topic_id`,
      [items.map((i) => i.questionId), items.map((i) => i.version)],
    );
    return rows.map((r) => ({
      questionId: r.question_id,
      version: r.version,
      content: r.content,
      topicName: r.topic_name,
    }));
  }
}
