/**
 * Tolerant header matching for spreadsheets (and "Label: value" lines in Word files): case,
 * accents, spacing, punctuation, notes in brackets and synonyms do not matter.
 */
import { MAX_OPTIONS } from '../domain/question';
import { group, normalizeLabel } from './normalize';
import type { RawField } from './raw';

/** Synonyms per field; the first one is the header we write. */
export const HEADER_SYNONYMS: Readonly<Record<RawField, readonly string[]>> = {
  code: ['Mã câu hỏi', 'Mã', 'Mã số', 'Mã CH', 'Code', 'ID'],
  topic: [
    'Chủ đề',
    'Lĩnh vực',
    'Chuyên đề',
    'Tên chủ đề',
    'Mã chủ đề',
    'Nhóm chủ đề',
    'Topic',
    'Category',
  ],
  type: ['Loại câu hỏi', 'Loại', 'Kiểu câu hỏi', 'Dạng câu hỏi', 'Type'],
  text: ['Câu hỏi', 'Nội dung câu hỏi', 'Nội dung', 'Đề bài', 'Câu hỏi trắc nghiệm', 'Question'],
  correct: [
    'Đáp án đúng',
    'Đáp án',
    'Đáp án chính xác',
    'ĐA đúng',
    'Đ/A',
    'Key',
    'Correct',
    'Correct answer',
    'Answer',
  ],
  difficulty: ['Mức độ', 'Độ khó', 'Cấp độ', 'Mức độ khó', 'Difficulty'],
  explanation: [
    'Giải thích',
    'Hướng dẫn',
    'Giải thích đáp án',
    'Lời giải',
    'Hướng dẫn trả lời',
    'Explanation',
    'Feedback',
  ],
  source: [
    'Căn cứ pháp lý',
    'Nguồn',
    'Văn bản',
    'Căn cứ',
    'Cơ sở pháp lý',
    'Văn bản pháp luật',
    'Văn bản quy định',
    'Nguồn tham khảo',
    'Tài liệu tham khảo',
    'Source',
  ],
  article: ['Điều', 'Điều khoản', 'Article'],
  tags: ['Thẻ', 'Từ khóa', 'Tags', 'Tag', 'Keywords'],
  audience: ['Đối tượng', 'Đối tượng dự thi', 'Đối tượng áp dụng', 'Dành cho', 'Audience'],
  status: ['Trạng thái', 'Tình trạng', 'Status'],
  practice: ['Luyện tập', 'Dùng luyện tập', 'Dùng cho luyện tập', 'Cho phép luyện tập', 'Practice'],
  image: ['Hình ảnh', 'Ảnh', 'Hình', 'Ảnh minh họa', 'Image'],
};

/** Columns we recognise and ignore on purpose. */
export const IGNORED_HEADERS: readonly string[] = ['STT', 'Số thứ tự', 'TT', 'No', 'Ghi chú'];

/** Prefixes of option columns: "Phương án A", "Đáp án A", "PA A", "Lựa chọn A", or just "A". */
export const OPTION_PREFIXES: readonly string[] = [
  'Phương án',
  'Đáp án',
  'PA',
  'Lựa chọn',
  'Phương án trả lời',
  'Câu trả lời',
  'Option',
  'Choice',
];

/** The sheet of topics our own export writes ("Chủ đề": code, name, description). */
export const TOPIC_SHEET_HEADERS = {
  code: ['Mã chủ đề'],
  name: ['Tên chủ đề'],
  description: ['Mô tả', 'Mô tả chủ đề'],
} as const;

export type HeaderMatch =
  { kind: 'field'; field: RawField } | { kind: 'option'; index: number } | { kind: 'ignored' };

function keyOf(header: string): string {
  return normalizeLabel(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
}

const fieldIndex = new Map<string, RawField>();
for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [RawField, readonly string[]][]) {
  for (const word of words) fieldIndex.set(keyOf(word), field);
}
const ignoredIndex = new Set(IGNORED_HEADERS.map(keyOf));
const optionPattern = new RegExp(
  String.raw`^(?:(?:${OPTION_PREFIXES.map(keyOf).join('|')})\s*([a-f]|[1-6])|([a-f]))$`,
);

export function matchHeader(header: string): HeaderMatch | null {
  const key = keyOf(header);
  if (key === '') return null;
  const option = optionPattern.exec(key);
  if (option) {
    const token = group(option, 1) ?? option[2];
    const index = /\d/.test(token) ? Number(token) - 1 : token.charCodeAt(0) - 97;
    if (index < MAX_OPTIONS) return { kind: 'option', index };
  }
  const field = fieldIndex.get(key);
  if (field) return { kind: 'field', field };
  if (ignoredIndex.has(key) || key === '') return { kind: 'ignored' };
  return null;
}

export function matchTopicSheetHeader(header: string): keyof typeof TOPIC_SHEET_HEADERS | null {
  const key = keyOf(header);
  for (const [field, words] of Object.entries(TOPIC_SHEET_HEADERS) as [
    keyof typeof TOPIC_SHEET_HEADERS,
    readonly string[],
  ][]) {
    if (words.some((word) => keyOf(word) === key)) return field;
  }
  return null;
}

export interface ColumnRef {
  /** Zero-based column index. */
  index: number;
  /** Header as written, whitespace collapsed. */
  header: string;
}

export interface HeaderMap {
  fields: Map<RawField, ColumnRef>;
  options: Map<number, ColumnRef>;
  /** Headers we did not recognise, as written. */
  unknown: string[];
  /** Columns matching a field already matched: [duplicate, first]. */
  duplicates: [ColumnRef, ColumnRef][];
}

export function tidyHeader(header: string): string {
  return header.replace(/\s+/g, ' ').trim();
}

/** Maps a row of header cells; `cells[i]` is the text of column i (or null). */
export function mapHeaderRow(cells: readonly (string | null)[]): HeaderMap {
  const map: HeaderMap = { fields: new Map(), options: new Map(), unknown: [], duplicates: [] };
  cells.forEach((cell, index) => {
    if (cell === null || cell.trim() === '') return;
    const ref: ColumnRef = { index, header: tidyHeader(cell) };
    const match = matchHeader(cell);
    if (match === null) {
      map.unknown.push(ref.header);
    } else if (match.kind === 'option') {
      const first = map.options.get(match.index);
      if (first) map.duplicates.push([ref, first]);
      else map.options.set(match.index, ref);
    } else if (match.kind === 'field') {
      const first = map.fields.get(match.field);
      if (first) map.duplicates.push([ref, first]);
      else map.fields.set(match.field, ref);
    }
  });
  return map;
}

export function isQuestionHeader(map: HeaderMap): boolean {
  return map.fields.has('text') && map.options.size >= 2;
}

/** "Label: value" lines in Word files: which field does the label name? */
export function matchLineLabel(label: string): RawField | null {
  const match = matchHeader(label);
  return match?.kind === 'field' ? match.field : null;
}
