import type { QuestionDraft, TopicDraft } from './domain/question';
import type { QuestionEntity } from './entities/question.entity';
import type { TopicEntity } from './entities/topic.entity';
import {
  normalizeVietnamese,
  type BankFormat,
  type ImportProblem,
  type ParseResult,
} from './formats';
import { uniqueCodeAmong } from './topic-codes';

export interface ImportOptions {
  /** Check and preview only; write nothing. */
  dryRun: boolean;
  /** Import the valid questions even when other rows have problems (still reported). */
  onlyValid: boolean;
  /** What to do with a question whose text is already in the bank. */
  duplicates: 'skip' | 'update';
}

export type ImportAction = 'insert' | 'update' | 'skip';

export interface ImportPreviewItem {
  sheet: string | null;
  row: number | null;
  action: ImportAction;
  code: string | null;
  topic: string;
  type: QuestionDraft['type'];
  text: string;
  options: string[];
  correct: number[];
  difficulty: QuestionDraft['difficulty'];
  existingId: string | null;
}

export interface ImportReport {
  format: BankFormat;
  /** Questions read from the file without problems. */
  questions: number;
  /** Questions written as new (0 in a dry run or when refused). */
  imported: number;
  /** Existing questions updated to a new version. */
  updated: number;
  /** Duplicates skipped. */
  skipped: number;
  errors: ImportProblem[];
  duplicates: {
    sheet: string | null;
    row: number | null;
    text: string;
    existingId: string;
    existingCode: string | null;
    action: 'skip' | 'update';
  }[];
  newTopics: { code: string; name: string }[];
  preview: ImportPreviewItem[];
  notices: string[];
  dryRun: boolean;
  /** Whether this import writes (or, in a dry run, would write) anything. */
  willWrite: boolean;
  /** A Vietnamese sentence for the organizer. */
  summary: string;
}

export interface ImportPlan {
  report: ImportReport;
  newTopics: TopicDraft[];
  inserts: { draft: QuestionDraft }[];
  updates: { draft: QuestionDraft; existing: QuestionEntity }[];
}

/**
 * Decides what an import does, without touching the database: which file topics map to which
 * bank topics (by code, then by name ignoring accents), which questions are new, which are
 * duplicates of questions already in the bank, and whether anything may be written at all.
 */
export function planImport(
  parsed: ParseResult,
  bankTopics: readonly TopicEntity[],
  existing: readonly QuestionEntity[],
  options: ImportOptions,
): ImportPlan {
  const codes = bankTopics.map((t) => t.code);
  const byCode = new Map(bankTopics.map((t) => [t.code, t]));
  const byName = new Map(bankTopics.map((t) => [normalizeVietnamese(t.name), t]));
  const topicCode = new Map<string, string>(); // file topic code -> bank topic code
  const newTopics: TopicDraft[] = [];
  const usedTopics = new Set(parsed.questions.map((q) => q.draft.topic));
  for (const topic of parsed.topics) {
    if (!usedTopics.has(topic.code)) continue;
    const match = byCode.get(topic.code) ?? byName.get(normalizeVietnamese(topic.name));
    if (match) {
      topicCode.set(topic.code, match.code);
      continue;
    }
    const code = uniqueCodeAmong(topic.code, codes);
    codes.push(code);
    topicCode.set(topic.code, code);
    newTopics.push({ code, name: topic.name, description: topic.description ?? '' });
  }
  const topicName = new Map<string, string>([
    ...bankTopics.map((t): [string, string] => [t.code, t.name]),
    ...newTopics.map((t): [string, string] => [t.code, t.name]),
  ]);

  const existingByText = new Map(existing.map((q) => [q.normalizedText, q]));
  const inserts: ImportPlan['inserts'] = [];
  const updates: ImportPlan['updates'] = [];
  const duplicates: ImportReport['duplicates'] = [];
  const preview: ImportPreviewItem[] = [];
  for (const { draft: parsedDraft, location } of parsed.questions) {
    const draft: QuestionDraft = {
      ...parsedDraft,
      topic: topicCode.get(parsedDraft.topic) ?? parsedDraft.topic,
    };
    const found = existingByText.get(normalizeVietnamese(draft.text));
    let action: ImportAction = 'insert';
    if (found) {
      action = options.duplicates === 'update' ? 'update' : 'skip';
      duplicates.push({
        ...location,
        text: draft.text,
        existingId: found.id,
        existingCode: found.code,
        action,
      });
      if (action === 'update') updates.push({ draft, existing: found });
    } else {
      inserts.push({ draft });
    }
    preview.push({
      ...location,
      action,
      code: draft.code ?? null,
      topic: topicName.get(draft.topic) ?? draft.topic,
      type: draft.type,
      text: draft.text,
      options: draft.options,
      correct: draft.correct,
      difficulty: draft.difficulty,
      existingId: found?.id ?? null,
    });
  }

  const hasProblems = parsed.problems.length > 0;
  const allowed = !hasProblems || options.onlyValid;
  const writes = inserts.length + updates.length;
  const willWrite = allowed && writes > 0;
  const written = willWrite && !options.dryRun;
  const report: ImportReport = {
    format: parsed.format,
    questions: parsed.questions.length,
    imported: written ? inserts.length : 0,
    updated: written ? updates.length : 0,
    skipped: allowed ? duplicates.filter((d) => d.action === 'skip').length : 0,
    errors: parsed.problems,
    duplicates,
    newTopics: willWrite ? newTopics.map((t) => ({ code: t.code, name: t.name })) : [],
    preview,
    notices: Array.isArray(parsed.meta?.notices) ? parsed.meta.notices.map(String) : [],
    dryRun: options.dryRun,
    willWrite,
    summary: summarize(
      parsed.problems.length,
      inserts.length,
      updates.length,
      duplicates.length,
      options,
      allowed,
      written,
    ),
  };
  return {
    report,
    newTopics: willWrite ? newTopics : [],
    inserts: willWrite ? inserts : [],
    updates: willWrite ? updates : [],
  };
}

function summarize(
  problems: number,
  inserts: number,
  updates: number,
  duplicates: number,
  options: ImportOptions,
  allowed: boolean,
  written: boolean,
): string {
  if (!allowed) {
    return `Tệp có ${problems} lỗi nên chưa nhập câu hỏi nào. Hãy sửa các lỗi được liệt kê rồi tải lên lại, hoặc chọn "Chỉ nhập các câu hợp lệ".`;
  }
  const parts = [`${inserts} câu hỏi mới`];
  if (updates > 0) parts.push(`${updates} câu cập nhật`);
  if (duplicates - updates > 0) parts.push(`${duplicates - updates} câu trùng được bỏ qua`);
  if (problems > 0) parts.push(`${problems} lỗi không nhập`);
  if (options.dryRun) return `Kiểm tra xong: ${parts.join(', ')}. Chưa có gì được ghi.`;
  return written
    ? `Đã nhập: ${parts.join(', ')}.`
    : `Không có câu hỏi nào để nhập (${parts.join(', ')}).`;
}
