import { readDocLines, splitOptions, type DocLine } from './docx';
import { resolveLimits } from './limits';
import { finalizeQuestions } from './validate';

const BOLD = 1;
const UNDERLINE = 2;

type Spec =
  | string
  | { text: string; flags?: number[] | number; style?: DocLine['style']; numbered?: boolean };

function lines(...specs: Spec[]): DocLine[] {
  return specs.map((spec, index) => {
    const s = typeof spec === 'string' ? { text: spec } : spec;
    const flags = Array.isArray(s.flags)
      ? s.flags
      : new Array<number>(s.text.length).fill(s.flags ?? 0);
    return {
      paragraph: index + 1,
      text: s.text,
      flags,
      style: s.style ?? null,
      numbered: s.numbered ?? false,
    };
  });
}

/** Flags for "prefix" plain then "marked" with the given bits. */
function partly(prefix: string, marked: string, bits: number): { text: string; flags: number[] } {
  return {
    text: prefix + marked,
    flags: [
      ...new Array<number>(prefix.length).fill(0),
      ...new Array<number>(marked.length).fill(bits),
    ],
  };
}

function parse(...specs: Spec[]) {
  const read = readDocLines(lines(...specs));
  const done = finalizeQuestions(read.raws, { limits: resolveLimits() });
  return {
    read,
    questions: done.questions.map((q) => q.draft),
    problems: [...read.problems, ...done.problems].map((p) => p.message),
    topics: done.topics,
  };
}

describe('splitOptions', () => {
  it('splits options spread on one line by tabs or wide spaces', () => {
    const parts = splitOptions(lines('A. Một\tB. Hai    C. Ba')[0], 0);
    expect(parts?.map((p) => [p.index, p.text])).toEqual([
      [0, 'Một'],
      [1, 'Hai'],
      [2, 'Ba'],
    ]);
  });

  it('does not split "điểm b)" inside an option', () => {
    expect(splitOptions(lines('A. Theo điểm b) khoản 1 Điều 5')[0], 0)?.map((p) => p.text)).toEqual(
      ['Theo điểm b) khoản 1 Điều 5'],
    );
  });

  it('splits "A. Đúng B. Sai" typed with single spaces', () => {
    expect(splitOptions(lines('A. Đúng B. Sai')[0], 0)?.map((p) => p.text)).toEqual([
      'Đúng',
      'Sai',
    ]);
  });

  it('reads the label forms a) A) A/ and a leading star', () => {
    expect(splitOptions(lines('a) x')[0], 0)?.[0].index).toBe(0);
    expect(splitOptions(lines('C/ x')[0], 2)?.[0].index).toBe(2);
    expect(splitOptions(lines('*B) x')[0], 1)?.[0]).toMatchObject({
      index: 1,
      star: true,
      text: 'x',
    });
    expect(splitOptions(lines('A. x')[0], 1)).toBeNull();
  });
});

