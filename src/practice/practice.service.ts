import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateSessionToken, hashSessionToken } from '../auth/passwords';
import { Clock, CLOCK } from '../common/clock/clock';
import type {
  PracticeFeedback,
  PracticeMode,
  PracticeQuestion,
  PracticeSessionCreated,
  PracticeSessionView,
  PracticeStats,
  PracticeSummary,
  PracticeTopic,
} from '../shared/practice';
import { isPgIndex } from '../database/pg-int';
import { drawBalanced, Random } from './draw';

import { PracticeAnswerEntity } from './entities/practice-answer.entity';
import { PracticeSessionEntity } from './entities/practice-session.entity';
import {
  InvalidChoiceError,
  InvalidPracticePositionError,
  NoPracticeQuestionsError,
  PracticeSessionNotFoundError,
} from './practice.errors';
import { PracticeRepository } from './practice.repository';
import {
  QuestionVersionsRepository,
  VersionContent,
} from '../question-banks/question-versions.repository';

export interface NewPracticeSession {
  mode: PracticeMode;
  length: number;
  topicIds?: string[];
  /** mode "missed": the questions this device got wrong before (kept on the device). */
  questionIds?: string[];
}

const cryptoRandom: Random = () => randomInt(0, 2 ** 48 - 1) / 2 ** 48;

