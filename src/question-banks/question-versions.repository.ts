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

/** How many version contents `findContents` keeps in memory (least recently used go first). */
export const VERSION_CACHE_SIZE = 5000;

/** The cache key of one (question, version) pair. */
export function versionKey(questionId: string, version: number): string {
  return `${questionId}@${version}`;
}

/**
 * Reads immutable question versions for the features that show questions to participants
 * (practice, timed rounds): they record (question, version) and judge against that content.
 */
@Injectable()
export class QuestionVersionsRepository {
  /**
   * Contents by `versionKey`, most recently used last. A version row is never updated, so a
   * content once read stays right; the topic name is not cached (a topic can be renamed).
   */
  private readonly contents = new Map<string, QuestionDraft>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The content of the given (question, version) pairs by `versionKey`, from memory when read
   * before, else in one query. For judging and grading: shared objects, never to be modified.
   */
  async findContents(
    items: readonly { questionId: string; version: number }[],
  ): Promise<Map<string, QuestionDraft>> {
    const found = new Map<string, QuestionDraft>();
    const missing: { questionId: string; version: number }[] = [];
    for (const item of items) {
      const key = versionKey(item.questionId, item.version);
      const cached = this.contents.get(key);
      if (cached) {
        // Refresh its place in the least-recently-used order.
        this.contents.delete(key);
        this.contents.set(key, cached);
        found.set(key, cached);
      } else if (!found.has(key)) missing.push(item);
    }
    if (missing.length === 0) return found;
    const rows = await this.dataSource.query<
      { question_id: string; version: number; content: QuestionDraft }[]
    >(
      `SELECT v.question_id, v.version, v.content
         FROM question_versions v
         JOIN unnest($1::uuid[], $2::int[]) AS wanted(question_id, version)
           ON wanted.question_id = v.question_id AND wanted.version = v.version`,
      [missing.map((i) => i.questionId), missing.map((i) => i.version)],
    );
    for (const r of rows) {
      const key = versionKey(r.question_id, r.version);
      found.set(key, r.content);
      this.contents.delete(key);
      this.contents.set(key, r.content);
    }
    while (this.contents.size > VERSION_CACHE_SIZE) {
      const oldest = this.contents.keys().next();
      if (oldest.done) break;
      this.contents.delete(oldest.value);
    }
    return found;
  }

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
