import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../accounts/accounts.service';
import { Clock, CLOCK } from '../common/clock/clock';
import type {
  Audience,
  Difficulty,
  QuestionDraft,
  QuestionStatus,
  QuestionType,
  TopicDraft,
} from './domain/question';
import { checkQuestionDraft } from './domain/validate-draft';
import { QuestionBankEntity } from './entities/question-bank.entity';
import { QuestionEntity } from './entities/question.entity';
import { TopicEntity } from './entities/topic.entity';
import {
  BankExport,
  BankFileInput,
  buildXlsxTemplate,
  exportBank,
  ExportFormat,
  normalizeVietnamese,
  parseBankFile,
} from './formats';
import { slugify } from './formats/normalize';
import {
  BankNameTakenError,
  DuplicateQuestionError,
  InvalidQuestionError,
  TopicCodeTakenError,
  TopicNameTakenError,
  UnknownTopicError,
} from './question-banks.errors';
import { QuestionBanksRepository } from './question-banks.repository';
import { draftColumns, QuestionAdminView, toAdminView, toDraft } from './question-views';
import { ImportOptions, ImportReport, planImport } from './import-plan';
import { uniqueCodeAmong } from './topic-codes';
import type { BankDetail, BankSummary, TopicView } from '../shared/question-banks';

export type { BankDetail, BankSummary, TopicView };

export interface QuestionQuery {
  q?: string;
  topicId?: string;
  difficulty?: Difficulty;
  audience?: Audience;
  status?: QuestionStatus;
  type?: QuestionType;
  page: number;
  pageSize: number;
}

/** An editor's question: the draft with the topic chosen by id. */
export type QuestionInput = Omit<QuestionDraft, 'topic'> & { topicId: string };

export interface BankStats {
  total: number;
  byTopic: Record<string, number>;
  byDifficulty: Record<string, number>;
  byAudience: Record<string, number>;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  withExplanation: number;
  withSource: number;
}

const EXPORT_MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  gift: 'text/plain; charset=utf-8',
};

@Injectable()
export class QuestionBanksService {
  private readonly logger = new Logger(QuestionBanksService.name);

