/**
 * GIFT writer: "$CATEGORY:" per topic, "::code::" titles, escaped text, "=" for the answer of
 * a single-choice question, "~%50%" weights for several answers, {TRUE}/{FALSE}, and the
 * explanation as general feedback ("####"). Difficulty, source, tags, audience, status and
 * practice have no place in GIFT and are not written.
 */
import type { QuestionDraft, TopicDraft } from '../domain/question';
import type { BankExport } from './types';

/** Escapes GIFT's special characters and new lines. */
export function escapeGift(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([~=#{}:])/g, '\\$1')
    .replace(/\r?\n/g, '\\n');
}

function formatWeight(weight: number): string {
  return String(Number(weight.toFixed(5)));
}

function giftQuestion(question: QuestionDraft): string {
  const title = question.code ? `::${escapeGift(question.code)}::` : '';
  const general = question.explanation ? `\n\t####${escapeGift(question.explanation)}` : '';
  if (question.type === 'true_false') {
    const answer = question.correct[0] === 0 ? 'TRUE' : 'FALSE';
    return `${title}${escapeGift(question.text)} {${answer}${general.replace(/^\n\t/, '')}}`;
  }
  const lines = question.options.map((option, index) => {
    const isCorrect = question.correct.includes(index);
    if (question.type === 'single') return `\t${isCorrect ? '=' : '~'}${escapeGift(option)}`;
    const weight = isCorrect ? 100 / question.correct.length : -100;
    return `\t~%${formatWeight(weight)}%${escapeGift(option)}`;
  });
  return `${title}${escapeGift(question.text)} {\n${lines.join('\n')}${general}\n}`;
}

export function writeGift(bank: BankExport): string {
  const names = new Map<string, TopicDraft>(bank.topics.map((t) => [t.code, t]));
  const order: string[] = [];
  const byTopic = new Map<string, QuestionDraft[]>();
  for (const question of bank.questions) {
    if (!byTopic.has(question.topic)) {
      byTopic.set(question.topic, []);
      order.push(question.topic);
    }
    byTopic.get(question.topic)?.push(question);
  }
  const parts = [
    `// ${bank.meta.name.replace(/\r?\n/g, ' ')}`,
    '// Xuất từ hệ thống Hội thi CCHC (định dạng GIFT của Moodle)',
    '',
  ];
  for (const code of order) {
    const name = names.get(code)?.name ?? code;
    parts.push(`$CATEGORY: ${name.replace(/\//g, '//').replace(/\r?\n/g, ' ')}`, '');
    for (const question of byTopic.get(code) ?? []) parts.push(giftQuestion(question), '');
  }
  return parts.join('\n');
}
