/**
 * Every message an organizer reads about an imported file, in one place (Vietnamese).
 * Tests match on substrings of these, so change wording here and in the specs together.
 */

const quote = (value: string): string => {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine}'`;
};

const megabytes = (bytes: number): string =>
  `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',').replace(/,0$/, '')} MB`;

export const msg = {
  // The file as a whole
  emptyFile: (): string => 'Tệp rỗng (0 byte), không có câu hỏi nào',
  fileTooLarge: (size: number, max: number): string =>
    `Tệp nặng ${megabytes(size)}, vượt quá giới hạn ${megabytes(max)}`,
  legacyOffice: (): string =>
    'Tệp Excel/Word đời cũ (.xls/.doc) chưa được hỗ trợ; hãy mở tệp và lưu lại dưới dạng .xlsx hoặc .docx',
  notZip: (kind: 'xlsx' | 'docx'): string =>
    kind === 'xlsx'
      ? 'Tệp không phải tệp Excel (.xlsx) hợp lệ: nội dung không đúng định dạng Office Open XML'
      : 'Tệp không phải tệp Word (.docx) hợp lệ: nội dung không đúng định dạng Office Open XML',
  corruptZip: (kind: 'xlsx' | 'docx', detail: string): string =>
    `Không mở được tệp ${kind === 'xlsx' ? 'Excel' : 'Word'}: tệp bị hỏng hoặc không đầy đủ (${detail})`,
  unzippedTooLarge: (max: number): string =>
    `Tệp chứa hơn ${megabytes(max)} dữ liệu sau khi giải nén (có thể là tệp hỏng hoặc quá nhiều dòng); hãy chia nhỏ tệp`,
  binaryText: (): string =>
    'Nội dung tệp không phải văn bản (có thể là tệp nhị phân bị đặt sai đuôi); không đọc được',
  unexpected: (detail: string): string => `Lỗi không mong đợi khi đọc tệp: ${detail}`,
  noQuestions: (): string => 'Không tìm thấy câu hỏi nào trong tệp',
  tooManyQuestions: (max: number): string =>
    `Tệp có hơn ${max} câu hỏi, vượt quá giới hạn; chỉ đọc ${max} câu đầu tiên`,
  notUtf8: (): string =>
    'Tệp không được lưu theo bảng mã UTF-8; đã đọc theo bảng mã Windows-1258, hãy kiểm tra dấu tiếng Việt (nên lưu lại dạng "CSV UTF-8")',
  extensionMismatch: (ext: string, format: string): string =>
    `Tệp có đuôi .${ext} nhưng nội dung là ${format}; đã đọc theo ${format}`,

  // Sheets and headers (xlsx, csv)
  noHeader: (): string =>
    "Trang tính có dữ liệu nhưng không tìm thấy dòng tiêu đề trong 30 dòng đầu (cần cột 'Câu hỏi' và ít nhất 2 cột phương án như 'Phương án A', 'Phương án B')",
  duplicateColumn: (header: string, first: string): string =>
    `Cột ${quote(header)} trùng ý nghĩa với cột ${quote(first)}; đã bỏ qua cột này`,
  formulaWithoutResult: (formula: string): string =>
    `Ô chứa công thức (=${formula}) nhưng chưa có kết quả tính sẵn; hãy mở tệp bằng Excel rồi lưu lại, hoặc dán dạng giá trị`,
  cellError: (error: string): string => `Ô có lỗi công thức ${error}`,
  unreadableCell: (): string =>
    'Không đọc được nội dung ô (kiểu dữ liệu không hỗ trợ); hãy nhập lại dạng văn bản',
  mergedCell: (master: string): string =>
    `Ô bị gộp (merge) với ô ${master}; hãy bỏ gộp và điền đủ nội dung cho từng câu hỏi`,
  numberAsQuestion: (value: string): string =>
    `Nội dung câu hỏi chỉ là một con số (${value}); có thể dữ liệu bị lệch cột`,
  csvSyntax: (detail: string): string => `Tệp CSV sai cú pháp: ${detail}`,
  topicSheetRow: (): string => 'Dòng chủ đề thiếu mã hoặc tên chủ đề',

  // One question
  missingText: (): string => 'Thiếu nội dung câu hỏi',
  textTooLong: (length: number, max: number): string =>
    `Nội dung câu hỏi dài ${length} ký tự, vượt quá giới hạn ${max} ký tự`,
  optionTooLong: (letter: string, length: number, max: number): string =>
    `Phương án ${letter} dài ${length} ký tự, vượt quá giới hạn ${max} ký tự`,
  explanationTooLong: (length: number, max: number): string =>
    `Phần giải thích dài ${length} ký tự, vượt quá giới hạn ${max} ký tự`,
  tooFewOptions: (count: number, min: number): string =>
    `Cần ít nhất ${min} phương án, hiện có ${count}`,
  tooManyOptions: (count: number, max: number): string =>
    `Tối đa ${max} phương án (A–F), hiện có ${count}`,
  optionGap: (empty: string, filled: string): string =>
    `Phương án ${empty} để trống trong khi phương án ${filled} có nội dung`,
  duplicateOption: (first: string, second: string): string =>
    `Phương án ${first} và ${second} trùng nhau`,
  missingKey: (): string => 'Thiếu đáp án đúng',
  keyOutOfRange: (token: string, last: string): string =>
    `Đáp án đúng ${quote(token)} không có trong các phương án (A–${last})`,
  keyUnreadable: (raw: string): string =>
    `Không đọc được đáp án đúng ${quote(raw)} (ghi chữ cái của phương án, ví dụ: B hoặc A,C)`,
  singleWithSeveralKeys: (letters: string): string =>
    `Câu hỏi một đáp án nhưng có nhiều đáp án đúng (${letters})`,
  multipleNeedsTwo: (count: number): string =>
    `Câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng, hiện có ${count}`,
  trueFalseOptions: (): string => "Câu hỏi Đúng/Sai phải có đúng 2 phương án 'Đúng' và 'Sai'",
  trueFalseKeys: (): string => 'Câu hỏi Đúng/Sai phải có đúng 1 đáp án đúng',
  keyConflict: (written: string, marked: string): string =>
    `Đáp án ghi ${quote(written)} khác với phương án được đánh dấu (${marked})`,
  invalidValue: (label: string, raw: string, allowed: string): string =>
    `${label} ${quote(raw)} không hợp lệ (dùng: ${allowed})`,
  duplicateQuestion: (other: string): string => `Câu hỏi trùng với câu ở ${other}`,
  duplicateCode: (code: string, other: string): string =>
    `Mã câu hỏi ${quote(code)} trùng với câu ở ${other}`,

  // Word / text formats
  docxNoQuestions: (): string =>
    "Không tìm thấy câu hỏi nào: mỗi câu cần bắt đầu bằng 'Câu 1:', 'Câu 2.'…, tiếp theo là các phương án 'A.', 'B.'…",
  orphanOption: (): string => 'Phương án nằm ngoài câu hỏi nào (thiếu dòng "Câu …:" phía trên)',
  orphanKey: (): string => 'Dòng đáp án nằm ngoài câu hỏi nào',
  answerKeyUnknownQuestion: (n: number): string =>
    `Bảng đáp án có câu ${n} nhưng không có câu hỏi số ${n}`,
  duplicateQuestionNumber: (n: number): string => `Số câu ${n} bị lặp lại`,
  giftUnsupported: (kind: string): string =>
    `Dạng câu hỏi GIFT "${kind}" không được hỗ trợ; chỉ nhận câu trắc nghiệm (một hoặc nhiều đáp án) và Đúng/Sai`,
  giftUnclosed: (): string => "Thiếu dấu '}' đóng phần đáp án",
  aikenNoAnswerLine: (): string => "Thiếu dòng 'ANSWER: …' sau các phương án",

  // JSON
  jsonInvalid: (detail: string): string => `Tệp JSON không hợp lệ: ${detail}`,
  jsonNotBank: (): string =>
    'Tệp JSON không phải ngân hàng câu hỏi của hệ thống (thiếu meta.format = "hoi-thi-cchc/question-bank")',
  jsonVersion: (version: string): string =>
    `Phiên bản định dạng ${quote(version)} không được hỗ trợ (chỉ hỗ trợ phiên bản 1)`,
  jsonField: (field: string, expected: string): string => `Trường "${field}" phải là ${expected}`,
  jsonUnknownTopic: (code: string): string =>
    `Chủ đề ${quote(code)} không có trong danh sách "topics" của tệp`,
  jsonDuplicateTopic: (code: string): string => `Mã chủ đề ${quote(code)} bị khai báo hai lần`,
} as const;

/** Human location of a question, used in messages that point at another question. */
export function describeLocation(
  sheet: string | null,
  row: number | null,
  rowWord: string,
): string {
  const parts: string[] = [];
  if (sheet !== null) parts.push(`trang tính '${sheet}'`);
  if (row !== null) parts.push(`${rowWord} ${row}`);
  return parts.join(', ') || 'một câu khác';
}
