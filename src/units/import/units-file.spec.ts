import { readFileSync } from 'fs';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { parseHeadcount, parseUnitKind, normalizeUnitCode, readUnitsFile } from './units-file';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'units');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));
const csv = (text: string) => Buffer.from(text, 'utf8');

async function xlsx(rows: (string | number | null)[][], name = 'Đơn vị'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(name);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = 'Mã khối/đơn vị,Tên,Loại,Thuộc,Số người\n';

/** The only problem of a one-row CSV file. */
async function onlyProblem(row: string) {
  const result = await readUnitsFile(csv(HEADER + row), 'don-vi.csv');
  expect(result.rows).toEqual([]);
  expect(result.problems).toHaveLength(1);
  return result.problems[0];
}

describe('readUnitsFile: files that read', () => {
  it('reads a ward list below a title block, ignoring STT and notes, blocks before their units', async () => {
    const result = await readUnitsFile(fixture('ok/don-vi-phuong.xlsx'), 'don-vi-phuong.xlsx');
    expect(result.problems).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.format).toBe('xlsx');
    expect(result.rowCount).toBe(6);
    expect(
      result.rows.map((r) => [r.row, r.code, r.name, r.kind, r.parentCode, r.headcount]),
    ).toEqual([
      [5, 'K-CQ', 'Khối cơ quan', 'block', null, 0],
      [6, 'VP', 'Văn phòng HĐND và UBND', 'unit', 'K-CQ', 12],
      [7, 'KT', 'Phòng Kinh tế', 'unit', 'K-CQ', 8],
      [8, 'K-DC', 'Khối dân cư', 'block', null, 0],
      [9, 'TDP1', 'Tổ dân phố 1', 'residential_group', 'K-DC', 1250],
      [10, 'TDP2', 'Tổ dân phố 2', 'residential_group', 'K-DC', 980],
    ]);
    expect(result.rows[0].sheet).toBe('Danh sách');
  });

  it('reads a flat CSV with BOM and semicolons, other header words, an empty kind as a unit', async () => {
    const result = await readUnitsFile(fixture('ok/don-vi-khong-khoi.csv'), 'don-vi.csv');
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('csv');
    expect(result.rows.map((r) => [r.row, r.code, r.name, r.kind, r.headcount])).toEqual([
      [2, 'TDP1', 'Tổ dân phố 1', 'residential_group', 350],
      [3, 'TDP2', 'Tổ dân phố 2; khu B', 'residential_group', 420],
      [4, 'CA', 'Công an phường', 'unit', 25],
    ]);
    expect(result.rows[0].sheet).toBeNull();
  });

  it('reads the comma-separated form and reports the columns it ignores', async () => {
    const result = await readUnitsFile(
      csv('Mã,Tên,Số người,Điện thoại\nVP,Văn phòng,12,0912345678\n'),
      'x.csv',
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toMatchObject([{ code: 'VP', kind: 'unit', headcount: 12 }]);
    expect(result.notices).toEqual([
      'bỏ qua các cột không dùng đến: "Điện thoại".',
      'Tệp không có cột "Loại": mọi dòng được coi là "Đơn vị".',
    ]);
  });

  it('reads formulas by their cached result and skips a sheet without a header', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Đơn vị');
    sheet.addRow(['Mã', 'Tên', 'Số người']);
    sheet.addRow(['VP', 'Văn phòng', { formula: '10+2', result: 12 }]);
    wb.addWorksheet('Tổng hợp').addRow(['Không phải danh sách']);
    const result = await readUnitsFile(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx');
    expect(result.problems).toEqual([]);
    expect(result.rows).toMatchObject([{ code: 'VP', headcount: 12 }]);
    expect(result.notices).toContain(
      'Bỏ qua trang tính "Tổng hợp" vì không có dòng tiêu đề danh sách đơn vị.',
    );
  });
});

describe('readUnitsFile: every bad row is reported with its sheet, row and column', () => {
  it('reports each bad row of the not-ok workbook and keeps the good ones', async () => {
    const result = await readUnitsFile(fixture('not-ok/nhieu-dong-loi.xlsx'), 'loi.xlsx');
    expect(result.rowCount).toBe(15);
    expect(result.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['Đơn vị', 3, 'Mã khối/đơn vị'],
      ['Đơn vị', 4, 'Mã khối/đơn vị'],
      ['Đơn vị', 5, 'Tên'],
      ['Đơn vị', 6, 'Loại'],
      ['Đơn vị', 7, 'Thuộc'],
      ['Đơn vị', 8, 'Số người'],
      ['Đơn vị', 9, 'Số người'],
      ['Đơn vị', 10, 'Số người'],
      ['Đơn vị', 15, 'Thuộc'],
      ['Đơn vị', 16, 'Số người'],
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 11, 12, 13, 14]);
    expect(result.rejectedCodes).toEqual(['U1', 'U2', 'K2', 'U3', 'U4', 'U5', 'U9', 'U10']);
  });

  it('a missing code', async () => {
    expect(await onlyProblem(',Văn phòng,Đơn vị,,12')).toEqual({
      sheet: null,
      row: 2,
      column: 'Mã khối/đơn vị',
      message: 'Thiếu mã đơn vị.',
    });
  });

  it('a code with accents, spaces or too long', async () => {
    expect((await onlyProblem('TỔ 1,Tổ 1,Tổ dân phố,,5')).message).toContain(
      'Mã "TỔ 1" không hợp lệ',
    );
    expect((await onlyProblem(`${'A'.repeat(51)},Tổ 1,Tổ dân phố,,5`)).column).toBe(
      'Mã khối/đơn vị',
    );
  });

  it('a missing or too long name', async () => {
    expect(await onlyProblem('VP,,Đơn vị,,12')).toMatchObject({
      column: 'Tên',
      message: 'Thiếu tên đơn vị.',
    });
    expect(await onlyProblem(`VP,${'x'.repeat(201)},Đơn vị,,12`)).toMatchObject({
      column: 'Tên',
      message: 'Tên đơn vị dài quá 200 ký tự.',
    });
  });

  it('an unknown kind', async () => {
    expect(await onlyProblem('VP,Văn phòng,Phòng ban,,12')).toMatchObject({
      column: 'Loại',
      message: 'Loại "Phòng ban" không hợp lệ: ghi "Khối", "Đơn vị" hoặc "Tổ dân phố".',
    });
  });

  it('a block that belongs to something', async () => {
    expect(await onlyProblem('K1,Khối,Khối,K0,0')).toMatchObject({
      column: 'Thuộc',
      message: 'Khối là cấp trên cùng nên không thuộc đơn vị nào: để trống cột này.',
    });
  });

  it('a parent code that is not a code, or the unit itself', async () => {
    expect((await onlyProblem('VP,Văn phòng,Đơn vị,khối cơ quan,12')).message).toContain(
      'Mã "khối cơ quan" không hợp lệ',
    );
    expect(await onlyProblem('VP,Văn phòng,Đơn vị,vp,12')).toMatchObject({
      column: 'Thuộc',
      message: 'Đơn vị không thể thuộc chính nó.',
    });
  });

  it('a headcount that is missing, negative, a fraction or words', async () => {
    expect(await onlyProblem('VP,Văn phòng,Đơn vị,,')).toMatchObject({
      column: 'Số người',
      message: 'Thiếu số người của đơn vị.',
    });
    for (const bad of ['-3', '12,5', 'mười', '1.2.3']) {
      expect(await onlyProblem(`VP,Văn phòng,Đơn vị,,"${bad}"`)).toMatchObject({
        column: 'Số người',
        message: `Số người phải là số nguyên không âm (đang là "${bad}").`,
      });
    }
  });

  it('an unreadable cell (an error value) in the sheet', async () => {
    const buffer = await xlsx([
      ['Mã', 'Tên', 'Số người'],
      ['VP', 'Văn phòng', null],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    wb.worksheets[0].getCell('C2').value = { error: '#REF!' };
    const result = await readUnitsFile(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx');
    expect(result.problems).toEqual([
      {
        sheet: 'Đơn vị',
        row: 2,
        column: 'Số người',
        message: 'Không đọc được ô này (lỗi công thức hoặc kiểu dữ liệu lạ).',
      },
    ]);
  });

  it('several problems of one row, each in its column', async () => {
    const result = await readUnitsFile(csv(`${HEADER},,Phòng,,-1\n`), 'x.csv');
    expect(result.problems.map((p) => p.column)).toEqual([
      'Mã khối/đơn vị',
      'Tên',
      'Loại',
      'Số người',
    ]);
  });

  it('a column given twice', async () => {
    const result = await readUnitsFile(csv('Mã,Tên,Tên đơn vị,Số người\nVP,A,B,1\n'), 'x.csv');
    expect(result.problems).toEqual([
      {
        sheet: null,
        row: 1,
        column: 'Tên đơn vị',
        message: 'Cột "Tên đơn vị" trùng ý nghĩa với cột "Tên": chỉ giữ một cột.',
      },
    ]);
  });
});

describe('readUnitsFile: files that cannot be read', () => {
  it.each([
    ['not-ok/khong-co-tieu-de.csv', 'Không tìm thấy dòng tiêu đề'],
    ['not-ok/thieu-cot-so-nguoi.xlsx', 'Thiếu cột "Số người"'],
    ['not-ok/excel-cu.xls', 'Tệp Excel đời cũ (.xls)'],
  ])('%s', async (path, message) => {
    const result = await readUnitsFile(fixture(path), path);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining(message) }),
    ]);
  });

  it('an empty file, a header without rows, a fake .xlsx, random bytes, a file too large', async () => {
    const message = async (buffer: Buffer, name: string) =>
      (await readUnitsFile(buffer, name)).problems.map((p) => p.message);
    expect(await message(Buffer.alloc(0), 'a.csv')).toEqual(['Tệp rỗng.']);
    expect(await message(csv(HEADER), 'a.csv')).toEqual(['Tệp không có dòng đơn vị nào.']);
    expect(await message(csv(HEADER), 'a.xlsx')).toEqual([
      'Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (có thể tệp bị hỏng).',
    ]);
    expect(await message(Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]), 'a.xlsx')).toEqual([
      'Không đọc được tệp Excel (tệp bị hỏng hoặc không phải .xlsx).',
    ]);
    expect(await message(Buffer.from([0, 1, 2, 0, 0, 255, 254, 0, 7]), 'a.csv')).toEqual([
      'Tệp không phải Excel (.xlsx) hay CSV: không đọc được nội dung.',
    ]);
    expect((await message(Buffer.alloc(3 * 1024 * 1024, 65), 'a.csv'))[0]).toContain(
      'vượt quá giới hạn 2 MB',
    );
  });
});

