import type { QuestionDraft } from '../domain/question';
import { escapeGift, writeGift } from './export-gift';
import { readGiftText } from './gift';
import { resolveLimits } from './limits';
import { finalizeQuestions } from './validate';

function parse(text: string) {
  const read = readGiftText(text);
  const done = finalizeQuestions(read.raws, { limits: resolveLimits() });
  return {
    questions: done.questions.map((q) => q.draft),
    problems: [...read.problems, ...done.problems],
    topics: done.topics,
  };
}

describe('readGiftText', () => {
  it('reads single choice, feedback, title and category', () => {
    const { questions, topics } = parse(
      '$CATEGORY: $course$/top/Chính phủ số\n\n::CPS-1:: Ứng dụng nào? {=VNeID#đúng ~Zalo#sai}\n',
    );
    expect(questions[0]).toMatchObject({
      code: 'CPS-1',
      type: 'single',
      text: 'Ứng dụng nào?',
      options: ['VNeID', 'Zalo'],
      correct: [0],
    });
    expect(topics.map((t) => t.name)).toEqual(['Chính phủ số']);
  });

  it('skips comment lines and reads a category path with an escaped slash', () => {
    const { topics, questions } = parse(
      '// chú thích\n$CATEGORY: top/Thủ tục//Hồ sơ\n// chú thích {=x}\nHỏi? {=a ~b}',
    );
    expect(topics.map((t) => t.name)).toEqual(['Thủ tục/Hồ sơ']);
    expect(questions).toHaveLength(1);
  });

  it('reads weights: positive weight means correct', () => {
    const { questions } = parse('Chọn? {~%33.33333%a ~%33.33333%b ~%-50%c ~%33.33333%d}');
    expect(questions[0]).toMatchObject({ type: 'multiple', correct: [0, 1, 3] });
    expect(parse('Chọn? {~%100%a ~%0%b}').questions[0]).toMatchObject({
      type: 'single',
      correct: [0],
    });
  });

  it('reads every true/false spelling', () => {
    for (const [body, correct] of [
      ['T', 0],
      ['TRUE', 0],
      ['F', 1],
      ['false', 1],
      ['T#sai rồi#đúng rồi', 0],
    ] as const) {
      expect(parse(`Phát biểu. {${body}}`).questions[0]).toMatchObject({
        type: 'true_false',
        options: ['Đúng', 'Sai'],
        correct: [correct],
      });
    }
  });

  it('unescapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n', () => {
    const { questions } = parse(
      String.raw`Ký tự \~ \= \# \{ \} \: \\ và\ndòng mới? {=đúng \= 1 ~sai \~ 2}`,
    );
    expect(questions[0].text).toBe('Ký tự ~ = # { } : \\ và\ndòng mới?');
    expect(questions[0].options).toEqual(['đúng = 1', 'sai ~ 2']);
  });

  it('reports each unsupported question type and goes on', () => {
    const { questions, problems } = parse(
      'Tự luận? {}\n\nSố? {#3:1}\n\nNgắn? {=a =b}\n\nGhép {=a -> 1 =b -> 2}\n\nMô tả không đáp án\n\nĐúng? {=a ~b}',
    );
    expect(questions).toHaveLength(1);
    expect(
      problems.map((p) => [p.row, p.message.replace(/^Câu thứ \d+ \(dòng \d+\): /, '')]),
    ).toEqual([
      [
        1,
        'Dạng câu hỏi GIFT "tự luận hoặc không rõ dạng (essay)" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai',
      ],
      [
        3,
        'Dạng câu hỏi GIFT "số (numerical)" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai',
      ],
      [
        5,
        'Dạng câu hỏi GIFT "trả lời ngắn (short answer)" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai',
      ],
      [
        7,
        'Dạng câu hỏi GIFT "ghép cặp (matching)" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai',
      ],
      [
        9,
        'Dạng câu hỏi GIFT "mô tả (description), không có phần đáp án" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai',
      ],
    ]);
  });

  it('reports a missing closing brace at the question line', () => {
    const { problems } = parse('\n\nHỏi? {=a ~b\n\nKhác? {=a ~b}');
    expect(problems).toEqual([
      {
        sheet: null,
        row: 3,
        column: null,
        message: "Câu thứ 1 (dòng 3): Thiếu dấu '}' đóng phần đáp án",
      },
    ]);
  });
});

describe('writeGift', () => {
  const question: QuestionDraft = {
    code: 'A:1',
    topic: 'the-che',
    type: 'multiple',
    text: 'Chọn {các} đáp án = đúng ~ #1\nhai dòng',
    options: ['x', 'y', 'z'],
    correct: [0, 2],
    difficulty: 'easy',
    explanation: 'Vì: luật',
    source: { document: '', article: null },
    tags: [],
    audience: 'all',
    image: null,
    status: 'published',
    practice: true,
  };

  it('escapes special characters and writes weights and general feedback', () => {
    const gift = writeGift({
      meta: { name: 'Thử' },
      topics: [{ code: 'the-che', name: 'Cải cách thể chế' }],
      questions: [question],
    });
    expect(gift).toContain('$CATEGORY: Cải cách thể chế');
    expect(gift).toContain(String.raw`::A\:1::Chọn \{các\} đáp án \= đúng \~ \#1\nhai dòng {`);
    expect(gift).toContain('\t~%50%x\n\t~%-100%y\n\t~%50%z\n\t####Vì\\: luật\n}');
  });

  it('writes what it reads back', () => {
    const gift = writeGift({
      meta: { name: 'Thử' },
      topics: [{ code: 'the-che', name: 'Cải cách thể chế' }],
      questions: [question],
    });
    expect(parse(gift).questions[0]).toMatchObject({
      code: 'A:1',
      text: question.text,
      options: question.options,
      correct: [0, 2],
      explanation: 'Vì: luật',
    });
  });

  it('escapes backslashes first', () => {
    expect(escapeGift('a\\b{')).toBe('a\\\\b\\{');
  });
});
