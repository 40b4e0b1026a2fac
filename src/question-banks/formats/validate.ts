/**
 * The one place where a question read from any format is checked and turned into a
 * QuestionDraft. Readers only find values; every rule lives here.
 */
import {
  MAX_OPTIONS,
  MIN_OPTIONS,
  TRUE_FALSE_OPTIONS,
  type LegalSource,
  type QuestionDraft,
  type QuestionType,
  type TopicDraft,
} from '../domain/question';
import { letterOf, lettersOf, parseKey } from './keys';
import { describeLocation, msg } from './messages';
import { cleanText, normalizeVietnamese, slugify } from './normalize';
import { problem, type RawField, type RawQuestion } from './raw';
import type { ImportLimits, ImportProblem, ParsedQuestion } from './types';
import {
  AUDIENCE_VALUES,
  DIFFICULTY_VALUES,
  PRACTICE_VALUES,
  STATUS_VALUES,
  TYPE_VALUES,
  mapValue,
  type ValueTable,
} from './values';

export const DEFAULT_TOPIC_NAME = 'Chung';

const TRUE_WORDS = new Set(['dung', 'true', 't']);
const FALSE_WORDS = new Set(['sai', 'false', 'f', 's']);

function text(raw: RawQuestion, field: RawField): string {
  return cleanText(raw.values[field] ?? '');
}

/** "Nghị định 118/2025/NĐ-CP, Điều 5" → document + article; also "Khoản 2 Điều 5 Luật …". */
export function splitSource(written: string): LegalSource {
  const article = String.raw`((?:(?:điểm|Điểm)\s+[\p{L}\d]+\s*,?\s*)?(?:(?:khoản|Khoản)\s+\d+\s*,?\s*)?(?:điều|Điều|ĐIỀU)\s+\d+[\p{L}]?)`;
  const suffix = new RegExp(String.raw`^(.+?)\s*[,;–-]\s*${article}\.?$`, 'u').exec(written);
  if (suffix) return { document: suffix[1].trim(), article: suffix[2].trim() };
  const prefix = new RegExp(String.raw`^${article}\s*[,;:–-]?\s+(.+)$`, 'u').exec(written);
  if (prefix && !/^\d/.test(prefix[2]))
    return { document: prefix[2].trim(), article: prefix[1].trim() };
  return { document: written, article: null };
}

