import ExcelJS from 'exceljs';
import { IMPORT_LIMITS, describeProblem, parseBankFile } from './index';

async function xlsx(rows: ExcelJS.CellValue[][], name = 'Câu hỏi'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('parseBankFile', () => {
  it('exposes the limits of the brief', () => {
    expect(IMPORT_LIMITS).toEqual({
      maxFileBytes: 10 * 1024 * 1024,
      maxQuestions: 5000,
      maxTextLength: 2000,
      maxOptionLength: 500,
      maxExplanationLength: 4000,
    });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const result = await parseBankFile({
      buffer: Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 1, 0x41),
      filename: 'lon.csv',
    });
    expect(result.problems.map((p) => p.message)).toEqual([
      'Tệp nặng 10 MB, vượt quá giới hạn 10 MB',
    ]);
    const bigger = await parseBankFile({
      buffer: Buffer.alloc(12 * 1024 * 1024 + 300_000),
      filename: 'lon.xlsx',
    });
    expect(bigger.problems[0].message).toBe('Tệp nặng 12,3 MB, vượt quá giới hạn 10 MB');
  });

  it('takes limits and the default topic from options', async () => {
    const csv = Buffer.from('Câu hỏi,A,B,Đáp án\nMột?,x,y,A\nHai?,x,y,B\n');
    const result = await parseBankFile(
      { buffer: csv, filename: 'a.csv' },
      { limits: { maxQuestions: 1 }, defaultTopic: 'Chính phủ số' },
    );
    expect(result.questions).toHaveLength(1);
    expect(result.topics).toEqual([{ code: 'chinh-phu-so', name: 'Chính phủ số' }]);
    expect(result.problems[0].message).toContain('hơn 1 câu hỏi');
  });

  it('can be told the format', async () => {
    const result = await parseBankFile(
      { buffer: Buffer.from('Hỏi?\nA. x\nB. y\nANSWER: A'), filename: 'x.csv' },
      { format: 'aiken' },
    );
    expect(result.format).toBe('aiken');
    expect(result.questions).toHaveLength(1);
    expect(result.meta?.notices).toEqual([]);
  });

  it('turns a formula cell into its cached result, and numbers and booleans into text', async () => {
    const buffer = await xlsx([
      ['Câu hỏi', 'Phương án A', 'Phương án B', 'Đáp án đúng', 'Luyện tập'],
      ['Tỷ lệ?', 0.5, 0.25, { formula: 'CHAR(65)', result: 'A' }, false],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Câu hỏi');
    if (!sheet) throw new Error('no sheet');
    sheet.getCell('B2').numFmt = '0%';
    sheet.getCell('C2').numFmt = '0%';
    const again = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await parseBankFile({ buffer: again, filename: 'a.xlsx' });
    expect(result.problems).toEqual([]);
    expect(result.questions[0].draft).toMatchObject({
      options: ['50%', '25%'],
      correct: [0],
      practice: false,
    });
  });

  it('reports a sheet with data but no header, and still reads the other sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Dữ liệu').addRows([
      ['Một?', 'x', 'y', 'A'],
      ['Hai?', 'x', 'y', 'B'],
    ]);
    workbook.addWorksheet('Thể chế').addRows([
      ['Câu hỏi', 'A', 'B', 'Đáp án'],
      ['Ba?', 'x', 'y', 'A'],
    ]);
    const result = await parseBankFile({
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      filename: 'a.xlsx',
    });
    expect(result.questions.map((q) => q.draft.topic)).toEqual(['the-che']);
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: 'Dữ liệu', row: null, column: null }),
    ]);
  });

  it('says when a file has no question at all', async () => {
    const result = await parseBankFile({ buffer: await xlsx([]), filename: 'a.xlsx' });
    expect(result.problems.map((p) => p.message)).toEqual(['Không tìm thấy câu hỏi nào trong tệp']);
  });

  it('sorts the problems of a workbook by sheet, then row', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const name of ['Một', 'Hai']) {
      workbook.addWorksheet(name).addRows([
        ['Câu hỏi', 'A', 'B', 'Đáp án', 'Mức độ'],
        [`${name} a?`, 'x', 'y', '', 'Dễ'],
        [`${name} b?`, 'x', 'y', 'A', 'Rất dễ'],
      ]);
    }
    const result = await parseBankFile({
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      filename: 'a.xlsx',
    });
    expect(result.problems.map((p) => `${p.sheet}:${p.row}`)).toEqual([
      'Một:2',
      'Một:3',
      'Hai:2',
      'Hai:3',
    ]);
  });
});

describe('describeProblem', () => {
  it('puts the location in front of the message for spreadsheets', () => {
    expect(
      describeProblem(
        { sheet: 'Thể chế', row: 7, column: 'Đáp án đúng', message: 'Thiếu đáp án đúng' },
        'xlsx',
      ),
    ).toBe("Trang tính 'Thể chế', dòng 7, cột 'Đáp án đúng': Thiếu đáp án đúng");
    expect(
      describeProblem({ sheet: null, row: 3, column: null, message: 'Thiếu đáp án đúng' }, 'csv'),
    ).toBe('Dòng 3: Thiếu đáp án đúng');
    expect(
      describeProblem(
        { sheet: null, row: 12, column: null, message: 'Câu 12: Thiếu đáp án đúng' },
        'docx',
      ),
    ).toBe('Câu 12: Thiếu đáp án đúng');
  });
});
