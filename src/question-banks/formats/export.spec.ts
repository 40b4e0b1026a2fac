import ExcelJS from 'exceljs';
import type { QuestionDraft } from '../domain/question';
import { buildXlsxTemplate, exportBank, parseBankFile } from './index';

const NOW = new Date('2026-11-26T00:00:00.000Z');

const questions: QuestionDraft[] = [
  {
    code: 'TC-001',
    topic: 'the-che',
    type: 'multiple',
    text: 'Những nội dung nào thuộc Chương trình tổng thể?',
    options: ['Cải cách thể chế', 'Cải cách tư pháp', 'Cải cách tài chính công'],
    correct: [0, 2],
    difficulty: 'hard',
    explanation: 'Giải thích.',
    source: { document: 'Nghị quyết số 76/NQ-CP', article: 'Điều 1' },
    tags: ['nghị quyết 76', 'chương trình'],
    audience: 'civil_servant',
    image: null,
    status: 'draft',
    practice: false,
  },
];
const bank = {
  meta: { name: 'Ngân hàng thử', contentCheckedAt: '2026-11-26' },
  topics: [{ code: 'the-che', name: 'Cải cách thể chế' }],
  questions,
};

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('exportBank xlsx', () => {
  it('writes the template layout: Vietnamese headers in bold, widths, letters as key, Vietnamese values', async () => {
    const workbook = await workbookOf(await exportBank(bank, 'xlsx', { now: NOW }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Chủ đề', 'Hướng dẫn']);
    const sheet = workbook.getWorksheet('Câu hỏi');
    if (!sheet) throw new Error('no sheet');
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1, 6)).toEqual(['STT', 'Mã câu hỏi', 'Chủ đề', 'Loại câu hỏi', 'Câu hỏi']);
    expect(header).toContain('Phương án F');
    expect(header).toContain('Đáp án đúng');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(5).width).toBe(60);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 6)).toEqual([
      1,
      'TC-001',
      'Cải cách thể chế',
      'Nhiều đáp án',
      questions[0].text,
    ]);
    expect(row).toContain('A,C');
    expect(row).toContain('Khó');
    expect(row).toContain('CBCCVC');
    expect(row).toContain('Nháp');
    expect(row).toContain('Không');
    expect(row).toContain('nghị quyết 76; chương trình');
  });

  it('re-imports as the same bank', async () => {
    const result = await parseBankFile({
      buffer: await exportBank(bank, 'xlsx', { now: NOW }),
      filename: 'x.xlsx',
    });
    expect(result.problems).toEqual([]);
    expect(result.topics).toEqual([
      { code: 'the-che', name: 'Cải cách thể chế', description: null },
    ]);
    expect(result.questions.map((q) => q.draft)).toEqual(questions);
  });
});

describe('exportBank json', () => {
  it('writes the project format, pretty-printed with two spaces', async () => {
    const text = (await exportBank(bank, 'json', { now: NOW })).toString('utf8');
    expect(
      text.startsWith(
        '{\n  "meta": {\n    "format": "hoi-thi-cchc/question-bank",\n    "version": 1,',
      ),
    ).toBe(true);
    const parsed = JSON.parse(text) as {
      meta: Record<string, unknown>;
      questions: Record<string, unknown>[];
    };
    expect(parsed.meta).toEqual({
      format: 'hoi-thi-cchc/question-bank',
      version: 1,
      name: 'Ngân hàng thử',
      description: null,
      language: 'vi',
      contentCheckedAt: '2026-11-26',
      exportedAt: '2026-11-26T00:00:00.000Z',
    });
    expect(parsed.questions[0]).toMatchObject({
      correct: ['A', 'C'],
      source: { document: 'Nghị quyết số 76/NQ-CP', article: 'Điều 1' },
      image: null,
    });
  });
});

describe('buildXlsxTemplate', () => {
  it('has Vietnamese headers, two example rows that import cleanly, and an instructions sheet', async () => {
    const buffer = await buildXlsxTemplate({ now: NOW });
    const workbook = await workbookOf(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Hướng dẫn']);
    expect(workbook.getWorksheet('Câu hỏi')?.actualRowCount).toBe(3);
    const help = workbook.getWorksheet('Hướng dẫn');
    expect(help?.getCell('A1').text).toBe('HƯỚNG DẪN NHẬP NGÂN HÀNG CÂU HỎI');
    const result = await parseBankFile({ buffer, filename: 'mau.xlsx' });
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => q.draft.type)).toEqual(['single', 'multiple']);
    expect(result.meta?.skippedSheets).toEqual([{ sheet: 'Hướng dẫn', reason: 'instructions' }]);
  });
});