describe('cell values', () => {
  it('normalizes codes to upper case and refuses anything else', () => {
    expect(normalizeUnitCode(' tdp-01 ')).toBe('TDP-01');
    expect(normalizeUnitCode('K.1_a')).toBe('K.1_A');
    expect(normalizeUnitCode('-K')).toBeNull();
    expect(normalizeUnitCode('Tổ 1')).toBeNull();
  });

  it('reads kinds in Vietnamese with or without accents', () => {
    expect(parseUnitKind('KHỐI')).toBe('block');
    expect(parseUnitKind('don vi')).toBe('unit');
    expect(parseUnitKind('Tổ dân phố')).toBe('residential_group');
    expect(parseUnitKind('TDP')).toBe('residential_group');
    expect(parseUnitKind('Phòng')).toBeNull();
  });

  it('reads headcounts with thousands separators, refuses fractions', () => {
    expect(parseHeadcount({ text: '1.250' })).toBe(1250);
    expect(parseHeadcount({ text: '1 250' })).toBe(1250);
    expect(parseHeadcount({ text: '12,5' })).toBeNull();
    expect(parseHeadcount({ text: '12', number: 12 })).toBe(12);
    expect(parseHeadcount({ text: '12.5', number: 12.5 })).toBeNull();
    expect(parseHeadcount({ text: '-1', number: -1 })).toBeNull();
  });
});
