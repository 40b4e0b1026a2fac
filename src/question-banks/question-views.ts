import type { QuestionDraft } from './domain/question';
import type { QuestionEntity } from './entities/question.entity';
import type { TopicEntity } from './entities/topic.entity';
import { normalizeVietnamese } from './formats';

/** A question for organizers (with its answer key). Participants never get this shape. */
export interface QuestionAdminView extends QuestionDraft {
  id: string;
  bankId: string;
  topicId: string;
  topicName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toDraft(q: QuestionEntity, topicCode: string): QuestionDraft {
  return {
    code: q.code,
    topic: topicCode,
    type: q.type,
    text: q.text,
    options: q.options,
    correct: q.correct,
    difficulty: q.difficulty,
    explanation: q.explanation,
    source: { document: q.sourceDocument, article: q.sourceArticle },
    tags: q.tags,
    audience: q.audience,
    image: q.image,
    status: q.status,
    practice: q.practice,
  };
}

export function toAdminView(q: QuestionEntity, topic: TopicEntity): QuestionAdminView {
  return {
    ...toDraft(q, topic.code),
    id: q.id,
    bankId: q.bankId,
    topicId: q.topicId,
    topicName: topic.name,
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** Column values derived from a draft (everything but ids and version). */
export function draftColumns(draft: QuestionDraft, topicId: string): Partial<QuestionEntity> {
  const text = draft.text.trim();
  return {
    topicId,
    code: draft.code?.trim() || null,
    type: draft.type,
    text,
    options: draft.options.map((o) => o.trim()),
    correct: [...new Set(draft.correct)].sort((a, b) => a - b),
    difficulty: draft.difficulty,
    explanation: draft.explanation.trim(),
    sourceDocument: draft.source.document.trim(),
    sourceArticle: draft.source.article?.trim() || null,
    tags: draft.tags.map((t) => t.trim()).filter(Boolean),
    audience: draft.audience,
    image: draft.image?.trim() || null,
    status: draft.status,
    practice: draft.practice,
    normalizedText: normalizeVietnamese(text),
    searchText: normalizeVietnamese(
      [
        draft.code ?? '',
        text,
        ...draft.options,
        draft.explanation,
        draft.source.document,
        draft.source.article ?? '',
        ...draft.tags,
      ].join(' '),
    ),
  };
}
