/**
 * Vietnamese (and English) words found in files, mapped to the model's values, accent- and
 * case-insensitively. One table per field; the first word of each entry is the one we write.
 */
import type { Audience, Difficulty, QuestionStatus, QuestionType } from '../domain/question';
import { normalizeLabel } from './normalize';

export interface ValueTable<T extends string | boolean> {
  /** Field name in messages: "Mức độ". */
  label: string;
  /** The words we write on export, in the file's language. */
  written: ReadonlyMap<T, string>;
  entries: ReadonlyArray<readonly [T, readonly string[]]>;
}

function table<T extends string | boolean>(
  label: string,
  entries: ReadonlyArray<readonly [T, readonly string[]]>,
): ValueTable<T> {
  return {
    label,
    written: new Map(entries.map(([value, words]) => [value, words[0]])),
    entries,
  };
}

export const TYPE_VALUES = table<QuestionType>('Loại câu hỏi', [
  [
    'single',
    ['Một đáp án', '1 đáp án', 'Một đáp án đúng', 'Một lựa chọn', 'Chọn một', 'Đơn', 'single'],
  ],
  ['multiple', ['Nhiều đáp án', 'Nhiều đáp án đúng', 'Nhiều lựa chọn', 'Chọn nhiều', 'multiple']],
  ['true_false', ['Đúng/Sai', 'Đúng sai', 'Đúng hoặc sai', 'Đ/S', 'true_false', 'true/false']],
]);

export const DIFFICULTY_VALUES = table<Difficulty>('Mức độ', [
  ['easy', ['Dễ', 'Nhận biết', 'Cơ bản', 'Mức 1', '1', 'easy']],
  ['medium', ['Trung bình', 'TB', 'Thông hiểu', 'Mức 2', '2', 'medium']],
  ['hard', ['Khó', 'Vận dụng', 'Vận dụng cao', 'Nâng cao', 'Mức 3', '3', 'hard']],
]);

export const AUDIENCE_VALUES = table<Audience>('Đối tượng', [
  ['all', ['Tất cả', 'Chung', 'Mọi đối tượng', 'all']],
  [
    'civil_servant',
    [
      'CBCCVC',
      'Cán bộ, công chức, viên chức',
      'Cán bộ công chức',
      'Công chức, viên chức',
      'Công chức',
      'CBCC',
      'civil_servant',
    ],
  ],
  ['citizen', ['Người dân', 'Nhân dân', 'Công dân', 'citizen']],
]);

export const STATUS_VALUES = table<QuestionStatus>('Trạng thái', [
  ['draft', ['Nháp', 'Bản nháp', 'Chưa duyệt', 'Ẩn', 'draft']],
  ['published', ['Công khai', 'Đã duyệt', 'Xuất bản', 'Sử dụng', 'Hiện', 'published']],
]);

export const PRACTICE_VALUES = table<boolean>('Luyện tập', [
  [true, ['Có', 'x', '1', 'Đúng', 'true', 'yes', 'y', 'c']],
  [false, ['Không', '0', 'Sai', 'false', 'no', 'n', 'k']],
]);

const indexes = new WeakMap<object, Map<string, string | boolean>>();

function lookup<T extends string | boolean>(values: ValueTable<T>): Map<string, T> {
  let index = indexes.get(values) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const [value, words] of values.entries) {
      for (const word of words) index.set(normalizeLabel(word), value);
    }
    indexes.set(values, index);
  }
  return index;
}

export type MappedValue<T> = { ok: true; value: T } | { ok: false; message: string };

/** Maps a cell value. Empty → the default; an unknown word → a message listing allowed words. */
export function mapValue<T extends string | boolean>(
  values: ValueTable<T>,
  raw: string | null | undefined,
  fallback: T,
): MappedValue<T> {
  const key = normalizeLabel(raw ?? '');
  if (key === '') return { ok: true, value: fallback };
  const found = lookup(values).get(key);
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, message: [...values.written.values()].join(', ') };
}

export function writtenValue<T extends string | boolean>(values: ValueTable<T>, value: T): string {
  return values.written.get(value) ?? String(value);
}
