/**
 * Excel writer: the downloadable template and the export of a bank, in one layout that the
 * reader takes back as it is. Sheets: "Câu hỏi" (one row per question), "Chủ đề" (topic codes,
 * export only: it keeps topic codes through a round trip), "Hướng dẫn" (instructions).
 */
import ExcelJS from 'exceljs';
import { OPTION_LETTERS, type QuestionDraft, type TopicDraft } from '../domain/question';
import { HEADER_SYNONYMS, TOPIC_SHEET_HEADERS } from './headers';
import { letterOf } from './keys';
import { IMPORT_LIMITS } from './limits';
import type { BankExport } from './types';
import {
  AUDIENCE_VALUES,
  DIFFICULTY_VALUES,
  PRACTICE_VALUES,
  STATUS_VALUES,
  TYPE_VALUES,
  writtenValue,
  type ValueTable,
} from './values';

export const QUESTION_SHEET = 'Câu hỏi';
export const TOPIC_SHEET = 'Chủ đề';
export const INSTRUCTION_SHEET = 'Hướng dẫn';

type Column = {
  header: string;
  width: number;
  value: (q: QuestionDraft, topicName: string) => string;
  list?: ValueTable<string> | ValueTable<boolean>;
};

const h = (field: keyof typeof HEADER_SYNONYMS): string => HEADER_SYNONYMS[field][0];

const COLUMNS: readonly Column[] = [
  { header: h('code'), width: 12, value: (q) => q.code ?? '' },
  { header: h('topic'), width: 24, value: (_q, topic) => topic },
  {
    header: h('type'),
    width: 14,
    value: (q) => writtenValue(TYPE_VALUES, q.type),
    list: TYPE_VALUES,
  },
  { header: h('text'), width: 60, value: (q) => q.text },
  ...OPTION_LETTERS.map((letter, index): Column => ({
    header: `Phương án ${letter}`,
    width: 28,
    value: (q) => q.options[index] ?? '',
  })),
  { header: h('correct'), width: 12, value: (q) => q.correct.map(letterOf).join(',') },
  {
    header: h('difficulty'),
    width: 12,
    value: (q) => writtenValue(DIFFICULTY_VALUES, q.difficulty),
    list: DIFFICULTY_VALUES,
  },
  { header: h('explanation'), width: 50, value: (q) => q.explanation },
  { header: h('source'), width: 40, value: (q) => q.source.document },
  { header: h('article'), width: 12, value: (q) => q.source.article ?? '' },
  { header: h('tags'), width: 20, value: (q) => q.tags.join('; ') },
  {
    header: h('audience'),
    width: 14,
    value: (q) => writtenValue(AUDIENCE_VALUES, q.audience),
    list: AUDIENCE_VALUES,
  },
  {
    header: h('status'),
    width: 12,
    value: (q) => writtenValue(STATUS_VALUES, q.status),
    list: STATUS_VALUES,
  },
  {
    header: h('practice'),
    width: 10,
    value: (q) => writtenValue(PRACTICE_VALUES, q.practice),
    list: PRACTICE_VALUES,
  },
  { header: h('image'), width: 24, value: (q) => q.image ?? '' },
];

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};

interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function questionSheet(
  workbook: ExcelJS.Workbook,
  questions: readonly QuestionDraft[],
  topics: readonly TopicDraft[],
): void {
  const sheet = workbook.addWorksheet(QUESTION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'STT', width: 6 },
    ...COLUMNS.map((c) => ({ header: c.header, width: c.width })),
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  const names = new Map(topics.map((t) => [t.code, t.name]));
  questions.forEach((question, index) => {
    const row = sheet.addRow([
      index + 1,
      ...COLUMNS.map((c) => c.value(question, names.get(question.topic) ?? question.topic)),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  const lastRow = Math.max(questions.length + 1, 500);
  COLUMNS.forEach((column, index) => {
    if (!column.list) return;
    const words = [...column.list.written.values()].join(',');
    const letter = columnLetter(index + 1);
    (sheet as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${words}"`],
      showErrorMessage: true,
      errorTitle: column.header,
      error: `Chọn một trong các giá trị: ${words}`,
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + 1 } };
}

function topicSheet(workbook: ExcelJS.Workbook, topics: readonly TopicDraft[]): void {
  const sheet = workbook.addWorksheet(TOPIC_SHEET);
  sheet.columns = [
    { header: TOPIC_SHEET_HEADERS.code[0], width: 24 },
    { header: TOPIC_SHEET_HEADERS.name[0], width: 40 },
    { header: TOPIC_SHEET_HEADERS.description[0], width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const topic of topics) sheet.addRow([topic.code, topic.name, topic.description ?? '']);
}

const INSTRUCTIONS: readonly (readonly [string, string?])[] = [
  ['HƯỚNG DẪN NHẬP NGÂN HÀNG CÂU HỎI'],
  [''],
  [
    'Mỗi câu hỏi nằm trên một dòng của trang tính "Câu hỏi". Không đổi tên các cột tiêu đề ở dòng 1.',
  ],
  [
    'Có thể chia câu hỏi thành nhiều trang tính, mỗi trang một chủ đề: khi không có cột "Chủ đề", tên trang tính là tên chủ đề.',
  ],
  [''],
  ['Cột', 'Cách điền'],
  ['STT', 'Không bắt buộc, hệ thống bỏ qua.'],
  [h('code'), 'Không bắt buộc. Mã riêng của câu hỏi, không trùng nhau, ví dụ TC-001.'],
  [
    h('topic'),
    'Tên chủ đề, ví dụ "Cải cách thể chế". Để trống: dùng tên trang tính hoặc chủ đề "Chung".',
  ],
  [
    h('type'),
    `Một trong: ${[...TYPE_VALUES.written.values()].join(', ')}. Để trống: tự nhận biết theo số đáp án đúng.`,
  ],
  [h('text'), `Bắt buộc, tối đa ${IMPORT_LIMITS.maxTextLength} ký tự.`],
  [
    'Phương án A … F',
    `Từ 2 đến 6 phương án, điền liên tục từ A, mỗi phương án tối đa ${IMPORT_LIMITS.maxOptionLength} ký tự. Câu Đúng/Sai: phương án A là "Đúng", B là "Sai" (hoặc để trống cả hai).`,
  ],
  [
    h('correct'),
    'Bắt buộc. Chữ cái của phương án đúng: B; nhiều đáp án: A,C hoặc A;C hoặc "A và C". Có thể ghi số thứ tự phương án: 2.',
  ],
  [h('difficulty'), `${[...DIFFICULTY_VALUES.written.values()].join(', ')}. Để trống: Trung bình.`],
  [
    h('explanation'),
    `Không bắt buộc nhưng nên có, tối đa ${IMPORT_LIMITS.maxExplanationLength} ký tự: hiển thị sau khi trả lời ở chế độ luyện tập.`,
  ],
  [
    h('source'),
    'Tên văn bản pháp luật làm căn cứ, ví dụ "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ".',
  ],
  [h('article'), 'Điều, khoản cụ thể, ví dụ "Điều 5". Chỉ ghi khi chắc chắn.'],
  [h('tags'), 'Không bắt buộc, các từ khóa cách nhau bằng dấu chấm phẩy.'],
  [h('audience'), `${[...AUDIENCE_VALUES.written.values()].join(', ')}. Để trống: Tất cả.`],
  [
    h('status'),
    `${[...STATUS_VALUES.written.values()].join(', ')}. Để trống: Công khai. Câu "Nháp" không được dùng trong vòng thi.`,
  ],
  [
    h('practice'),
    'Có hoặc Không: câu hỏi có được dùng ở chế độ luyện tập công khai không. Để trống: Có.',
  ],
  [h('image'), 'Không bắt buộc: đường dẫn ảnh minh họa.'],
  [''],
  [
    `Giới hạn: tệp tối đa ${IMPORT_LIMITS.maxFileBytes / (1024 * 1024)} MB, tối đa ${IMPORT_LIMITS.maxQuestions} câu hỏi.`,
  ],
  ['Khi nhập, hệ thống báo mọi lỗi kèm tên trang tính, số dòng và tên cột để sửa.'],
];

function instructionSheet(workbook: ExcelJS.Workbook, bankName: string | null): void {
  const sheet = workbook.addWorksheet(INSTRUCTION_SHEET);
  sheet.columns = [{ width: 28 }, { width: 110 }];
  const rows = bankName ? [[`Ngân hàng: ${bankName}`] as const, ...INSTRUCTIONS] : INSTRUCTIONS;
  for (const [first, second] of rows) {
    const row = sheet.addRow(second === undefined ? [first] : [first, second]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (first === INSTRUCTIONS[0][0]) row.font = { bold: true, size: 13 };
    if (first === 'Cột') row.font = { bold: true };
  }
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function newWorkbook(now: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hội thi CCHC';
  workbook.created = now;
  workbook.modified = now;
  return workbook;
}

export async function writeXlsx(bank: BankExport, now: Date): Promise<Buffer> {
  const workbook = newWorkbook(now);
  questionSheet(workbook, bank.questions, bank.topics);
  topicSheet(workbook, bank.topics);
  instructionSheet(workbook, bank.meta.name);
  return toBuffer(workbook);
}

export const TEMPLATE_EXAMPLES: readonly QuestionDraft[] = [
  {
    code: 'VD-001',
    topic: 'Cải cách thể chế',
    type: 'single',
    text: 'Chương trình tổng thể cải cách hành chính nhà nước ban hành kèm theo Nghị quyết số 76/NQ-CP áp dụng cho giai đoạn nào?',
    options: ['2016–2020', '2021–2025', '2021–2030', '2025–2035'],
    correct: [2],
    difficulty: 'easy',
    explanation:
      'Nghị quyết số 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030.',
    source: {
      document:
        'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030',
      article: null,
    },
    tags: ['nghị quyết 76'],
    audience: 'all',
    image: null,
    status: 'published',
    practice: true,
  },
  {
    code: 'VD-002',
    topic: 'Cải cách tổ chức bộ máy hành chính nhà nước',
    type: 'multiple',
    text: 'Từ ngày 01/7/2025, chính quyền địa phương được tổ chức ở những cấp nào?',
    options: ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã', 'Cấp thôn, tổ dân phố'],
    correct: [0, 2],
    difficulty: 'medium',
    explanation:
      'Từ ngày 01/7/2025, chính quyền địa phương gồm hai cấp: cấp tỉnh và cấp xã (xã, phường, đặc khu); cấp huyện không còn được tổ chức.',
    source: {
      document: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025',
      article: null,
    },
    tags: ['chính quyền hai cấp'],
    audience: 'all',
    image: null,
    status: 'published',
    practice: true,
  },
];

export async function writeXlsxTemplate(now: Date): Promise<Buffer> {
  const workbook = newWorkbook(now);
  questionSheet(workbook, TEMPLATE_EXAMPLES, []);
  instructionSheet(workbook, null);
  return toBuffer(workbook);
}
