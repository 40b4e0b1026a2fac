/** Property: any valid bank, exported then imported, gives the same questions back. */
import fc from 'fast-check';
import {
  AUDIENCES,
  DIFFICULTIES,
  QUESTION_STATUSES,
  TRUE_FALSE_OPTIONS,
  type QuestionDraft,
  type TopicDraft,
} from '../domain/question';
import { exportBank, parseBankFile, type BankExport } from './index';
import { normalizeVietnamese } from './normalize';

const WORDS = [
  'cải',
  'cách',
  'hành',
  'chính',
  'thủ',
  'tục',
  'một',
  'cửa',
  'dịch',
  'vụ',
  'công',
  'số',
  'Điều 5',
  'khoản 2',
  '118/2025/NĐ-CP',
  '2025',
  '50%',
  'A.',
  'b)',
  '{',
  '}',
  '~',
  '=',
  '#',
  ':',
  '::',
  '\\',
  '/',
  '"',
  "'",
  ',',
  ';',
  '->',
  '$',
  '?',
  '(chủ đề)',
  'Đúng',
  'Sai',
  'ĐẶC KHU',
  'phường',
  'VNeID',
  '&',
  '<b>',
  'x',
  '—',
];
const TAGS = ['một cửa', 'dịch vụ công', 'VNeID', 'nghị quyết 76', 'chính quyền hai cấp', 'CCHC'];

const word = fc.constantFrom(...WORDS);
const phrase = (max: number): fc.Arbitrary<string> =>
  fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(' '));
const paragraph = (max: number): fc.Arbitrary<string> =>
  fc.array(phrase(max), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));

const topicsArb: fc.Arbitrary<TopicDraft[]> = fc
  .uniqueArray(phrase(3), {
    minLength: 1,
    maxLength: 3,
    selector: (name) => normalizeVietnamese(name),
  })
  .chain((names) =>
    fc.tuple(...names.map(() => fc.option(phrase(5), { nil: null }))).map((descriptions) =>
      names.map((name, i) => ({
        code: `chu-de-${i + 1}`,
        name: `Chủ đề ${i + 1}: ${name}`,
        description: descriptions[i],
      })),
    ),
  );

type Body = Pick<QuestionDraft, 'type' | 'options' | 'correct'>;

const choiceBody: fc.Arbitrary<Body> = fc
  .uniqueArray(phrase(4), { minLength: 2, maxLength: 6, selector: (o) => normalizeVietnamese(o) })
  .chain((options) =>
    fc.oneof(
      fc
        .nat({ max: options.length - 1 })
        .map((i): Body => ({ type: 'single', options, correct: [i] })),
      fc
        .uniqueArray(fc.nat({ max: options.length - 1 }), {
          minLength: 2,
          maxLength: options.length,
        })
        .map((c): Body => ({ type: 'multiple', options, correct: [...c].sort((a, b) => a - b) })),
    ),
  );
const trueFalseBody: fc.Arbitrary<Body> = fc
  .nat({ max: 1 })
  .map((i) => ({ type: 'true_false', options: [...TRUE_FALSE_OPTIONS], correct: [i] }));

function questionArb(topics: TopicDraft[]): fc.Arbitrary<Omit<QuestionDraft, 'code'>> {
  return fc
    .record({
      topic: fc.constantFrom(...topics.map((t) => t.code)),
      text: paragraph(10),
      body: fc.oneof(choiceBody, trueFalseBody),
      difficulty: fc.constantFrom(...DIFFICULTIES),
      explanation: fc.oneof(fc.constant(''), paragraph(12)),
      source: fc.record({
        document: fc.oneof(fc.constant(''), phrase(6)),
        article: fc.option(fc.constantFrom('Điều 1', 'Khoản 2 Điều 5'), { nil: null }),
      }),
      tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
      audience: fc.constantFrom(...AUDIENCES),
      image: fc.option(fc.constant('https://example.org/anh.png'), { nil: null }),
      status: fc.constantFrom(...QUESTION_STATUSES),
      practice: fc.boolean(),
    })
    .map(({ body, ...rest }) => ({ ...rest, ...body }));
}

const bankArb: fc.Arbitrary<BankExport> = topicsArb.chain((topics) =>
  fc
    .uniqueArray(questionArb(topics), {
      minLength: 1,
      maxLength: 8,
      selector: (q) => normalizeVietnamese(q.text),
    })
    .chain((questions) =>
      fc.tuple(...questions.map(() => fc.boolean())).map((withCode) => ({
        meta: { name: 'Ngân hàng ngẫu nhiên', exportedAt: '2026-11-26T00:00:00.000Z' },
        topics,
        questions: questions.map((q, i): QuestionDraft => ({
          code: withCode[i] ? `Q:${i + 1}` : null,
          ...q,
        })),
      })),
    ),
);

async function roundTrip(bank: BankExport, format: 'xlsx' | 'json' | 'gift') {
  const buffer = await exportBank(bank, format);
  return parseBankFile({ buffer, filename: `bank.${format}` });
}

describe('export then import', () => {
  it('json gives back the same topics and questions', async () => {
    await fc.assert(
      fc.asyncProperty(bankArb, async (bank) => {
        const result = await roundTrip(bank, 'json');
        expect(result.problems).toEqual([]);
        expect(result.topics).toEqual(bank.topics);
        expect(result.questions.map((q) => q.draft)).toEqual(bank.questions);
      }),
      { numRuns: 60 },
    );
  });

  it('xlsx gives back the same topics and questions', async () => {
    await fc.assert(
      fc.asyncProperty(bankArb, async (bank) => {
        const result = await roundTrip(bank, 'xlsx');
        expect(result.problems).toEqual([]);
        expect(result.topics).toEqual(bank.topics);
        expect(result.questions.map((q) => q.draft)).toEqual(bank.questions);
      }),
      { numRuns: 20 },
    );
  });

  it('gift gives back what GIFT can carry: code, topic name, type, text, options, key, explanation', async () => {
    const carried = (q: QuestionDraft, topicName: string) => ({
      code: q.code ?? null,
      topic: topicName,
      type: q.type,
      text: q.text,
      options: q.options,
      correct: q.correct,
      explanation: q.explanation,
    });
    await fc.assert(
      fc.asyncProperty(bankArb, async (bank) => {
        const result = await roundTrip(bank, 'gift');
        expect(result.problems).toEqual([]);
        const names = new Map(result.topics.map((t) => [t.code, t.name]));
        const expected = bank.questions.map((q) =>
          carried(q, bank.topics.find((t) => t.code === q.topic)?.name ?? ''),
        );
        const actual = result.questions.map((q) =>
          carried(q.draft, names.get(q.draft.topic) ?? ''),
        );
        const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text);
        expect(actual.sort(byText)).toEqual(expected.sort(byText));
      }),
      { numRuns: 60 },
    );
  });
});
