import type { PracticeFeedback, PracticeQuestion } from '../../../../src/shared/practice';

const LETTERS = 'ABCDEFGH';

/** "A", "B"… for choice questions; nothing for true/false (the options say "Đúng", "Sai"). */
export function optionLabel(question: PracticeQuestion, index: number): string {
  return question.type === 'true_false' ? '' : LETTERS.charAt(index);
}

/** "B. Quyết định" or "Đúng": how a correct answer is named in text. */
export function describeOptions(question: PracticeQuestion, indexes: readonly number[]): string {
  return indexes
    .map((index) => {
      const label = optionLabel(question, index);
      const text = question.options[index] ?? '';
      return label ? `${label}. ${text}` : text;
    })
    .join('; ');
}

/** "Căn cứ: {document}, {article}". */
export function sourceText(source: PracticeFeedback['source']): string {
  return [source.document, source.article].filter(Boolean).join(', ');
}