@Injectable()
export class PracticeService {
  constructor(
    private readonly repo: PracticeRepository,
    private readonly versions: QuestionVersionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  listTopics(): Promise<PracticeTopic[]> {
    return this.repo.listPracticeTopics();
  }

  async start(input: NewPracticeSession): Promise<PracticeSessionCreated> {
    const candidates = await this.repo.findPracticeCandidates({
      topicIds: input.mode === 'topics' ? input.topicIds : undefined,
      questionIds: input.mode === 'missed' ? (input.questionIds ?? []) : undefined,
    });
    const drawn = drawBalanced(candidates, input.length, cryptoRandom);
    if (drawn.length === 0) throw new NoPracticeQuestionsError(input.mode === 'missed');
    const versions = new Map(candidates.map((c) => [c.id, c.version]));
    const token = generateSessionToken();
    const session = await this.repo.insertSession({
      tokenHash: hashSessionToken(token),
      mode: input.mode,
      topicIds: input.mode === 'topics' ? (input.topicIds ?? []) : [],
      items: drawn.map((d) => ({
        questionId: d.id,
        topicId: d.topicId,
        version: versions.get(d.id) ?? 1,
      })),
    });
    return { ...(await this.view(session, [])), token };
  }

  async get(id: string, token: string): Promise<PracticeSessionView> {
    const session = await this.requireSession(id, token);
    return this.view(session, await this.repo.listAnswers(id));
  }

  /**
   * Judges one answer on the server and only then reveals the key, explanation and source.
   * A position is answered once: a repeated request (double tap, retry after a lost reply) gets
   * the stored result, not a second chance.
   */
  async answer(
    id: string,
    token: string,
    position: number,
    chosen: number[],
  ): Promise<PracticeFeedback & { alreadyAnswered: boolean }> {
    const unique = [...new Set(chosen)].sort((a, b) => a - b);
    // Indexes the statement can take (PostgreSQL int); anything else fits no question.
    const wellFormed = unique.length > 0 && unique.every(isPgIndex);
    // One statement finds the item, checks the choice against it and stores the judged answer;
    // the refusals below are told apart from what it returns, in the same order as always.
    const found = token
      ? await this.repo.answerOnce({
          sessionId: id,
          tokenHash: hashSessionToken(token),
          position,
          chosen: unique,
          count: wellFormed ? unique.length : 0,
          highest: wellFormed ? (unique.at(-1) ?? 0) : 0,
          answeredAt: this.clock.now(),
        })
      : { found: false as const };
    if (!found.found) throw new PracticeSessionNotFoundError();
    const { item, content } = found;
    if (!item || !content) throw new InvalidPracticePositionError();
    if (
      !wellFormed ||
      (content.type !== 'multiple' && unique.length > 1) ||
      unique.some((c) => c >= content.options.length)
    ) {
      throw new InvalidChoiceError();
    }
    // No stored answer although the choice fits: a request for the same position stored its
    // answer while this one ran (its insert waited for that one, its snapshot is older).
    const stored = found.stored ?? (await this.repo.findAnswer(id, position));
    if (!stored) throw new Error('answer neither inserted nor found');
    // Questions are answered in order: the last position is the moment to check completion
    // (the update itself counts the answers, so an out-of-order session is never marked early).
    if (stored.inserted && position === found.itemCount - 1) {
      await this.repo.markFinishedIfComplete(id, this.clock.now());
    }
    return {
      position,
      chosen: stored.chosen,
      correct: stored.correct,
      correctOptions: content.correct,
      explanation: content.explanation,
      source: content.source,
      alreadyAnswered: !stored.inserted,
    };
  }

  async summary(id: string, token: string): Promise<PracticeSummary> {
    const session = await this.requireSession(id, token);
    const answers = await this.repo.listAnswers(id);
    const contents = await this.versions.findVersionContents(session.items);
    const topicNames = new Map(contents.map((c) => [c.questionId, c.topicName]));
    const byTopic = new Map<string, { topic: string; total: number; correct: number }>();
    for (const item of session.items) {
      const entry = byTopic.get(item.topicId) ?? {
        topic: topicNames.get(item.questionId) ?? '',
        total: 0,
        correct: 0,
      };
      entry.total += 1;
      byTopic.set(item.topicId, entry);
    }
    for (const a of answers) {
      const entry = byTopic.get(a.topicId);
      if (entry && a.correct) entry.correct += 1;
    }
    return {
      total: session.items.length,
      answered: answers.length,
      correct: answers.filter((a) => a.correct).length,
      byTopic: [...byTopic.values()],
      missedQuestionIds: answers.filter((a) => !a.correct).map((a) => a.questionId),
    };
  }

  // ---- organizers ------------------------------------------------------------------------------

  async stats(from: Date, to: Date): Promise<PracticeStats> {
    const [days, topics, mostMissed] = await Promise.all([
      this.repo.dailyActivity(from, to),
      this.repo.topicActivity(from, to),
      this.repo.mostMissed(from, to, 20, 3),
    ]);
    const totals = days.reduce(
      (t, d) => ({
        sessions: t.sessions + d.sessions,
        answers: t.answers + d.answers,
        correct: t.correct + d.correct,
      }),
      {
        sessions: 0,
        answers: 0,
        correct: 0,
      },
    );
    return { from: from.toISOString(), to: to.toISOString(), totals, days, topics, mostMissed };
  }

  async statsWorkbook(from: Date, to: Date): Promise<Buffer> {
    const stats = await this.stats(from, to);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hội thi CCHC';
    const percent = (correct: number, total: number) => (total === 0 ? 0 : correct / total);
    const days = wb.addWorksheet('Theo ngày');
    days.columns = [
      { header: 'Ngày', key: 'day', width: 14 },
      { header: 'Lượt luyện tập', key: 'sessions', width: 16 },
      { header: 'Câu trả lời', key: 'answers', width: 14 },
      { header: 'Trả lời đúng', key: 'correct', width: 14 },
      { header: 'Tỷ lệ đúng', key: 'rate', width: 12, style: { numFmt: '0.0%' } },
    ];
    for (const d of stats.days)
      days.addRow({
        ...d,
        day: d.day.split('-').reverse().join('/'),
        rate: percent(d.correct, d.answers),
      });
    const topics = wb.addWorksheet('Theo chủ đề');
    topics.columns = [
      { header: 'Chủ đề', key: 'topic', width: 48 },
      { header: 'Câu trả lời', key: 'answers', width: 14 },
      { header: 'Trả lời đúng', key: 'correct', width: 14 },
      { header: 'Tỷ lệ đúng', key: 'rate', width: 12, style: { numFmt: '0.0%' } },
    ];
    for (const t of stats.topics) topics.addRow({ ...t, rate: percent(t.correct, t.answers) });
    const missed = wb.addWorksheet('Câu hay sai nhất');
    missed.columns = [
      { header: 'Mã', key: 'code', width: 12 },
      { header: 'Câu hỏi', key: 'text', width: 80 },
      { header: 'Chủ đề', key: 'topic', width: 36 },
      { header: 'Số lần trả lời', key: 'answers', width: 14 },
      { header: 'Số lần sai', key: 'wrong', width: 12 },
      { header: 'Tỷ lệ sai', key: 'rate', width: 12, style: { numFmt: '0.0%' } },
    ];
    for (const m of stats.mostMissed) missed.addRow({ ...m, rate: percent(m.wrong, m.answers) });
    for (const sheet of [days, topics, missed]) sheet.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async requireSession(id: string, token: string): Promise<PracticeSessionEntity> {
    const session = token
      ? await this.repo.findSessionWithToken(id, hashSessionToken(token))
      : null;
    if (!session) throw new PracticeSessionNotFoundError();
    return session;
  }

  private async view(
    session: PracticeSessionEntity,
    answers: PracticeAnswerEntity[],
  ): Promise<PracticeSessionView> {
    const contents = await this.versions.findVersionContents(session.items);
    const content = (questionId: string, version: number) =>
      contents.find((c) => c.questionId === questionId && c.version === version);
    const questions: PracticeQuestion[] = session.items.flatMap((item, position) => {
      const c = content(item.questionId, item.version);
      if (!c) return [];
      return [
        {
          position,
          questionId: item.questionId,
          topic: c.topicName,
          type: c.content.type,
          text: c.content.text,
          options: c.content.options,
        },
      ];
    });
    const feedbacks = answers.flatMap((a) => {
      const c = content(a.questionId, a.questionVersion);
      return c ? [feedback(a, c)] : [];
    });
    return {
      id: session.id,
      mode: session.mode,
      createdAt: session.createdAt.toISOString(),
      questions,
      answers: feedbacks,
    };
  }
}

function feedback(answer: PracticeAnswerEntity, content: VersionContent): PracticeFeedback {
  return {
    position: answer.position,
    chosen: answer.chosen,
    correct: answer.correct,
    correctOptions: content.content.correct,
    explanation: content.content.explanation,
    source: content.content.source,
  };
}
