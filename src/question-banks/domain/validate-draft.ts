import { IMPORT_LIMITS } from '../formats/limits';
import {
  MAX_OPTIONS,
  MIN_OPTIONS,
  OPTION_LETTERS,
  QuestionDraft,
  TRUE_FALSE_OPTIONS,
} from './question';

export interface DraftProblem {
  field: string;
  message: string;
}

/**
 * Rules every stored question obeys, for questions written in the editor (imports apply the
 * same rules while reading files). Pure; messages in Vietnamese.
 */
export function checkQuestionDraft(draft: QuestionDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const text = draft.text.trim();
  if (!text) problems.push({ field: 'text', message: 'Nội dung câu hỏi không được để trống.' });
  if (text.length > IMPORT_LIMITS.maxTextLength) {
    problems.push({
      field: 'text',
      message: `Nội dung câu hỏi dài quá ${IMPORT_LIMITS.maxTextLength} ký tự.`,
    });
  }
  const options = draft.options.map((o) => o.trim());
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    problems.push({
      field: 'options',
      message: `Câu hỏi cần từ ${MIN_OPTIONS} đến ${MAX_OPTIONS} phương án.`,
    });
  }
  options.forEach((option, i) => {
    const letter = OPTION_LETTERS[i] ?? String(i + 1);
    if (!option)
      problems.push({ field: `options.${i}`, message: `Phương án ${letter} không được để trống.` });
    if (option.length > IMPORT_LIMITS.maxOptionLength) {
      problems.push({
        field: `options.${i}`,
        message: `Phương án ${letter} dài quá ${IMPORT_LIMITS.maxOptionLength} ký tự.`,
      });
    }
  });
  const folded = options.map((o) => o.toLowerCase());
  if (new Set(folded).size !== folded.length) {
    problems.push({ field: 'options', message: 'Hai phương án trùng nhau.' });
  }
  const correct = [...new Set(draft.correct)];
  if (correct.length === 0) problems.push({ field: 'correct', message: 'Chưa chọn đáp án đúng.' });
  if (correct.some((i) => !Number.isInteger(i) || i < 0 || i >= options.length)) {
    problems.push({ field: 'correct', message: 'Đáp án đúng phải là một trong các phương án.' });
  }
  switch (draft.type) {
    case 'single':
      if (correct.length > 1)
        problems.push({
          field: 'correct',
          message: 'Câu hỏi một đáp án chỉ có đúng một đáp án đúng.',
        });
      break;
    case 'multiple':
      if (correct.length < 2)
        problems.push({
          field: 'correct',
          message: 'Câu hỏi nhiều đáp án cần ít nhất hai đáp án đúng.',
        });
      break;
    case 'true_false':
      if (
        options.length !== 2 ||
        options[0] !== TRUE_FALSE_OPTIONS[0] ||
        options[1] !== TRUE_FALSE_OPTIONS[1]
      ) {
        problems.push({
          field: 'options',
          message: 'Câu hỏi Đúng/Sai có đúng hai phương án "Đúng" và "Sai".',
        });
      }
      if (correct.length !== 1)
        problems.push({ field: 'correct', message: 'Câu hỏi Đúng/Sai có đúng một đáp án đúng.' });
      break;
  }
  if (draft.explanation.length > IMPORT_LIMITS.maxExplanationLength) {
    problems.push({
      field: 'explanation',
      message: `Giải thích dài quá ${IMPORT_LIMITS.maxExplanationLength} ký tự.`,
    });
  }
  return problems;
}
