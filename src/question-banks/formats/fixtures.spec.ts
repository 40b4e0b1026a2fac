import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseBankFile, type ImportProblem, type ParseResult } from './index';

const ROOT = join(__dirname, '../../../test/fixtures/question-banks');

interface Expectation {
  format: string;
  questions: number;
  topics?: string[];
  problems: {
    sheet?: string | null;
    row?: number | null;
    column?: string | null;
    message: string;
  }[];
  notices?: string[];
  skippedSheets?: string[];
}

function fixtures(folder: 'ok' | 'not-ok'): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => !name.endsWith('.expected.json'))
    .sort();
}

async function read(folder: 'ok' | 'not-ok', name: string): Promise<ParseResult> {
  return parseBankFile({ buffer: readFileSync(join(ROOT, folder, name)), filename: name });
}

function expectation(folder: 'ok' | 'not-ok', name: string): Expectation {
  return JSON.parse(
    readFileSync(join(ROOT, folder, `${name}.expected.json`), 'utf8'),
  ) as Expectation;
}

function matches(actual: ImportProblem, expected: Expectation['problems'][number]): boolean {
  return (
    actual.message.includes(expected.message) &&
    (expected.sheet === undefined || actual.sheet === expected.sheet) &&
    (expected.row === undefined || actual.row === expected.row) &&
    (expected.column === undefined || actual.column === expected.column)
  );
}

function checkAgainst(result: ParseResult, expected: Expectation): void {
  expect(result.format).toBe(expected.format);
  expect(result.questions).toHaveLength(expected.questions);
  // every problem in the file, no more, no less
  const unmatched = [...result.problems];
  for (const wanted of expected.problems) {
    const index = unmatched.findIndex((p) => matches(p, wanted));
    if (index < 0)
      throw new Error(
        `expected problem not found: ${JSON.stringify(wanted)} in ${JSON.stringify(result.problems, null, 1)}`,
      );
    unmatched.splice(index, 1);
  }
  expect(unmatched).toEqual([]);
  if (expected.topics) expect(result.topics.map((t) => t.name)).toEqual(expected.topics);
  for (const notice of expected.notices ?? []) {
    expect((result.meta?.notices as string[]).some((n) => n.includes(notice))).toBe(true);
  }
  if (expected.skippedSheets) {
    const skipped = (result.meta?.skippedSheets as { sheet: string }[]).map((s) => s.sheet);
    expect(skipped).toEqual(expected.skippedSheets);
  }
  // every question refers to a listed topic
  const codes = new Set(result.topics.map((t) => t.code));
  for (const q of result.questions) expect(codes.has(q.draft.topic)).toBe(true);
}

