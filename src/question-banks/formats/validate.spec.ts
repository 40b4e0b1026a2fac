import { resolveLimits } from './limits';
import { newRawQuestion, type RawField, type RawQuestion } from './raw';
import {
  TopicRegistry,
  finalizeQuestions,
  splitSource,
  splitTags,
  validateQuestion,
} from './validate';

const limits = resolveLimits();

function raw(
  values: Partial<Record<RawField, string | null>>,
  options: (string | null)[] = ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'],
  row = 2,
): RawQuestion {
  const q = newRawQuestion('Câu hỏi', row, null, `dòng ${row}`);
  q.values = { text: 'Cấp nào không còn tổ chức chính quyền địa phương?', correct: 'B', ...values };
  for (const field of Object.keys(q.values) as RawField[]) q.columns[field] = `Cột ${field}`;
  q.options = options.map((text, i) => ({ text, column: `Phương án ${'ABCDEFG'[i]}` }));
  return q;
}

function messages(q: RawQuestion): string[] {
  return validateQuestion(q, limits).problems.map((p) => p.message);
}

describe('validateQuestion', () => {
  it('builds a draft with defaults when optional columns are missing or empty', () => {
    const { draft, problems } = validateQuestion(raw({ difficulty: '', audience: null }), limits);
    expect(problems).toEqual([]);
    expect(draft).toEqual({
      code: null,
      topic: '',
      type: 'single',
      text: 'Cấp nào không còn tổ chức chính quyền địa phương?',
      options: ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'],
      correct: [1],
      difficulty: 'medium',
      explanation: '',
      source: { document: '', article: null },
      tags: [],
      audience: 'all',
      image: null,
      status: 'published',
      practice: true,
    });
  });

  it.each([
    ['difficulty', 'Dễ', 'easy'],
    ['difficulty', 'TRUNG BÌNH', 'medium'],
    ['difficulty', 'kho', 'hard'],
    ['difficulty', 'Nhận biết', 'easy'],
    ['audience', 'Tất cả', 'all'],
    ['audience', 'CBCCVC', 'civil_servant'],
    ['audience', 'Cán bộ, công chức, viên chức', 'civil_servant'],
    ['audience', 'người dân', 'citizen'],
    ['status', 'Nháp', 'draft'],
    ['status', 'Công khai', 'published'],
    ['status', 'Đã duyệt', 'published'],
    ['practice', 'Có', true],
    ['practice', 'KHÔNG', false],
    ['practice', 'x', true],
  ] as [RawField, string, string | boolean][])('maps %s %j to %j', (field, written, value) => {
    const { draft } = validateQuestion(raw({ [field]: written }), limits);
    expect(draft?.[field as 'difficulty' | 'audience' | 'status' | 'practice']).toBe(value);
  });

  it.each([
    ['difficulty', 'Rất khó', "Mức độ 'Rất khó' không hợp lệ (dùng: Dễ, Trung bình, Khó)"],
    ['audience', 'Học sinh', "Đối tượng 'Học sinh' không hợp lệ (dùng: Tất cả, CBCCVC, Người dân)"],
    ['status', 'Chờ', "Trạng thái 'Chờ' không hợp lệ (dùng: Nháp, Công khai)"],
    ['practice', 'Có lẽ', "Luyện tập 'Có lẽ' không hợp lệ (dùng: Có, Không)"],
    [
      'type',
      'Tự luận',
      "Loại câu hỏi 'Tự luận' không hợp lệ (dùng: Một đáp án, Nhiều đáp án, Đúng/Sai)",
    ],
  ] as [RawField, string, string][])('rejects %s %j', (field, written, message) => {
    const result = validateQuestion(raw({ [field]: written }), limits);
    expect(result.draft).toBeNull();
    expect(result.problems).toEqual([
      { sheet: 'Câu hỏi', row: 2, column: `Cột ${field}`, message },
    ]);
  });

  it('reports a missing text, a too long text, option and explanation', () => {
    expect(messages(raw({ text: '  ' }))).toEqual(['Thiếu nội dung câu hỏi']);
    expect(messages(raw({ text: 'x'.repeat(2001) }))).toEqual([
      'Nội dung câu hỏi dài 2001 ký tự, vượt quá giới hạn 2000 ký tự',
    ]);
    expect(messages(raw({}, ['a', 'b'.repeat(501)]))).toEqual([
      'Phương án B dài 501 ký tự, vượt quá giới hạn 500 ký tự',
    ]);
    expect(messages(raw({ explanation: 'y'.repeat(4001) }))).toEqual([
      'Phần giải thích dài 4001 ký tự, vượt quá giới hạn 4000 ký tự',
    ]);
  });

  it('checks the options: count, gaps and duplicates', () => {
    expect(messages(raw({ correct: 'A' }, ['Một']))).toEqual([
      'Cần ít nhất 2 phương án, hiện có 1',
    ]);
    expect(messages(raw({}, ['1', '2', '3', '4', '5', '6', '7']))).toEqual([
      'Tối đa 6 phương án (A–F), hiện có 7',
    ]);
    expect(messages(raw({ correct: 'A' }, ['Một', null, 'Ba', null]))).toEqual([
      'Phương án B để trống trong khi phương án C có nội dung',
    ]);
    expect(messages(raw({}, ['Cấp xã', 'Cấp huyện', 'cap xa']))).toEqual([
      'Phương án A và C trùng nhau',
    ]);
  });

  it('checks the key and reports every bad token', () => {
    expect(messages(raw({ correct: '' }))).toEqual(['Thiếu đáp án đúng']);
    expect(messages(raw({ correct: 'E' }))).toEqual([
      "Đáp án đúng 'E' không có trong các phương án (A–C)",
    ]);
    expect(messages(raw({ correct: 'D, 7', type: 'Nhiều đáp án' }))).toEqual([
      "Đáp án đúng 'D' không có trong các phương án (A–C)",
      "Đáp án đúng '7' không có trong các phương án (A–C)",
    ]);
    expect(messages(raw({ correct: 'khong biet' }))).toEqual([
      "Không đọc được đáp án đúng 'khong biet' (ghi chữ cái của phương án, ví dụ: B hoặc A,C)",
    ]);
  });

  it('infers the type when the file does not say it', () => {
    expect(validateQuestion(raw({ correct: 'A,C' }), limits).draft?.type).toBe('multiple');
    expect(validateQuestion(raw({ correct: 'B' }), limits).draft?.type).toBe('single');
    expect(validateQuestion(raw({ correct: 'A' }, ['Đúng', 'Sai']), limits).draft?.type).toBe(
      'true_false',
    );
  });

  it('enforces the explicit type', () => {
    expect(messages(raw({ correct: 'A,C', type: 'Một đáp án' }))).toEqual([
      'Câu hỏi một đáp án nhưng có nhiều đáp án đúng (A, C)',
    ]);
    expect(messages(raw({ correct: 'A', type: 'Nhiều đáp án' }))).toEqual([
      'Câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng, hiện có 1',
    ]);
    expect(messages(raw({ correct: 'A', type: 'Đúng/Sai' }, ['Có', 'Không']))).toEqual([
      "Câu hỏi Đúng/Sai phải có đúng 2 phương án 'Đúng' và 'Sai'",
    ]);
    expect(messages(raw({ correct: 'A,B', type: 'Đúng/Sai' }, ['Đúng', 'Sai']))).toEqual([
      'Câu hỏi Đúng/Sai phải có đúng 1 đáp án đúng',
    ]);
  });

  it('stores true/false options as ["Đúng", "Sai"], filling or reordering them', () => {
    expect(validateQuestion(raw({ correct: 'Sai', type: null }, []), limits).draft).toMatchObject({
      type: 'true_false',
      options: ['Đúng', 'Sai'],
      correct: [1],
    });
    expect(
      validateQuestion(raw({ correct: 'A', type: 'Đúng/Sai' }, []), limits).draft,
    ).toMatchObject({ options: ['Đúng', 'Sai'], correct: [0] });
    expect(
      validateQuestion(raw({ correct: 'A', type: 'Đúng/Sai' }, ['Sai', 'Đúng']), limits).draft,
    ).toMatchObject({ options: ['Đúng', 'Sai'], correct: [1] });
    expect(
      validateQuestion(raw({ correct: 'B', type: 'Đúng/Sai' }, ['True', 'False']), limits).draft,
    ).toMatchObject({ options: ['Đúng', 'Sai'], correct: [1] });
  });

  it('compares a written key with marked options', () => {
    const marked = raw({ correct: null });
    marked.marked = [2];
    expect(validateQuestion(marked, limits).draft?.correct).toEqual([2]);
    const both = raw({ correct: 'A' });
    both.marked = [2];
    expect(messages(both)).toEqual(["Đáp án ghi 'A' khác với phương án được đánh dấu (C)"]);
  });

  it('prefixes messages with the label of formats without rows', () => {
    const q = raw({ correct: '' });
    q.label = 'Câu 12';
    expect(messages(q)).toEqual(['Câu 12: Thiếu đáp án đúng']);
  });

  it('does not report a missing value for a cell that could not be read', () => {
    const q = raw({ correct: null });
    q.broken.add('correct');
    q.problems.push({
      sheet: 'Câu hỏi',
      row: 2,
      column: 'Cột correct',
      message: 'Ô có lỗi công thức #N/A',
    });
    expect(messages(q)).toEqual(['Ô có lỗi công thức #N/A']);
    expect(validateQuestion(q, limits).draft).toBeNull();
  });

  it('splits tags and keeps the article column when there is one', () => {
    expect(
      validateQuestion(raw({ tags: 'một cửa; dịch vụ công, một cửa\nVNeID' }), limits).draft?.tags,
    ).toEqual(['một cửa', 'dịch vụ công', 'VNeID']);
    expect(
      validateQuestion(raw({ source: 'Nghị định 118/2025/NĐ-CP, Điều 5', article: '' }), limits)
        .draft?.source,
    ).toEqual({
      document: 'Nghị định 118/2025/NĐ-CP, Điều 5',
      article: null,
    });
    expect(
      validateQuestion(raw({ source: 'Nghị định 118/2025/NĐ-CP', article: 'Điều 5' }), limits).draft
        ?.source,
    ).toEqual({
      document: 'Nghị định 118/2025/NĐ-CP',
      article: 'Điều 5',
    });
  });
});

