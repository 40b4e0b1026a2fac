import {
  HEADER_SYNONYMS,
  isQuestionHeader,
  mapHeaderRow,
  matchHeader,
  matchLineLabel,
} from './headers';
import type { RawField } from './raw';

describe('matchHeader', () => {
  const all = Object.entries(HEADER_SYNONYMS).flatMap(([field, words]) =>
    words.map((word) => [word, field] as const),
  );

  it.each(all)('reads the header %j as the field %s', (word, field) => {
    expect(matchHeader(word)).toEqual({ kind: 'field', field });
  });

  it.each([
    ['câu hỏi', 'text'],
    ['CÂU HỎI', 'text'],
    ['Cau hoi', 'text'],
    ['  Nội   dung câu hỏi  ', 'text'],
    ['Nội dung câu hỏi (*)', 'text'],
    ['Đáp án đúng\n(ghi A, B, C hoặc D)', 'correct'],
    ['ĐÁP ÁN ĐÚNG:', 'correct'],
    ['Mức độ (Dễ/Trung bình/Khó)', 'difficulty'],
    ['Từ khoá', 'tags'],
    ['Căn cứ pháp lý', 'source'],
    ['Lĩnh vực', 'topic'],
  ] as [string, RawField][])('is tolerant: %j → %s', (header, field) => {
    expect(matchHeader(header)).toEqual({ kind: 'field', field });
  });

  it.each([
    ['Phương án A', 0],
    ['phuong an b', 1],
    ['Đáp án C', 2],
    ['PA D', 3],
    ['PA1', 0],
    ['Lựa chọn E', 4],
    ['F', 5],
    ['a', 0],
    ['Phương án 6', 5],
    ['Option B', 1],
  ])('reads %j as option %i', (header, index) => {
    expect(matchHeader(header)).toEqual({ kind: 'option', index });
  });

  it('ignores STT, leaves unknown headers unmatched', () => {
    expect(matchHeader('STT')).toEqual({ kind: 'ignored' });
    expect(matchHeader('Số thứ tự')).toEqual({ kind: 'ignored' });
    expect(matchHeader('Người soạn')).toBeNull();
    expect(matchHeader('Phương án G')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });
});

describe('mapHeaderRow', () => {
  it('maps columns, keeps headers as written, lists unknown and duplicate columns', () => {
    const map = mapHeaderRow([
      'STT',
      'Câu hỏi',
      'A',
      'B',
      'Đáp án',
      'Người soạn',
      'Đáp án đúng',
      null,
    ]);
    expect(map.fields.get('text')).toEqual({ index: 1, header: 'Câu hỏi' });
    expect(map.fields.get('correct')).toEqual({ index: 4, header: 'Đáp án' });
    expect([...map.options.keys()]).toEqual([0, 1]);
    expect(map.unknown).toEqual(['Người soạn']);
    expect(map.duplicates.map(([dup, first]) => [dup.header, first.header])).toEqual([
      ['Đáp án đúng', 'Đáp án'],
    ]);
    expect(isQuestionHeader(map)).toBe(true);
  });

  it('needs a question column and two options to be a header row', () => {
    expect(isQuestionHeader(mapHeaderRow(['Câu hỏi', 'Phương án A']))).toBe(false);
    expect(isQuestionHeader(mapHeaderRow(['Phương án A', 'Phương án B', 'Đáp án']))).toBe(false);
  });
});

describe('matchLineLabel', () => {
  it('names the field of "Label: value" lines in Word files', () => {
    expect(matchLineLabel('Đáp án')).toBe('correct');
    expect(matchLineLabel('Căn cứ')).toBe('source');
    expect(matchLineLabel('Giải thích')).toBe('explanation');
    expect(matchLineLabel('Phương án A')).toBeNull();
    expect(matchLineLabel('Theo quy định')).toBeNull();
  });
});
