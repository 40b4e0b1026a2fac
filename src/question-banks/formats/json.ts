/**
 * The project's own JSON format ("hoi-thi-cchc/question-bank", version 1): reader (the writer
 * is export-json.ts).
 * Lossless: export then import gives the same topics and questions.
 */
import type { TopicDraft } from '../domain/question';
import { msg } from './messages';
import {
  newRawQuestion,
  problem,
  RAW_FIELDS,
  type RawField,
  type RawQuestion,
  type ReadResult,
} from './raw';
import type { ImportProblem } from './types';

export const JSON_FORMAT_ID = 'hoi-thi-cchc/question-bank';
export const JSON_FORMAT_VERSION = 1;

export type Json = null | boolean | number | string | Json[] | JsonObject;
/** Reading a missing key gives undefined, so the type says so. */
export interface JsonObject {
  [key: string]: Json | undefined;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STRING_FIELDS: readonly RawField[] = [
  'code',
  'topic',
  'type',
  'text',
  'difficulty',
  'explanation',
  'audience',
  'status',
  'image',
];

function readTopics(value: Json | undefined, problems: ImportProblem[]): TopicDraft[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(problem(null, null, 'topics', msg.jsonField('topics', 'một danh sách')));
    return [];
  }
  const topics: TopicDraft[] = [];
  value.forEach((entry, index) => {
    const where = `topics[${index}]`;
    if (
      !isObject(entry) ||
      typeof entry.code !== 'string' ||
      entry.code.trim() === '' ||
      typeof entry.name !== 'string' ||
      entry.name.trim() === ''
    ) {
      problems.push(
        problem(
          null,
          null,
          where,
          msg.jsonField(where, 'một đối tượng có "code" và "name" là chuỗi ký tự'),
        ),
      );
      return;
    }
    if (topics.some((t) => t.code === entry.code)) {
      problems.push(problem(null, null, where, msg.jsonDuplicateTopic(entry.code)));
      return;
    }
    const description = typeof entry.description === 'string' ? entry.description : null;
    topics.push({ code: entry.code.trim(), name: entry.name.trim(), description });
  });
  return topics;
}

function readQuestion(entry: Json, index: number, topics: readonly TopicDraft[]): RawQuestion {
  const label = `Câu thứ ${index + 1}`;
  const raw = newRawQuestion(null, index + 1, label, `câu thứ ${index + 1}`);
  const fail = (field: RawField | null, column: string, expected: string): void => {
    raw.problems.push(
      problem(null, index + 1, column, `${label}: ${msg.jsonField(column, expected)}`),
    );
    if (field) raw.broken.add(field);
  };
  for (const field of RAW_FIELDS) raw.columns[field] = field;
  if (!isObject(entry)) {
    fail('text', `questions[${index}]`, 'một đối tượng');
    raw.rejected = true;
    return raw;
  }

  for (const field of STRING_FIELDS) {
    const value: Json | undefined = entry[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') raw.values[field] = value;
    else fail(field, field, 'chuỗi ký tự');
  }

  const topic = raw.values.topic;
  if (topic && topics.length > 0 && !topics.some((t) => t.code === topic)) {
    raw.problems.push(
      problem(null, index + 1, 'topic', `${label}: ${msg.jsonUnknownTopic(topic)}`),
    );
  }

  const options: Json | undefined = entry.options;
  if (Array.isArray(options) && options.every((o) => typeof o === 'string')) {
    raw.options = options.map((text, i) => ({ text, column: `options[${i}]` }));
  } else if (options !== undefined) {
    fail(null, 'options', 'danh sách chuỗi ký tự');
    raw.options = [{ text: null, column: 'options', broken: true }];
  }

  const correct: Json | undefined = entry.correct;
  if (Array.isArray(correct) && correct.every((c) => typeof c === 'string')) {
    raw.values.correct = correct.join(',');
  } else if (correct !== undefined && correct !== null) {
    fail('correct', 'correct', 'danh sách chữ cái, ví dụ ["B"] hoặc ["A", "C"]');
  }

  const source: Json | undefined = entry.source;
  if (isObject(source)) {
    const document: Json | undefined = source.document;
    const article: Json | undefined = source.article;
    if (typeof document === 'string') raw.values.source = document;
    else if (document !== undefined && document !== null)
      fail('source', 'source.document', 'chuỗi ký tự');
    if (typeof article === 'string' || article === null || article === undefined) {
      raw.values.article = typeof article === 'string' ? article : null;
    } else fail('article', 'source.article', 'chuỗi ký tự hoặc null');
  } else if (typeof source === 'string') {
    raw.values.source = source;
  } else if (source !== undefined && source !== null) {
    fail('source', 'source', 'một đối tượng { "document", "article" }');
  }

  const tags: Json | undefined = entry.tags;
  if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) raw.tagList = tags;
  else if (tags !== undefined && tags !== null) fail('tags', 'tags', 'danh sách chuỗi ký tự');

  const practice: Json | undefined = entry.practice;
  if (typeof practice === 'boolean') raw.values.practice = String(practice);
  else if (practice !== undefined && practice !== null)
    fail('practice', 'practice', 'true hoặc false');

  return raw;
}

export function readJsonText(text: string): ReadResult {
  let root: Json;
  try {
    root = JSON.parse(text.replace(/^\ufeff/, '')) as Json;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      raws: [],
      problems: [problem(null, null, null, msg.jsonInvalid(detail.slice(0, 200)))],
    };
  }
  if (!isObject(root) || !isObject(root.meta) || root.meta.format !== JSON_FORMAT_ID) {
    return { raws: [], problems: [problem(null, null, 'meta.format', msg.jsonNotBank())] };
  }
  const meta = root.meta;
  if (meta.version !== JSON_FORMAT_VERSION) {
    return {
      raws: [],
      problems: [
        problem(null, null, 'meta.version', msg.jsonVersion(JSON.stringify(meta.version ?? null))),
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const topics = readTopics(root.topics, problems);
  const questions = root.questions;
  if (!Array.isArray(questions)) {
    problems.push(problem(null, null, 'questions', msg.jsonField('questions', 'một danh sách')));
    return { raws: [], problems, declaredTopics: topics };
  }
  return {
    raws: questions.map((entry, index) => readQuestion(entry, index, topics)),
    problems,
    declaredTopics: topics,
    meta: {
      name: typeof meta.name === 'string' ? meta.name : null,
      description: typeof meta.description === 'string' ? meta.description : null,
      language: typeof meta.language === 'string' ? meta.language : null,
      contentCheckedAt: typeof meta.contentCheckedAt === 'string' ? meta.contentCheckedAt : null,
      exportedAt: typeof meta.exportedAt === 'string' ? meta.exportedAt : null,
      version: JSON_FORMAT_VERSION,
    },
  };
}