describe('splitSource', () => {
  it.each([
    ['Nghị định 118/2025/NĐ-CP, Điều 5', 'Nghị định 118/2025/NĐ-CP', 'Điều 5'],
    [
      'Luật Cán bộ, công chức năm 2025 - Khoản 2 Điều 3',
      'Luật Cán bộ, công chức năm 2025',
      'Khoản 2 Điều 3',
    ],
    ['Khoản 1, Điều 3 Nghị quyết số 76/NQ-CP', 'Nghị quyết số 76/NQ-CP', 'Khoản 1, Điều 3'],
    ['Điều 5 Nghị định 118/2025/NĐ-CP', 'Nghị định 118/2025/NĐ-CP', 'Điều 5'],
    ['Nghị quyết số 76/NQ-CP', 'Nghị quyết số 76/NQ-CP', null],
    ['Luật Cán bộ, công chức', 'Luật Cán bộ, công chức', null],
  ])('splits %j', (written, document, article) => {
    expect(splitSource(written)).toEqual({ document, article });
  });
});

describe('splitTags', () => {
  it('splits on , ; | and new lines, drops empties and repeats', () => {
    expect(splitTags('a, b;;c | a\n d')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('TopicRegistry', () => {
  it('resolves codes and names accent-insensitively and creates codes for new names', () => {
    const registry = new TopicRegistry([{ code: 'the-che', name: 'Cải cách thể chế' }]);
    expect(registry.resolve('the-che')).toBe('the-che');
    expect(registry.resolve('CẢI CÁCH THỂ CHẾ')).toBe('the-che');
    expect(registry.resolve('Chính phủ số')).toBe('chinh-phu-so');
    expect(registry.resolve('chinh phu so')).toBe('chinh-phu-so');
    expect(registry.list().map((t) => t.code)).toEqual(['the-che', 'chinh-phu-so']);
  });
});

describe('finalizeQuestions', () => {
  it('names both rows of a duplicate question, and of a duplicate code', () => {
    const a = raw({ code: 'X-1' }, undefined, 2);
    const b = raw(
      { text: 'CẤP NÀO KHÔNG CÒN  tổ chức chính quyền địa phương?', code: 'x-1' },
      undefined,
      7,
    );
    const result = finalizeQuestions([a, b], { limits });
    expect(result.questions.map((q) => q.location.row)).toEqual([2]);
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [7, 'Cột text', "Câu hỏi trùng với câu ở trang tính 'Câu hỏi', dòng 2"],
      [7, 'Cột code', "Mã câu hỏi 'x-1' trùng với câu ở trang tính 'Câu hỏi', dòng 2"],
    ]);
  });

  it('puts questions without a topic in the default topic', () => {
    const result = finalizeQuestions([raw({})], { limits, defaultTopic: 'Chính phủ số' });
    expect(result.topics).toEqual([{ code: 'chinh-phu-so', name: 'Chính phủ số' }]);
    expect(finalizeQuestions([raw({})], { limits }).topics).toEqual([
      { code: 'chung', name: 'Chung' },
    ]);
  });

  it('stops at the question limit', () => {
    const raws = [1, 2, 3].map((n) => raw({ text: `Câu hỏi số ${n}?` }, undefined, n + 1));
    const result = finalizeQuestions(raws, { limits: { ...limits, maxQuestions: 2 } });
    expect(result.questions).toHaveLength(2);
    expect(result.problems).toEqual([
      {
        sheet: 'Câu hỏi',
        row: 4,
        column: null,
        message: 'Tệp có hơn 2 câu hỏi, vượt quá giới hạn; chỉ đọc 2 câu đầu tiên',
      },
    ]);
  });
});
