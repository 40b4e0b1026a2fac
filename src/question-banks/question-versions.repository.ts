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

/** How many questions `findContents` keeps the versions of in memory (least recently used go first). */
export const VERSION_CACHE_SIZE = 5000;

/**
 * Version contents by question id, then version: a lookup without building a string key per
 * item (a deadline grades thousands of attempts of a dozen questions each at once, and
 * `${questionId}@${version}` keys were a large share of the grading's time).
 */
export class VersionContents {
  private readonly byQuestion = new Map<string, Map<number, QuestionDraft>>();

  get(questionId: string, version: number): QuestionDraft | undefined {
    return this.byQuestion.get(questionId)?.get(version);
  }

  has(questionId: string, version: number): boolean {
    return this.byQuestion.get(questionId)?.has(version) ?? false;
  }

  set(questionId: string, version: number, content: QuestionDraft): void {
    const versions = this.byQuestion.get(questionId);
    if (versions) versions.set(version, content);
    else this.byQuestion.set(questionId, new Map([[version, content]]));
  }

  /** The versions kept of one question (shared, not to be modified). */
  versionsOf(questionId: string): ReadonlyMap<number, QuestionDraft> | undefined {
    return this.byQuestion.get(questionId);
  }

  /** How many (question, version) pairs it holds. */
  get size(): number {
    let n = 0;
    for (const versions of this.byQuestion.values()) n += versions.size;
    return n;
  }
}

/**
 * Reads immutable question versions for the features that show questions to participants
 * (practice, timed rounds): they record (question, version) and judge against that content.
 */
@Injectable()
export class QuestionVersionsRepository {
  /**
   * Contents by question, then version; questions most recently used last. A version row is
   * never updated, so a content once read stays right; the topic name is not cached (a topic
   * can be renamed).
   */
  private readonly contents = new Map<string, Map<number, QuestionDraft>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The content of the given (question, version) pairs, from memory when read before, else in
   * one query. For judging and grading: shared objects, never to be modified.
   */
  async findContents(
    items: readonly { questionId: string; version: number }[],
  ): Promise<VersionContents> {
    const found = new VersionContents();
    const missing: { questionId: string; version: number }[] = [];
    const asked = new Map<string, Set<number>>();
    for (const item of items) {
      if (found.has(item.questionId, item.version)) continue;
      const versions = this.contents.get(item.questionId);
      const cached = versions?.get(item.version);
      if (versions && cached) {
        if (!found.versionsOf(item.questionId)) {
          // Refresh the question's place in the least-recently-used order (once per call).
          this.contents.delete(item.questionId);
          this.contents.set(item.questionId, versions);
        }
        found.set(item.questionId, item.version, cached);
      } else {
        const versionsAsked = asked.get(item.questionId);
        if (!versionsAsked) asked.set(item.questionId, new Set([item.version]));
        else if (!versionsAsked.has(item.version)) versionsAsked.add(item.version);
        else continue;
        missing.push(item);
      }
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
      found.set(r.question_id, r.version, r.content);
      const versions = this.contents.get(r.question_id) ?? new Map<number, QuestionDraft>();
      versions.set(r.version, r.content);
      this.contents.delete(r.question_id);
      this.contents.set(r.question_id, versions);
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
