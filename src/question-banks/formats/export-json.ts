/** JSON writer: the project's own format, pretty-printed with 2 spaces, lossless. */
import type { QuestionDraft } from '../domain/question';
import { JSON_FORMAT_ID, JSON_FORMAT_VERSION, type JsonObject } from './json';
import { letterOf } from './keys';
import type { BankExport } from './types';

function questionJson(question: QuestionDraft): JsonObject {
  return {
    code: question.code ?? null,
    topic: question.topic,
    type: question.type,
    text: question.text,
    options: [...question.options],
    correct: question.correct.map(letterOf),
    difficulty: question.difficulty,
    explanation: question.explanation,
    source: { document: question.source.document, article: question.source.article },
    tags: [...question.tags],
    audience: question.audience,
    image: question.image ?? null,
    status: question.status,
    practice: question.practice,
  };
}

export function writeJson(bank: BankExport, now: Date): string {
  const document: JsonObject = {
    meta: {
      format: JSON_FORMAT_ID,
      version: JSON_FORMAT_VERSION,
      name: bank.meta.name,
      description: bank.meta.description ?? null,
      language: bank.meta.language ?? 'vi',
      contentCheckedAt: bank.meta.contentCheckedAt ?? null,
      exportedAt: bank.meta.exportedAt ?? now.toISOString(),
    },
    topics: bank.topics.map((t) => ({
      code: t.code,
      name: t.name,
      description: t.description ?? null,
    })),
    questions: bank.questions.map(questionJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