  constructor(
    private readonly repo: QuestionBanksRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // ---- banks -------------------------------------------------------------------------------

  async listBanks(): Promise<BankSummary[]> {
    const [banks, counts] = await Promise.all([
      this.repo.listBanksByName(),
      this.repo.countQuestionsPerBank(),
    ]);
    const byBank = new Map(counts.map((c) => [c.bankId, c]));
    return banks.map((b) =>
      toBankSummary(b, byBank.get(b.id)?.questions ?? 0, byBank.get(b.id)?.published ?? 0),
    );
  }

  async getBank(id: string): Promise<BankDetail> {
    const bank = await this.requireBank(id);
    const [topics, perTopic] = await Promise.all([
      this.repo.listTopicsInOrder(id),
      this.repo.countQuestionsPerTopic(id),
    ]);
    const questions = [...perTopic.values()].reduce((a, b) => a + b, 0);
    const counts = (await this.repo.countQuestionsPerBank()).find((c) => c.bankId === id);
    return {
      ...toBankSummary(bank, questions, counts?.published ?? 0),
      topics: topics.map((t) => toTopicView(t, perTopic.get(t.id) ?? 0)),
    };
  }

  async findBankByName(name: string): Promise<QuestionBankEntity | null> {
    return this.repo.findBankByName(name.trim());
  }

  async createBank(
    context: AuditContext,
    input: { name: string; description?: string },
    manager?: EntityManager,
  ): Promise<QuestionBankEntity> {
    const run = async (m: EntityManager) => {
      const bank = await this.repo.insertBank(
        { name: input.name.trim(), description: input.description?.trim() ?? '' },
        m,
      );
      await this.audit.record(
        context,
        {
          action: 'bank.created',
          entityType: 'question_bank',
          entityId: bank.id,
          after: { name: bank.name },
        },
        m,
      );
      return bank;
    };
    try {
      return manager ? await run(manager) : await this.dataSource.transaction(run);
    } catch (error) {
      if (isUniqueViolation(error)) throw new BankNameTakenError(input.name.trim());
      throw error;
    }
  }

  async updateBank(
    context: AuditContext,
    id: string,
    input: { name?: string; description?: string; practiceEnabled?: boolean },
  ): Promise<BankSummary> {
    try {
      await this.dataSource.transaction(async (m) => {
        const before = await this.requireBank(id, m);
        const values: Partial<QuestionBankEntity> = {};
        if (input.name !== undefined) values.name = input.name.trim();
        if (input.description !== undefined) values.description = input.description.trim();
        if (input.practiceEnabled !== undefined) values.practiceEnabled = input.practiceEnabled;
        await this.repo.updateBank(id, values, m);
        await this.audit.record(
          context,
          {
            action: 'bank.updated',
            entityType: 'question_bank',
            entityId: id,
            before: {
              name: before.name,
              description: before.description,
              practiceEnabled: before.practiceEnabled,
            },
            after: { ...values },
          },
          m,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new BankNameTakenError(input.name?.trim() ?? '');
      throw error;
    }
    return this.getBank(id);
  }

  async deleteBank(context: AuditContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const bank = await this.requireBank(id, m);
      await this.repo.deleteBank(id, m);
      await this.audit.record(
        context,
        {
          action: 'bank.deleted',
          entityType: 'question_bank',
          entityId: id,
          before: { name: bank.name },
        },
        m,
      );
    });
  }

  async createTopic(
    context: AuditContext,
    bankId: string,
    input: { name: string; code?: string; description?: string },
  ): Promise<TopicView> {
    return this.dataSource.transaction(async (m) => {
      await this.requireBank(bankId, m);
      const existing = await this.repo.listTopicsInOrder(bankId, m);
      const code =
        input.code?.trim() ||
        uniqueCodeAmong(
          slugify(input.name),
          existing.map((t) => t.code),
        );
      if (existing.some((t) => t.code === code)) throw new TopicCodeTakenError(code);
      const folded = normalizeVietnamese(input.name);
      const sameName = existing.find((t) => normalizeVietnamese(t.name) === folded);
      if (sameName) throw new TopicNameTakenError(sameName.name);
      const topic = await this.repo.insertTopic(
        {
          bankId,
          code,
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
          position: existing.length,
        },
        m,
      );
      await this.audit.record(
        context,
        {
          action: 'topic.created',
          entityType: 'topic',
          entityId: topic.id,
          after: { bankId, code, name: topic.name },
        },
        m,
      );
      return toTopicView(topic, 0);
    });
  }

  // ---- questions -----------------------------------------------------------------------------

  async searchQuestions(
    bankId: string,
    query: QuestionQuery,
  ): Promise<{ items: QuestionAdminView[]; total: number; page: number; pageSize: number }> {
    await this.requireBank(bankId);
    const topics = new Map((await this.repo.listTopicsInOrder(bankId)).map((t) => [t.id, t]));
    const [rows, total] = await this.repo.searchQuestions({
      bankId,
      text: query.q ? normalizeVietnamese(query.q) : undefined,
      topicId: query.topicId,
      difficulty: query.difficulty,
      audience: query.audience,
      status: query.status,
      type: query.type,
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: rows.map((q) => toAdminView(q, requireTopic(topics, q.topicId))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async getQuestion(id: string): Promise<
    QuestionAdminView & {
      versions: { version: number; createdAt: string; createdBy: string | null }[];
    }
  > {
    const question = await this.requireQuestion(id);
    const topics = new Map(
      (await this.repo.listTopicsInOrder(question.bankId)).map((t) => [t.id, t]),
    );
    const versions = await this.repo.listVersionsNewestFirst(id);
    return {
      ...toAdminView(question, requireTopic(topics, question.topicId)),
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt.toISOString(),
        createdBy: v.createdBy,
      })),
    };
  }

  async createQuestion(
    context: AuditContext,
    bankId: string,
    input: QuestionInput,
  ): Promise<QuestionAdminView> {
    return this.withQuestionErrors(() =>
      this.dataSource.transaction(async (m) => {
        await this.requireBank(bankId, m);
        const topic = await this.requireTopicOfBank(bankId, input.topicId, m);
        const draft = this.checkedDraft(input, topic.code);
        const question = await this.repo.insertQuestion(
          { ...draftColumns(draft, topic.id), bankId, version: 1 },
          m,
        );
        await this.repo.insertVersion(
          {
            questionId: question.id,
            version: 1,
            content: draft,
            createdBy: context.actor?.id ?? null,
          },
          m,
        );
        await this.audit.record(
          context,
          {
            action: 'question.created',
            entityType: 'question',
            entityId: question.id,
            after: { ...draft },
          },
          m,
        );
        return toAdminView(question, topic);
      }),
    );
  }

  /** Saves an edit as a new version; earlier versions (and what attempts recorded) stay as they were. */
  async updateQuestion(
    context: AuditContext,
    id: string,
    input: QuestionInput,
  ): Promise<QuestionAdminView> {
    return this.withQuestionErrors(() =>
      this.dataSource.transaction(async (m) => {
        const before = await this.requireQuestion(id, m);
        const topics = new Map(
          (await this.repo.listTopicsInOrder(before.bankId, m)).map((t) => [t.id, t]),
        );
        const topic = await this.requireTopicOfBank(before.bankId, input.topicId, m);
        const draft = this.checkedDraft(input, topic.code);
        const version = before.version + 1;
        await this.repo.updateQuestion(id, { ...draftColumns(draft, topic.id), version }, m);
        await this.repo.insertVersion(
          { questionId: id, version, content: draft, createdBy: context.actor?.id ?? null },
          m,
        );
        await this.audit.record(
          context,
          {
            action: 'question.updated',
            entityType: 'question',
            entityId: id,
            before: { ...toDraft(before, requireTopic(topics, before.topicId).code) },
            after: { ...draft },
          },
          m,
        );
        const after = await this.requireQuestion(id, m);
        return toAdminView(after, topic);
      }),
    );
  }

  async deleteQuestion(context: AuditContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const question = await this.requireQuestion(id, m);
      await this.repo.deleteQuestion(id, m);
      await this.audit.record(
        context,
        {
          action: 'question.deleted',
          entityType: 'question',
          entityId: id,
          before: { text: question.text, code: question.code },
        },
        m,
      );
    });
  }

  // ---- import / export --------------------------------------------------------------------------

  /**
   * Imports a file into a bank. Dry run by default. Atomic: one transaction, and with problems
   * nothing is written unless `onlyValid` is chosen explicitly (the rest is still reported).
   */
  async importFile(
    context: AuditContext,
    bankId: string,
    file: BankFileInput,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const parsed = await parseBankFile(file);
    return this.dataSource.transaction(async (m) => {
      const bank = await this.requireBank(bankId, m);
      const topics = await this.repo.listTopicsInOrder(bankId, m);
      const normalizedTexts = parsed.questions.map((q) => normalizeVietnamese(q.draft.text));
      const existing = await this.repo.findQuestionsByNormalizedTexts(bankId, normalizedTexts, m);
      const plan = planImport(parsed, topics, existing, options);
      if (!plan.report.willWrite || options.dryRun) return plan.report;

      const topicIds = new Map(topics.map((t) => [t.code, t.id]));
      for (const [i, topic] of plan.newTopics.entries()) {
        const created = await this.repo.insertTopic(
          {
            bankId,
            code: topic.code,
            name: topic.name,
            description: topic.description ?? '',
            position: topics.length + i,
          },
          m,
        );
        topicIds.set(topic.code, created.id);
      }
      const actorId = context.actor?.id ?? null;
      for (const item of plan.inserts) {
        const topicId = topicIds.get(item.draft.topic) ?? '';
        const question = await this.repo.insertQuestion(
          { ...draftColumns(item.draft, topicId), bankId, version: 1 },
          m,
        );
        await this.repo.insertVersion(
          { questionId: question.id, version: 1, content: item.draft, createdBy: actorId },
          m,
        );
      }
      for (const item of plan.updates) {
        const topicId = topicIds.get(item.draft.topic) ?? '';
        const version = item.existing.version + 1;
        await this.repo.updateQuestion(
          item.existing.id,
          { ...draftColumns(item.draft, topicId), version },
          m,
        );
        await this.repo.insertVersion(
          { questionId: item.existing.id, version, content: item.draft, createdBy: actorId },
          m,
        );
      }
      if (
        parsed.meta &&
        typeof parsed.meta.contentCheckedAt === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(parsed.meta.contentCheckedAt)
      ) {
        await this.repo.updateBank(bankId, { contentCheckedAt: parsed.meta.contentCheckedAt }, m);
      }
      await this.audit.record(
        context,
        {
          action: 'bank.imported',
          entityType: 'question_bank',
          entityId: bankId,
          after: {
            bank: bank.name,
            file: file.filename,
            format: parsed.format,
            imported: plan.report.imported,
            updated: plan.report.updated,
            skipped: plan.report.skipped,
            problems: plan.report.errors.length,
          },
        },
        m,
      );
      return plan.report;
    });
  }

  /** A dry run against an empty bank (for a bank that does not exist yet). */
  async checkFile(file: BankFileInput): Promise<ImportReport> {
    const parsed = await parseBankFile(file);
    return planImport(parsed, [], [], { dryRun: true, onlyValid: false, duplicates: 'skip' })
      .report;
  }

  async exportBank(
    bankId: string,
    format: ExportFormat,
  ): Promise<{ buffer: Buffer; filename: string; mimeType: string }> {
    const bank = await this.requireBank(bankId);
    const data = await this.bankExport(bank);
    const buffer = await exportBank(data, format, { now: this.clock.now() });
    const base = slugify(bank.name, 'ngan-hang');
    return {
      buffer,
      filename: `${base}.${format === 'gift' ? 'gift.txt' : format}`,
      mimeType: EXPORT_MIME[format],
    };
  }

  template(): Promise<Buffer> {
    return buildXlsxTemplate({ now: this.clock.now() });
  }

  async stats(bankId?: string): Promise<BankStats> {
    const rows = await this.repo.statsRows(bankId);
    const stats: BankStats = {
      total: 0,
      byTopic: {},
      byDifficulty: {},
      byAudience: {},
      byType: {},
      byStatus: {},
      withExplanation: 0,
      withSource: 0,
    };
    const add = (map: Record<string, number>, key: string, n: number) => {
      map[key] = (map[key] ?? 0) + n;
    };
    for (const r of rows) {
      const n = Number(r.n);
      stats.total += n;
      add(stats.byTopic, r.topic, n);
      add(stats.byDifficulty, r.difficulty, n);
      add(stats.byAudience, r.audience, n);
      add(stats.byType, r.type, n);
      add(stats.byStatus, r.status, n);
      if (r.with_explanation) stats.withExplanation += n;
      if (r.with_source) stats.withSource += n;
    }
    return stats;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async bankExport(bank: QuestionBankEntity): Promise<BankExport> {
    const topics = await this.repo.listTopicsInOrder(bank.id);
    const byId = new Map(topics.map((t) => [t.id, t]));
    const questions = await this.repo.listQuestionsOfBank(bank.id);
    return {
      meta: {
        name: bank.name,
        description: bank.description,
        language: 'vi',
        contentCheckedAt: bank.contentCheckedAt,
      },
      topics: topics.map((t): TopicDraft => ({
        code: t.code,
        name: t.name,
        description: t.description,
      })),
      questions: questions.map((q) => toDraft(q, requireTopic(byId, q.topicId).code)),
    };
  }

  private checkedDraft(input: QuestionInput, topicCode: string): QuestionDraft {
    const { topicId: _topicId, ...rest } = input;
    const draft: QuestionDraft = { ...rest, topic: topicCode };
    const problems = checkQuestionDraft(draft);
    if (problems.length > 0) throw new InvalidQuestionError(problems.map((p) => ({ ...p })));
    return draft;
  }

  private async withQuestionErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateQuestionError();
      throw error;
    }
  }

