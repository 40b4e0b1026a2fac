import ExcelJS from 'exceljs';
import { readRosterFile } from './roster-file';
import { buildRosterTemplate, ROSTER_TEMPLATE_EXAMPLE } from './roster-template';
import { createLiveRoom } from '../domain/live-room.create';
import { question } from '../domain/live-room.test-support';

type Cell = string | number | null | ExcelJS.CellFormulaValue;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = wb.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('readRosterFile: files that read', () => {
  it('reads its own template: the two example rows', async () => {
    const result = await readRosterFile(await buildRosterTemplate(), 'mau.xlsx');
    expect(result).toEqual({ rows: ROSTER_TEMPLATE_EXAMPLE, problems: [] });
  });

  it('finds the header below a title, with other spellings, STT ignored, over several sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('Khối cơ quan');
    first.addRow(['DANH SÁCH THÍ SINH VÒNG CHUNG KẾT']);
    first.addRow([]);
    first.addRow(['STT', 'SBD', 'HỌ TÊN', 'Cơ quan/đơn vị', 'Ghi chú']);
    first.addRow([1, 'ts-01', '  Nguyễn   Văn An ', 'Phòng Kinh tế', '']);
    first.addRow([2, 7, 'Trần Thị Bình', null, 'vắng buổi sáng']);
    first.getCell('B5').numFmt = '000';
    first.addRow([3, 12, 'Lê Văn Cường']);
    const second = wb.addWorksheet('Khối dân cư');
    second.addRow(['Số báo danh (SBD)', 'Họ và tên', 'Đơn vị']);
    second.addRow(['TDP-1', 'Phạm Thị Dung', 'Tổ dân phố 1']);
    second.addRow([]);
    second.addRow(['Số báo danh (SBD)', 'Họ và tên', 'Đơn vị']);
    second.addRow(['TDP-2', 'Hoàng Văn Em', 'Tổ dân phố 2']);
    const help = wb.addWorksheet('Hướng dẫn');
    help.addRow(['Điền danh sách vào các trang tính trên.']);
    const hidden = wb.addWorksheet('Cũ', { state: 'hidden' });
    hidden.addRow(['SBD', 'Họ tên']);
    hidden.addRow(['ts-01', 'Người cũ']);
    const result = await readRosterFile(Buffer.from(await wb.xlsx.writeBuffer()), 'danh-sach.xlsx');
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { number: 'ts-01', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' },
      { number: '007', name: 'Trần Thị Bình', team: null },
      { number: '12', name: 'Lê Văn Cường', team: null },
      { number: 'TDP-1', name: 'Phạm Thị Dung', team: 'Tổ dân phố 1' },
      { number: 'TDP-2', name: 'Hoàng Văn Em', team: 'Tổ dân phố 2' },
    ]);
  });

  it('reads a CSV with BOM and semicolons, and one with commas and no unit column', async () => {
    const semi = await readRosterFile(
      csv('\ufeffSố báo danh;Họ và tên;Đơn vị\nA1;Nguyễn An;"Tổ 1; khu B"\nA2;Trần Bình;\n'),
      'ds.csv',
    );
    expect(semi).toEqual({
      rows: [
        { number: 'A1', name: 'Nguyễn An', team: 'Tổ 1; khu B' },
        { number: 'A2', name: 'Trần Bình', team: null },
      ],
      problems: [],
    });
    const comma = await readRosterFile(csv('sbd,ho ten\n1,An\n2,Bình\n'), 'ds.csv');
    expect(comma.rows).toEqual([
      { number: '1', name: 'An', team: null },
      { number: '2', name: 'Bình', team: null },
    ]);
  });

  it('gives rows createLiveRoom accepts', async () => {
    const result = await readRosterFile(await buildRosterTemplate(), 'mau.xlsx');
    const created = createLiveRoom({
      roomId: 'r',
      format: 'classic',
      questions: [question('q1')],
      roster: result.rows,
    });
    expect(created.ok && created.state.roster).toEqual(ROSTER_TEMPLATE_EXAMPLE);
  });
});