export function splitTags(written: string): string[] {
  const tags = written
    .split(/[,;|\n]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

function isTrueFalsePair(options: readonly string[]): 'canonical' | 'swapped' | false {
  if (options.length !== 2) return false;
  const [a, b] = options.map((o) => normalizeVietnamese(o));
  if (TRUE_WORDS.has(a) && FALSE_WORDS.has(b)) return 'canonical';
  if (FALSE_WORDS.has(a) && TRUE_WORDS.has(b)) return 'swapped';
  return false;
}

export interface Validated {
  /** null when the question has problems. `topic` is still the name as written. */
  draft: QuestionDraft | null;
  problems: ImportProblem[];
}

export function validateQuestion(raw: RawQuestion, limits: ImportLimits): Validated {
  const problems: ImportProblem[] = [...raw.problems];
  if (raw.rejected) return { draft: null, problems };
  const add = (column: string | null | undefined, message: string): void => {
    problems.push(
      problem(raw.sheet, raw.row, column ?? null, raw.label ? `${raw.label}: ${message}` : message),
    );
  };
  const col = (field: RawField): string | null => raw.columns[field] ?? null;

  // Text
  const questionText = text(raw, 'text');
  if (questionText === '') {
    if (!raw.broken.has('text')) add(col('text'), msg.missingText());
  } else if (questionText.length > limits.maxTextLength) {
    add(col('text'), msg.textTooLong(questionText.length, limits.maxTextLength));
  }

  // Options: trailing empty cells are fine (columns E, F left blank); gaps are not.
  const written = raw.options.map((option) => ({ ...option, text: cleanText(option.text ?? '') }));
  while (
    written.length > 0 &&
    written[written.length - 1].text === '' &&
    !written[written.length - 1].broken
  ) {
    written.pop();
  }
  written.forEach((option, index) => {
    if (option.text !== '' || option.broken) return;
    const next = written.findIndex((o, i) => i > index && o.text !== '');
    add(option.column, msg.optionGap(letterOf(index), letterOf(next)));
  });
  let options = written.map((option) => option.text);
  if (options.length > MAX_OPTIONS) add(null, msg.tooManyOptions(options.length, MAX_OPTIONS));
  written.forEach((option, index) => {
    if (option.text.length > limits.maxOptionLength) {
      add(
        option.column,
        msg.optionTooLong(letterOf(index), option.text.length, limits.maxOptionLength),
      );
    }
  });
  const seen = new Map<string, number>();
  options.forEach((option, index) => {
    if (option === '') return;
    const key = normalizeVietnamese(option);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else add(written[index].column, msg.duplicateOption(letterOf(first), letterOf(index)));
  });

  // Type as written (the format's own hint wins)
  let type: QuestionType | null = raw.typeHint ?? null;
  if (type === null && text(raw, 'type') !== '') {
    const mapped = mapValue(TYPE_VALUES, text(raw, 'type'), 'single');
    if (mapped.ok) type = mapped.value;
    else add(col('type'), msg.invalidValue(TYPE_VALUES.label, text(raw, 'type'), mapped.message));
  }

  // A true/false question may come without options: "Đáp án: Đúng".
  const keyText = text(raw, 'correct');
  if (options.length === 0 && !written.some((o) => o.broken)) {
    const key = normalizeVietnamese(keyText);
    if (
      type === 'true_false' ||
      (type === null && (TRUE_WORDS.has(key) || FALSE_WORDS.has(key)) && key !== '')
    ) {
      options = [...TRUE_FALSE_OPTIONS];
      type = 'true_false';
    }
  }

  // Correct answers: written key and/or marked options.
  let correct: number[] = [];
  let keyProblem = false;
  if (keyText !== '') {
    const parsed = parseKey(keyText, options);
    if (parsed.unreadable) {
      add(col('correct'), msg.keyUnreadable(keyText));
      keyProblem = true;
    }
    for (const token of parsed.outOfRange) {
      add(col('correct'), msg.keyOutOfRange(token, letterOf(Math.max(options.length - 1, 0))));
      keyProblem = true;
    }
    correct = parsed.indexes;
  }
  const marked = [...new Set(raw.marked ?? [])].sort((a, b) => a - b);
  if (marked.length > 0) {
    if (keyText !== '' && !keyProblem && correct.join() !== marked.join()) {
      add(col('correct'), msg.keyConflict(keyText, lettersOf(marked)));
      keyProblem = true;
    }
    if (keyText === '') correct = marked;
  }
  if (correct.length === 0 && !keyProblem && !raw.broken.has('correct'))
    add(col('correct'), msg.missingKey());

  // A question whose options are Đúng/Sai is a true/false question unless the file says
  // otherwise; true/false options are stored as ["Đúng", "Sai"] in that order.
  const pair = isTrueFalsePair(options);
  if (type === null) {
    if (pair && correct.length <= 1) type = 'true_false';
    else type = correct.length > 1 ? 'multiple' : 'single';
  }
  if (type === 'true_false' && pair) {
    if (pair === 'swapped') correct = correct.map((i) => 1 - i).sort((a, b) => a - b);
    options = [...TRUE_FALSE_OPTIONS];
  }
  if (options.length < MIN_OPTIONS && !written.some((o) => o.broken)) {
    add(null, msg.tooFewOptions(options.length, MIN_OPTIONS));
  }
  if (type === 'single' && correct.length > 1)
    add(col('correct'), msg.singleWithSeveralKeys(lettersOf(correct)));
  if (type === 'multiple' && correct.length === 1)
    add(col('correct'), msg.multipleNeedsTwo(correct.length));
  if (type === 'true_false') {
    if (!pair && options.length >= MIN_OPTIONS) add(null, msg.trueFalseOptions());
    if (correct.length > 1) add(col('correct'), msg.trueFalseKeys());
  }

  const pick = <T extends string | boolean>(
    field: RawField,
    values: ValueTable<T>,
    fallback: T,
  ): T => {
    const mapped = mapValue(values, text(raw, field), fallback);
    if (mapped.ok) return mapped.value;
    add(col(field), msg.invalidValue(values.label, text(raw, field), mapped.message));
    return fallback;
  };
  const difficulty = pick('difficulty', DIFFICULTY_VALUES, 'medium');
  const audience = pick('audience', AUDIENCE_VALUES, 'all');
  const status = pick('status', STATUS_VALUES, 'published');
  const practice = pick('practice', PRACTICE_VALUES, true);

  const explanation = text(raw, 'explanation');
  if (explanation.length > limits.maxExplanationLength) {
    add(
      col('explanation'),
      msg.explanationTooLong(explanation.length, limits.maxExplanationLength),
    );
  }

  const sourceText = text(raw, 'source');
  const source: LegalSource =
    'article' in raw.values
      ? { document: sourceText, article: text(raw, 'article') || null }
      : splitSource(sourceText);

  if (problems.length > 0) return { draft: null, problems };
  return {
    draft: {
      code: text(raw, 'code') || null,
      topic: text(raw, 'topic'),
      type,
      text: questionText,
      options,
      correct,
      difficulty,
      explanation,
      source,
      tags: raw.tagList
        ? [...new Set(raw.tagList.map((t) => cleanText(t)).filter((t) => t !== ''))]
        : splitTags(text(raw, 'tags')),
      audience,
      image: text(raw, 'image') || null,
      status,
      practice,
    },
    problems,
  };
}

/** Topic names and codes met in a file, resolved accent-insensitively to one code each. */
export class TopicRegistry {
  private readonly topics: TopicDraft[] = [];
  private readonly byKey = new Map<string, TopicDraft>();

  constructor(declared: readonly TopicDraft[] = []) {
    for (const topic of declared) this.add(topic);
  }

  private add(topic: TopicDraft): void {
    this.topics.push(topic);
    for (const key of [topic.code, topic.name]) {
      const k = normalizeVietnamese(key);
      if (!this.byKey.has(k)) this.byKey.set(k, topic);
    }
  }

  has(codeOrName: string): boolean {
    return this.byKey.has(normalizeVietnamese(codeOrName));
  }

  /** The code of the topic with this code or name, creating a topic for a new name. */
  resolve(codeOrName: string): string {
    const found = this.byKey.get(normalizeVietnamese(codeOrName));
    if (found) return found.code;
    const base = slugify(codeOrName);
    let code = base;
    for (let n = 2; this.topics.some((t) => t.code === code); n += 1) code = `${base}-${n}`;
    this.add({ code, name: codeOrName.trim() });
    return code;
  }

  list(): TopicDraft[] {
    return this.topics.map((t) => ({ ...t }));
  }
}

export interface FinalizeContext {
  limits: ImportLimits;
  defaultTopic?: string;
  declaredTopics?: readonly TopicDraft[];
}

export interface Finalized {
  questions: ParsedQuestion[];
  problems: ImportProblem[];
  topics: TopicDraft[];
}

/** Validates every question, then the rules across questions: count, duplicates, topics. */
export function finalizeQuestions(
  raws: readonly RawQuestion[],
  context: FinalizeContext,
): Finalized {
  const { limits } = context;
  const problems: ImportProblem[] = [];
  const registry = new TopicRegistry(context.declaredTopics ?? []);
  const questions: ParsedQuestion[] = [];

  let accepted = raws;
  if (raws.length > limits.maxQuestions) {
    const first = raws[limits.maxQuestions];
    problems.push(problem(first.sheet, first.row, null, msg.tooManyQuestions(limits.maxQuestions)));
    accepted = raws.slice(0, limits.maxQuestions);
  }

  const texts = new Map<string, RawQuestion>();
  const codes = new Map<string, RawQuestion>();
  const where = (other: RawQuestion): string =>
    other.sheet !== null && other.label === null
      ? describeLocation(other.sheet, null, '') + `, ${other.ref}`
      : other.ref;

  for (const raw of accepted) {
    const { draft, problems: own } = validateQuestion(raw, limits);
    const extra: ImportProblem[] = [];
    const prefix = raw.label ? `${raw.label}: ` : '';
    const textKey = normalizeVietnamese(raw.values.text ?? '');
    if (textKey !== '') {
      const first = texts.get(textKey);
      if (first)
        extra.push(
          problem(
            raw.sheet,
            raw.row,
            raw.columns.text ?? null,
            prefix + msg.duplicateQuestion(where(first)),
          ),
        );
      else texts.set(textKey, raw);
    }
    const codeKey = normalizeVietnamese(raw.values.code ?? '');
    if (codeKey !== '') {
      const first = codes.get(codeKey);
      if (first) {
        extra.push(
          problem(
            raw.sheet,
            raw.row,
            raw.columns.code ?? null,
            prefix + msg.duplicateCode(cleanText(raw.values.code ?? ''), where(first)),
          ),
        );
      } else codes.set(codeKey, raw);
    }
    problems.push(...own, ...extra);
    if (draft && extra.length === 0) {
      const topicName = draft.topic || context.defaultTopic?.trim() || DEFAULT_TOPIC_NAME;
      questions.push({
        draft: { ...draft, topic: registry.resolve(topicName) },
        location: { sheet: raw.sheet, row: raw.row },
      });
    }
  }
  return { questions, problems, topics: registry.list() };
}
