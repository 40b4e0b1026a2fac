import {
  columnLetter,
  readGrid,
  topicFromSheetName,
  type Grid,
  type GridCell,
  type GridRow,
} from './tabular';

function rows(...values: (string | null | GridCell)[][]): GridRow[] {
  return values.map((cells, index) => ({
    number: index + 1,
    cells: cells.map((cell) =>
      cell === null ? undefined : typeof cell === 'string' ? { text: cell } : cell,
    ),
  }));
}

const HEAD = ['Câu hỏi', 'A', 'B', 'Đáp án'];

function read(grid: Grid) {
  return readGrid(grid, { remaining: 5000 });
}

describe('readGrid', () => {
  it('finds the header below a title block and uses real row numbers', () => {
    const result = read({
      sheet: 'Sheet1',
      rows: rows(['NGÂN HÀNG CÂU HỎI'], [], HEAD, ['Câu một?', 'x', 'y', 'A']),
    });
    expect(result.raws).toHaveLength(1);
    expect(result.raws[0]).toMatchObject({
      row: 4,
      values: { text: 'Câu một?', correct: 'A' },
      columns: { correct: 'Đáp án' },
    });
  });

  it('only looks for the header in the first 30 rows', () => {
    const title = Array.from({ length: 30 }, (_, i) => [
      `Dòng tiêu đề ${i + 1}`,
      'ghi chú',
      'thêm',
    ]);
    const result = read({
      sheet: 'Sheet1',
      rows: rows(...title, HEAD, ['Câu một?', 'x', 'y', 'A']),
    });
    expect(result.raws).toEqual([]);
    expect(result.problems[0].message).toContain('không tìm thấy dòng tiêu đề');
  });

  it('reads a header on two rows (merged "Phương án" above A, B, C)', () => {
    const result = read({
      sheet: 'Sheet1',
      rows: rows(
        ['Câu hỏi', 'Phương án', null, 'Đáp án đúng'],
        [null, 'A', 'B', null],
        ['Câu một?', 'x', 'y', 'B'],
      ),
    });
    expect(result.raws.map((r) => [r.row, r.values.correct])).toEqual([[3, 'B']]);
  });

  it('takes the topic from section rows, then the sheet name, and skips empty and repeated header rows', () => {
    const result = read({
      sheet: 'Thể chế',
      rows: rows(
        HEAD,
        ['Câu một?', 'x', 'y', 'A'],
        [],
        [
          { text: 'PHẦN II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH' },
          { text: 'PHẦN II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', mergedFrom: 'A4' },
        ],
        HEAD,
        ['Câu hai?', 'x', 'y', 'B'],
      ),
    });
    expect(result.raws.map((r) => [r.row, r.values.topic])).toEqual([
      [2, 'Thể chế'],
      [6, 'Cải cách thủ tục hành chính'],
    ]);
  });

  it('does not use a generic sheet name as topic', () => {
    expect(topicFromSheetName('Sheet1')).toBeNull();
    expect(topicFromSheetName('Trang tính 2')).toBeNull();
    expect(topicFromSheetName('Câu hỏi')).toBeNull();
    expect(topicFromSheetName('Hướng dẫn')).toBeNull();
    expect(topicFromSheetName(' Chính phủ số ')).toBe('Chính phủ số');
    expect(topicFromSheetName(null)).toBeNull();
  });

  it('reports merged cells in per-question columns but lets other columns inherit', () => {
    const result = read({
      sheet: 'S',
      rows: rows(
        [...HEAD, 'Mức độ'],
        ['Câu một?', 'x', 'y', 'A', 'Khó'],
        [{ text: 'Câu một?', mergedFrom: 'A2' }, 'x', 'y', 'A', { text: 'Khó', mergedFrom: 'E2' }],
      ),
    });
    expect(result.raws[1].problems.map((p) => [p.column, p.message])).toEqual([
      ['Câu hỏi', 'Ô bị gộp (merge) với ô A2; hãy bỏ gộp và điền đủ nội dung cho từng câu hỏi'],
    ]);
    expect(result.raws[1].values.difficulty).toBe('Khó');
  });

  it('reports unreadable cells with their header', () => {
    const result = read({
      sheet: 'S',
      rows: rows(HEAD, ['Câu một?', 'x', { text: null, problem: 'Ô có lỗi công thức #REF!' }, 'A']),
    });
    expect(result.raws[0].problems).toEqual([
      { sheet: 'S', row: 2, column: 'B', message: 'Ô có lỗi công thức #REF!' },
    ]);
    expect(result.raws[0].options[1]).toMatchObject({ broken: true });
  });

  it('skips empty and instruction sheets, and reads our topic sheet', () => {
    expect(read({ sheet: 'Sheet2', rows: [] }).skipped).toBe('empty');
    expect(
      read({
        sheet: 'Ghi chú',
        rows: rows(['Mỗi câu một dòng.'], ['Đáp án ghi bằng chữ cái.', 'ví dụ B']),
      }).skipped,
    ).toBe('instructions');
    const topics = read({
      sheet: 'Chủ đề',
      rows: rows(
        ['Mã chủ đề', 'Tên chủ đề', 'Mô tả'],
        ['the-che', 'Cải cách thể chế', ''],
        ['', 'Thiếu mã', ''],
      ),
    });
    expect(topics.skipped).toBe('topics');
    expect(topics.declaredTopics).toEqual([
      { code: 'the-che', name: 'Cải cách thể chế', description: null },
    ]);
    expect(topics.problems.map((p) => [p.row, p.message])).toEqual([
      [3, 'Dòng chủ đề thiếu mã hoặc tên chủ đề'],
    ]);
  });

  it('lists columns it does not know and reports duplicate ones', () => {
    const result = read({
      sheet: 'S',
      rows: rows([...HEAD, 'Người soạn', 'Đáp án đúng'], ['Câu một?', 'x', 'y', 'A', 'Lan', 'B']),
    });
    expect(result.ignoredColumns).toEqual(['Người soạn']);
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [1, 'Đáp án đúng', "Cột 'Đáp án đúng' trùng ý nghĩa với cột 'Đáp án'; đã bỏ qua cột này"],
    ]);
    expect(result.raws[0].values.correct).toBe('A');
  });
});

describe('columnLetter', () => {
  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });
});