describe('readDocLines', () => {
  it('reads a question with options, key, explanation, source and difficulty', () => {
    const { questions, problems } = parse(
      'Câu 1: Hỏi gì?',
      'A. Một',
      'B. Hai',
      'Đáp án: B',
      'Giải thích: Vì vậy.',
      'Căn cứ: Luật A, Điều 2',
      'Độ khó: Khó',
    );
    expect(problems).toEqual([]);
    expect(questions[0]).toMatchObject({
      text: 'Hỏi gì?',
      options: ['Một', 'Hai'],
      correct: [1],
      explanation: 'Vì vậy.',
      source: { document: 'Luật A', article: 'Điều 2' },
      difficulty: 'hard',
    });
  });

  it('accepts "Câu 1.", "CÂU 1 -", "Câu hỏi 1:" and a question text on several lines', () => {
    const { questions } = parse(
      'CÂU 1 - Dòng một',
      'dòng hai?',
      'A. x',
      'B. y',
      'Đáp án đúng là A',
      'Câu hỏi 2: Hai?',
      'A. x',
      'B. y',
      'Đáp án: B',
    );
    expect(questions.map((q) => [q.text, q.correct])).toEqual([
      ['Dòng một\ndòng hai?', [0]],
      ['Hai?', [1]],
    ]);
  });

  it('reads the topic from "(chủ đề …)" after the question number', () => {
    const { topics } = parse('Câu 1 (chủ đề Chính phủ số): Hỏi?', 'A. x', 'B. y', 'Đáp án: A');
    expect(topics.map((t) => t.name)).toEqual(['Chính phủ số']);
  });

  it('takes topics from "Chủ đề:", "PHẦN I." and Word headings, ignores the title', () => {
    const { topics, questions } = parse(
      { text: 'NGÂN HÀNG CÂU HỎI', style: 'title' },
      'Chủ đề 1: Cải cách thể chế',
      'Câu 1: A?',
      'A. x',
      'B. y',
      'Đáp án: A',
      'I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
      'Câu 1: B?',
      'A. x',
      'B. y',
      'Đáp án: A',
      { text: 'Chính phủ số', style: 'heading' },
      'Câu 1: C?',
      'A. x',
      'B. y',
      'Đáp án: A',
    );
    expect(topics.map((t) => t.name)).toEqual([
      'Cải cách thể chế',
      'Cải cách thủ tục hành chính',
      'Chính phủ số',
    ]);
    expect(questions.map((q) => q.topic)).toEqual([
      'cai-cach-the-che',
      'cai-cach-thu-tuc-hanh-chinh',
      'chinh-phu-so',
    ]);
  });

  it('names a question whose number restarts in a new section by its topic', () => {
    const { problems } = parse(
      'Chủ đề: Một',
      'Câu 1: A?',
      'A. x',
      'B. y',
      'Đáp án: A',
      'Chủ đề: Hai',
      'Câu 1: B?',
      'A. x',
      'B. y',
    );
    expect(problems).toEqual(['Câu 1 (chủ đề Hai): Thiếu đáp án đúng']);
  });

  it('reports a question number used twice in the same section', () => {
    const { problems } = parse(
      'Câu 1: A?',
      'A. x',
      'B. y',
      'Đáp án: A',
      'Câu 1: B?',
      'A. x',
      'B. y',
      'Đáp án: A',
    );
    expect(problems).toEqual(['Câu 1: Số câu 1 bị lặp lại']);
  });

  it('reads marks: bold, underline, star; ignores a mark every option has', () => {
    const bold = parse('Câu 1: Hỏi?', 'A. x', partly('', 'B. y', BOLD), 'C. z');
    expect(bold.questions[0].correct).toEqual([1]);
    const underline = parse(
      'Câu 1: Hỏi?',
      partly('A. ', 'x', UNDERLINE),
      'B. y',
      partly('C. ', 'z', UNDERLINE),
    );
    expect(underline.questions[0]).toMatchObject({ correct: [0, 2], type: 'multiple' });
    const allBold = parse(
      'Câu 1: Hỏi?',
      { text: 'A. x', flags: BOLD },
      { text: 'B. y', flags: BOLD },
      'Đáp án: B',
    );
    expect(allBold.questions[0].correct).toEqual([1]);
    const allBoldNoKey = parse(
      'Câu 1: Hỏi?',
      { text: 'A. x', flags: BOLD },
      { text: 'B. y', flags: BOLD },
    );
    expect(allBoldNoKey.problems).toEqual(['Câu 1: Thiếu đáp án đúng']);
    const partlyBold = parse('Câu 1: Hỏi?', partly('A. một ', 'không', BOLD), 'B. y', '*C. z');
    expect(partlyBold.questions[0].correct).toEqual([2]);
  });

  it('reads options from a Word numbered list', () => {
    const { questions } = parse(
      'Câu 1: Hỏi?',
      { text: 'Một', numbered: true },
      { text: 'Hai', numbered: true },
      'Đáp án: B',
    );
    expect(questions[0]).toMatchObject({ options: ['Một', 'Hai'], correct: [1] });
    const withFirst = parse('Câu 1: Hỏi?', 'A. Một', { text: 'Hai', numbered: true }, 'Đáp án: B');
    expect(withFirst.questions[0].options).toEqual(['Một', 'Hai']);
  });

  it('reads questions numbered "1." when the file never says "Câu"', () => {
    const { questions } = parse(
      '1. Hỏi một?',
      'A. x',
      'B. y',
      'Đáp án: A',
      '2. Hỏi hai?',
      'A. x',
      'B. y',
      'Đáp án: B',
    );
    expect(questions.map((q) => q.text)).toEqual(['Hỏi một?', 'Hỏi hai?']);
  });

  it('reads an answer key section, and reports keys for unknown questions', () => {
    const { questions, problems } = parse(
      'Câu 1: A?',
      'A. x',
      'B. y',
      'Câu 2: B?',
      'A. x',
      'B. y',
      'Bảng đáp án',
      '1.B; 2.A; 3.C',
    );
    expect(questions.map((q) => q.correct)).toEqual([[1], [0]]);
    expect(problems).toEqual(['Đoạn 8: Bảng đáp án có câu 3 nhưng không có câu hỏi số 3']);
  });

  it('reports an option or key line outside any question, and ignores loose text', () => {
    const { problems, read } = parse(
      'Lời nói đầu.',
      'Câu 1: A?',
      'A. x',
      'B. y',
      'Đáp án: A',
      'Chủ đề: Hai',
      'Ghi chú của người soạn.',
      'C. lạc',
      'Đáp án: B',
    );
    expect(problems).toEqual([
      'Đoạn 8: Phương án nằm ngoài câu hỏi nào (thiếu dòng "Câu …:" phía trên)',
      'Đoạn 9: Dòng đáp án nằm ngoài câu hỏi nào',
    ]);
    expect(read.meta?.ignoredParagraphs).toEqual([1, 7]);
  });

  it('says when a document has no question at all', () => {
    expect(parse('Chỉ có một đoạn văn.').problems).toEqual([
      "Không tìm thấy câu hỏi nào: mỗi câu cần bắt đầu bằng 'Câu 1:', 'Câu 2.'…, tiếp theo là các phương án 'A.', 'B.'…",
    ]);
  });
});