  private async requireBank(id: string, manager?: EntityManager): Promise<QuestionBankEntity> {
    const bank = await this.repo.findBankById(id, manager);
    if (!bank) throw new NotFoundError('ngân hàng câu hỏi', 'BANK_NOT_FOUND');
    return bank;
  }

  private async requireQuestion(id: string, manager?: EntityManager): Promise<QuestionEntity> {
    const question = await this.repo.findQuestionById(id, manager);
    if (!question) throw new NotFoundError('câu hỏi', 'QUESTION_NOT_FOUND');
    return question;
  }

  private async requireTopicOfBank(
    bankId: string,
    topicId: string,
    manager: EntityManager,
  ): Promise<TopicEntity> {
    const topic = (await this.repo.listTopicsInOrder(bankId, manager)).find(
      (t) => t.id === topicId,
    );
    if (!topic) throw new UnknownTopicError();
    return topic;
  }
}

function toBankSummary(b: QuestionBankEntity, questions: number, published: number): BankSummary {
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    contentCheckedAt: b.contentCheckedAt,
    isSample: b.isSample,
    practiceEnabled: b.practiceEnabled,
    questions,
    published,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

function toTopicView(t: TopicEntity, questions: number): TopicView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    position: t.position,
    questions,
  };
}

function requireTopic(topics: Map<string, TopicEntity>, id: string): TopicEntity {
  const topic = topics.get(id);
  if (!topic) throw new Error(`topic ${id} missing`);
  return topic;
}