describe('readRosterFile: every bad row is reported with its sheet, row and column', () => {
  it('reports missing, too long, duplicate and unreadable values, and returns no bad row', async () => {
    const file = await workbook({
      'Thí sinh': [
        ['SBD', 'Họ tên', 'Đơn vị'],
        ['A01', 'Nguyễn An', 'Phòng A'], // 2 ok
        [null, 'Không số', 'Phòng A'], // 3 missing number
        ['A03', null, 'Phòng A'], // 4 missing name
        ['a01', 'Trùng số', null], // 5 duplicate of row 2 (case)
        ['A05', 'ệ'.repeat(41), null], // 6 name too long
        ['1'.repeat(21), 'Số dài', null], // 7 number too long
        ['A07', 'Đơn vị dài', 'x'.repeat(61)], // 8 unit too long
        ['A08', { formula: '1/0', result: { error: '#DIV/0!' } }, null], // 9 unreadable
        ['A09', 'Hợp lệ', 'Phòng B'], // 10 ok
      ],
      'Trang 2': [
        ['Số báo danh', 'Họ và tên'],
        ['A09', 'Trùng trang khác'], // 2 duplicate of Thí sinh!10
        [null, null],
        ['A10', 'Hợp lệ 2'], // 4 ok
      ],
    });
    const result = await readRosterFile(file, 'ds.xlsx');
    expect(result.problems).toEqual([
      { sheet: 'Thí sinh', row: 3, column: 'SBD', message: 'Thiếu số báo danh.' },
      { sheet: 'Thí sinh', row: 4, column: 'Họ tên', message: 'Thiếu họ và tên.' },
      {
        sheet: 'Thí sinh',
        row: 5,
        column: 'SBD',
        message: 'Số báo danh "a01" trùng với dòng 2.',
      },
      {
        sheet: 'Thí sinh',
        row: 6,
        column: 'Họ tên',
        message: 'Họ và tên dài 41 ký tự, vượt quá giới hạn 40 ký tự.',
      },
      {
        sheet: 'Thí sinh',
        row: 7,
        column: 'SBD',
        message: 'Số báo danh dài 21 ký tự, vượt quá giới hạn 20 ký tự.',
      },
      {
        sheet: 'Thí sinh',
        row: 8,
        column: 'Đơn vị',
        message: 'Tên đơn vị dài 61 ký tự, vượt quá giới hạn 60 ký tự.',
      },
      {
        sheet: 'Thí sinh',
        row: 9,
        column: 'Họ tên',
        message: 'Không đọc được ô này (lỗi công thức hoặc kiểu dữ liệu lạ).',
      },
      {
        sheet: 'Trang 2',
        row: 2,
        column: 'Số báo danh',
        message: 'Số báo danh "A09" trùng với dòng 10 của trang tính "Thí sinh".',
      },
    ]);
    expect(result.rows.map((r) => r.number)).toEqual(['A01', 'A09', 'A10']);
  });

  it('reports a duplicated column at the header row', async () => {
    const result = await readRosterFile(csv('SBD,Họ tên,Họ và tên\n1,An,An\n'), 'ds.csv');
    expect(result.problems).toEqual([
      {
        sheet: null,
        row: 1,
        column: 'Họ và tên',
        message: 'Cột "Họ và tên" trùng ý nghĩa với cột "Họ tên": chỉ giữ một cột.',
      },
    ]);
  });

  it('stops at 5000 contestants and says where', async () => {
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `${String(i + 1)},Thí sinh ${String(i + 1)}`,
    );
    const result = await readRosterFile(csv(`SBD,Họ tên\n${rows.join('\n')}\n`), 'ds.csv');
    expect(result.rows).toHaveLength(5000);
    expect(result.problems).toEqual([
      {
        sheet: null,
        row: 5002,
        column: null,
        message:
          'Tệp có hơn 5000 thí sinh, vượt quá giới hạn của một phòng thi; các dòng từ đây không được đọc.',
      },
    ]);
  });
});

describe('readRosterFile: files that cannot be read', () => {
  const only = async (buffer: Buffer, name: string) => {
    const result = await readRosterFile(buffer, name);
    expect(result.rows).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ sheet: null, row: null, column: null });
    return result.problems[0]?.message;
  };

  it.each<[string, () => Promise<Buffer> | Buffer, string, string]>([
    ['an empty file', () => Buffer.alloc(0), 'ds.xlsx', 'Tệp rỗng.'],
    [
      'random bytes named .xlsx',
      () => Buffer.from('not a zip at all'),
      'ds.xlsx',
      'không phải tệp Excel hợp lệ',
    ],
    [
      'a legacy .xls',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
      'ds.xls',
      '.xls',
    ],
    [
      'a file over 2 MB',
      () => Buffer.alloc(2 * 1024 * 1024 + 1, 0x41),
      'ds.csv',
      'vượt quá giới hạn 2 MB',
    ],
    [
      'a sheet without a header row',
      () =>
        workbook({
          A: [
            ['Tên', 'Tuổi'],
            ['An', 30],
          ],
        }),
      'ds.xlsx',
      'Không tìm thấy dòng tiêu đề',
    ],
    [
      'a CSV without a number column',
      () => csv('Họ và tên,Đơn vị\nAn,Phòng A\n'),
      'ds.csv',
      'Không tìm thấy dòng tiêu đề',
    ],
    [
      'a header and no rows',
      () => csv('Số báo danh,Họ và tên\n'),
      'ds.csv',
      'Tệp không có dòng thí sinh nào.',
    ],
  ])('%s', async (_, make, name, message) => {
    expect(await only(await make(), name)).toContain(message);
  });
});