describe('ok fixtures', () => {
  it.each(fixtures('ok'))('reads %s without problems', async (name) => {
    checkAgainst(await read('ok', name), expectation('ok', name));
  });

  it('reads the messy Excel file: title block, synonyms, odd keys, merged and formula cells', async () => {
    const result = await read('ok', 'ngan-hang-lon-xon.xlsx');
    const byRow = (sheet: string, row: number) =>
      result.questions.find((q) => q.location.sheet === sheet && q.location.row === row)?.draft;
    const first = 'Cải cách thể chế';
    const second = 'Thủ tục hành chính';

    expect(byRow(first, 5)).toMatchObject({
      correct: [2],
      type: 'single',
      difficulty: 'easy',
      source: { document: 'Nghị quyết số 76/NQ-CP', article: 'Điều 1' },
      topic: 'cai-cach-the-che',
    });
    expect(byRow(first, 6)).toMatchObject({
      correct: [0, 2],
      type: 'multiple',
      difficulty: 'medium',
    });
    expect(byRow(first, 7)).toMatchObject({
      options: ['4', '5', '6', '7'],
      correct: [2],
      difficulty: 'hard',
    });
    // rich text, numbers as options, a number as key, difficulty from a merged cell above
    expect(byRow(first, 8)).toMatchObject({
      text: 'Luật Cán bộ, công chức hiện hành được Quốc hội thông qua năm nào?',
      options: ['2008', '2019', '2025', '2030'],
      correct: [2],
      difficulty: 'hard',
      explanation: '',
    });
    expect(byRow(second, 2)).toMatchObject({
      correct: [1],
      audience: 'civil_servant',
      source: { article: null },
    });
    expect(byRow(second, 3)).toMatchObject({
      type: 'true_false',
      options: ['Đúng', 'Sai'],
      correct: [0],
      audience: 'citizen',
    });
    expect(byRow(second, 4)).toMatchObject({ type: 'multiple', correct: [0, 2] });
    expect(byRow(second, 5)).toMatchObject({
      options: ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'],
      correct: [1],
      audience: 'all',
    });
  });

  it('reads a CSV with BOM, semicolons and a quoted new line', async () => {
    const result = await read('ok', 'cau-hoi-bom-cham-phay.csv');
    expect(result.meta?.delimiter).toBe(';');
    const multi = result.questions.find((q) => q.location.row === 3)?.draft;
    expect(multi?.text).toContain('tổng thể\ncải cách');
    expect(multi).toMatchObject({ type: 'multiple', correct: [0, 2] });
    expect(result.questions.find((q) => q.location.row === 5)?.draft.correct).toEqual([0]);
    expect(result.questions[0].draft.explanation).toBe(
      'Nghị quyết số 76/NQ-CP; giai đoạn 2021–2030.',
    );
  });

  it('reads the Word layout with key lines, topics, several options on a line and a key given as text', async () => {
    const result = await read('ok', 'de-cuong-dap-an.docx');
    const q = (n: number) => result.questions.find((x) => x.location.row === n)?.draft;
    expect(q(1)).toMatchObject({
      correct: [1],
      difficulty: 'easy',
      topic: 'cai-cach-the-che',
      source: { document: 'Nghị quyết số 76/NQ-CP', article: 'Điều 1' },
    });
    expect(q(2)).toMatchObject({
      type: 'multiple',
      correct: [0, 2, 3],
      options: [
        'Cải cách thể chế',
        'Cải cách tư pháp',
        'Cải cách tài chính công',
        'Cải cách chế độ công vụ',
      ],
    });
    expect(q(3)).toMatchObject({
      correct: [0],
      difficulty: 'easy',
      topic: 'cai-cach-thu-tuc-hanh-chinh',
    });
    expect(q(4)).toMatchObject({ type: 'true_false', options: ['Đúng', 'Sai'], correct: [1] });
    expect(q(5)?.options).toHaveLength(3);
    expect(q(5)?.explanation).toBe(
      'Tổ chức, cá nhân chọn cách nhận kết quả khi nộp hồ sơ.\nKết quả cũng có thể được trả trực tuyến với thủ tục hành chính được cung cấp trực tuyến.',
    );
  });

  it('reads answers marked in bold, underline, highlight or with a star', async () => {
    const result = await read('ok', 'dap-an-in-dam.docx');
    expect(result.questions.map((q) => q.draft.correct)).toEqual([[1], [0, 1, 3], [0], [0], [1]]);
    expect(result.questions[1].draft.type).toBe('multiple');
    expect(result.questions[2].draft.options[0]).toBe('Cổng Dịch vụ công quốc gia');
  });

  it('reads an answer table at the end of a Word file', async () => {
    const result = await read('ok', 'bang-dap-an-cuoi.docx');
    expect(result.questions.map((q) => q.draft.correct)).toEqual([[1], [0], [2]]);
  });

  it('reads a Word table laid out like a sheet, located by table and row', async () => {
    const result = await read('ok', 'bang-cau-hoi.docx');
    expect(result.questions.map((q) => [q.location, q.draft.topic, q.draft.correct])).toEqual([
      [{ sheet: 'Bảng 1', row: 2 }, 'tong-hop', [1]],
      [{ sheet: 'Bảng 1', row: 3 }, 'tong-hop', [0]],
      [{ sheet: null, row: 3 }, 'tong-hop', [1]],
    ]);
  });

  it('reads GIFT escapes, weights, true/false, missing-word and html text', async () => {
    const result = await read('ok', 'cau-hoi.gift');
    const [single, multiple, tf, falseOne, missingWord, html] = result.questions.map(
      (q) => q.draft,
    );
    expect(single).toMatchObject({
      code: 'TC-001',
      correct: [1],
      explanation: 'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.',
    });
    expect(multiple).toMatchObject({
      type: 'multiple',
      correct: [0, 2],
      text: 'Chọn các nội dung thuộc Chương trình tổng thể {nhiều đáp án}:',
    });
    expect(tf).toMatchObject({
      type: 'true_false',
      correct: [0],
      topic: 'cai-cach-to-chuc-bo-may',
    });
    expect(falseOne.correct).toEqual([1]);
    expect(missingWord.text).toMatch(/^Nghị định số _____ quy định/);
    expect(html.text).toBe('Ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển là gì?');
  });

  it('reads Aiken with the label lines after ANSWER', async () => {
    const result = await read('ok', 'cau-hoi-aiken.txt');
    expect(result.questions[1].draft).toMatchObject({
      correct: [0],
      difficulty: 'easy',
      explanation: 'VNeID là ứng dụng định danh điện tử quốc gia.',
    });
    expect(result.questions[2].draft).toMatchObject({ type: 'multiple', correct: [0, 2] });
  });

  it('keeps topic codes through our own xlsx export (the "Chủ đề" sheet)', async () => {
    const result = await read('ok', 'xuat-tu-he-thong.xlsx');
    expect(result.topics.map((t) => t.code)).toEqual([
      'the-che',
      'thu-tuc-hanh-chinh',
      'to-chuc-bo-may',
    ]);
    expect(result.questions[3].draft).toMatchObject({
      topic: 'to-chuc-bo-may',
      status: 'draft',
      practice: false,
      audience: 'citizen',
    });
  });
});

describe('not-ok fixtures', () => {
  it.each(fixtures('not-ok'))('reports every problem of %s', async (name) => {
    checkAgainst(await read('not-ok', name), expectation('not-ok', name));
  });
});

describe('the sample bank of the project', () => {
  const sample = join(__dirname, '../../../question-banks/cchc-mau.json');
  const exists = (() => {
    try {
      readFileSync(sample);
      return true;
    } catch {
      return false;
    }
  })();
  (exists ? it : it.skip)('question-banks/cchc-mau.json imports without problems', async () => {
    const result = await parseBankFile({ buffer: readFileSync(sample), filename: 'cchc-mau.json' });
    expect(result.problems).toEqual([]);
    expect(result.questions.length).toBeGreaterThan(0);
  });
});
