/** Aiken, CSV decoding/delimiters, JSON reader and format detection. */
import { readAikenText } from './aiken';
import { detectDelimiter, readCsv } from './csv';
import { detectFormat } from './detect';
import { readJsonText } from './json';
import { resolveLimits } from './limits';
import { decodeText } from './text-decode';

describe('readAikenText', () => {
  it('reads questions separated or not by blank lines', () => {
    const read = readAikenText('Một?\nA. x\nB. y\nANSWER: B\nHai?\nA) x\nB) y\nC) z\nANSWER: C\n');
    expect(
      read.raws.map((r) => [r.row, r.values.text, r.options.map((o) => o.text), r.values.correct]),
    ).toEqual([
      [1, 'Một?', ['x', 'y'], 'B'],
      [5, 'Hai?', ['x', 'y', 'z'], 'C'],
    ]);
    expect(read.raws[1].label).toBe('Câu thứ 2 (dòng 5)');
  });

  it('reports an ANSWER line without a question', () => {
    expect(readAikenText('ANSWER: A\n').problems.map((p) => p.message)).toEqual([
      'Dòng 1: Dòng đáp án nằm ngoài câu hỏi nào',
      'Không tìm thấy câu hỏi nào trong tệp',
    ]);
  });
});

describe('CSV', () => {
  it.each([
    ['Câu hỏi,A,B,Đáp án\nx,1,2,A', ','],
    ['Câu hỏi;A;B;Đáp án\n"x, y";1;2;A', ';'],
    ['Câu hỏi\tA\tB\tĐáp án\nx\t1\t2\tA', '\t'],
    ['Tiêu đề, thêm\n\nCâu hỏi;Phương án A;Phương án B;Đáp án\nx;1;2;A', ';'],
  ])('detects the delimiter of %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('reads UTF-16 (Excel "Unicode text") and Windows-1258 files', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Câu hỏi\tA\tB\tĐáp án\nSố mấy?\t1\t2\tA', 'utf16le'),
    ]);
    const read = readCsv(utf16, resolveLimits());
    expect(read.raws[0].values.text).toBe('Số mấy?');
    expect(read.meta?.encoding).toBe('utf-16le');

    // "Câu hỏi" in Windows-1258: C, â (0xE2), u, space, h, o, combining hook (0xD2), i
    const cp1258 = Buffer.from([
      0x43, 0xe2, 0x75, 0x20, 0x68, 0x6f, 0xd2, 0x69, 0x2c, 0x41, 0x2c, 0x42, 0x2c, 0x4b, 0x65,
      0x79, 0x0a, 0x78, 0x2c, 0x31, 0x2c, 0x32, 0x2c, 0x41,
    ]);
    const decoded = decodeText(cp1258);
    expect(decoded.ok && decoded.text.startsWith('Câu hỏi')).toBe(true);
    expect(decoded.ok && decoded.notices[0]).toContain('Windows-1258');
  });

  it('counts rows as a spreadsheet does, a quoted new line staying in its row', () => {
    const read = readCsv(
      Buffer.from('Câu hỏi,A,B,Đáp án\n"dòng một\ndòng hai",1,2,A\nBa?,1,2,B'),
      resolveLimits(),
    );
    expect(read.raws.map((r) => r.row)).toEqual([2, 3]);
  });
});

describe('readJsonText', () => {
  it('rejects JSON that is not ours, a wrong version, and broken JSON', () => {
    expect(readJsonText('{"a":1}').problems[0].message).toContain('không phải ngân hàng câu hỏi');
    expect(
      readJsonText('{"meta":{"format":"hoi-thi-cchc/question-bank"}}').problems[0].message,
    ).toBe("Phiên bản định dạng 'null' không được hỗ trợ (chỉ hỗ trợ phiên bản 1)");
    expect(readJsonText('{"meta":').problems[0].message).toMatch(/^Tệp JSON không hợp lệ: /);
  });

  it('reports fields of the wrong type and unknown topics, per question', () => {
    const read = readJsonText(
      JSON.stringify({
        meta: { format: 'hoi-thi-cchc/question-bank', version: 1 },
        topics: [{ code: 'a', name: 'A' }, { code: 'a', name: 'A2' }, { name: 'thiếu mã' }],
        questions: [
          { topic: 'b', text: 1, options: 'x', correct: [1], tags: 'x', practice: 'có', source: 5 },
          'không phải đối tượng',
        ],
      }),
    );
    expect(read.problems.map((p) => [p.column, p.message])).toEqual([
      ['topics[1]', "Mã chủ đề 'a' bị khai báo hai lần"],
      ['topics[2]', 'Trường "topics[2]" phải là một đối tượng có "code" và "name" là chuỗi ký tự'],
    ]);
    expect(read.raws[0].problems.map((p) => [p.column, p.message])).toEqual([
      ['text', 'Câu thứ 1: Trường "text" phải là chuỗi ký tự'],
      ['topic', 'Câu thứ 1: Chủ đề \'b\' không có trong danh sách "topics" của tệp'],
      ['options', 'Câu thứ 1: Trường "options" phải là danh sách chuỗi ký tự'],
      [
        'correct',
        'Câu thứ 1: Trường "correct" phải là danh sách chữ cái, ví dụ ["B"] hoặc ["A", "C"]',
      ],
      ['source', 'Câu thứ 1: Trường "source" phải là một đối tượng { "document", "article" }'],
      ['tags', 'Câu thứ 1: Trường "tags" phải là danh sách chuỗi ký tự'],
      ['practice', 'Câu thứ 1: Trường "practice" phải là true hoặc false'],
    ]);
    expect(read.raws[1]).toMatchObject({ rejected: true });
  });
});

describe('detectFormat', () => {
  const zip = (inner: string) =>
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${inner}....`)]);

  it('looks at the content first', () => {
    expect(detectFormat(zip('xl/workbook.xml'), 'a.docx')).toBe('xlsx');
    expect(detectFormat(zip('word/document.xml'), 'a.xlsx')).toBe('docx');
    expect(
      detectFormat(Buffer.from('{"meta":{"format":"hoi-thi-cchc/question-bank"}}'), 'a.txt'),
    ).toBe('json');
    expect(detectFormat(Buffer.from('$CATEGORY: x\n\nHỏi? {=a ~b}'), 'a.txt')).toBe('gift');
    expect(detectFormat(Buffer.from('Hỏi? {T}'), 'a.csv')).toBe('gift');
    expect(detectFormat(Buffer.from('Hỏi?\nA. x\nB. y\nANSWER: A'), 'a.txt')).toBe('aiken');
    expect(detectFormat(Buffer.from('Câu hỏi,A,B,Đáp án\nx,1,2,A'), 'a.xlsx')).toBe('csv');
  });

  it('falls back to the extension, then csv', () => {
    expect(detectFormat(Buffer.alloc(0), 'a.docx')).toBe('docx');
    expect(detectFormat(Buffer.alloc(0), 'a')).toBe('csv');
    expect(detectFormat(Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]), 'a.xlsx')).toBe('xlsx');
    expect(detectFormat(zip('nothing'), 'a.docx')).toBe('docx');
    expect(detectFormat(Buffer.from('{ không phải json'), 'a.json')).toBe('json');
  });
});
