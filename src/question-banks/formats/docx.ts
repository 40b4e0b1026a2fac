/**
 * Word (.docx) reader for banks typed by hand:
 *
 *   PHẦN I. CẢI CÁCH THỂ CHẾ            (or "Chủ đề: …", or a Word heading: sets the topic)
 *   Câu 1: Nội dung câu hỏi …            ("Câu 1.", "Câu 1 (chủ đề …)", "Câu 1 (Dễ):")
 *   A. …   B. …                          ("a)", "A)", "A/"; several on one line when spaced)
 *   *C. …                                (the key: a leading *, bold, underline or highlight)
 *   Đáp án: B                            (or "Đáp án đúng: A, C")
 *   Giải thích: …   Nguồn: …   Mức độ: Dễ
 *
 * mammoth reads the document (with run formatting); the layout is parsed here.
 */
import mammoth from 'mammoth';
import { isQuestionHeader, mapHeaderRow, matchLineLabel } from './headers';
import { HEADER_SEARCH_ROWS } from './limits';
import { msg } from './messages';
import { foldVietnamese, group, sentenceCaseIfShouting } from './normalize';
import { newRawQuestion, problem, type RawField, type RawQuestion, type ReadResult } from './raw';
import { readGrid, type Grid, type GridCell, type GridRow } from './tabular';
import { DIFFICULTY_VALUES, mapValue } from './values';

const BOLD = 1;
const UNDERLINE = 2;
const HIGHLIGHT = 4;
const MARKS = [BOLD, UNDERLINE, HIGHLIGHT] as const;

export interface DocLine {
  /** 1-based paragraph number in the document (table cells count as paragraphs). */
  paragraph: number;
  text: string;
  /** Formatting bits per UTF-16 unit of `text`. */
  flags: number[];
  style: 'heading' | 'title' | null;
  /** The paragraph is an item of a Word numbered list (its number is not in `text`). */
  numbered: boolean;
  /** A Word table laid out like a spreadsheet (header row "Câu hỏi", "A", "B"…), read as one. */
  table?: Grid;
}

interface MammothNode {
  type?: string;
  value?: unknown;
  children?: unknown;
  styleName?: unknown;
  styleId?: unknown;
  numbering?: unknown;
  isBold?: unknown;
  isUnderline?: unknown;
  highlight?: unknown;
  breakType?: unknown;
  colSpan?: unknown;
}

function asNode(value: unknown): MammothNode | null {
  return typeof value === 'object' && value !== null ? value : null;
}

function childrenOf(node: MammothNode): MammothNode[] {
  return Array.isArray(node.children)
    ? node.children.map(asNode).filter((c): c is MammothNode => c !== null)
    : [];
}

function styleKind(node: MammothNode): DocLine['style'] {
  const name = `${typeof node.styleName === 'string' ? node.styleName : ''} ${typeof node.styleId === 'string' ? node.styleId : ''}`;
  const folded = foldVietnamese(name);
  if (/\b(sub)?title\b|tieu de van ban/.test(folded)) return 'title';
  if (/heading\s*\d|tieu de\s*\d|\bheading\b/.test(folded)) return 'heading';
  return null;
}

/** Plain text of a node: paragraphs and line breaks become new lines. */
function nodeText(node: MammothNode): string {
  if (node.type === 'text')
    return typeof node.value === 'string' ? node.value.normalize('NFC') : '';
  if (node.type === 'tab') return '\t';
  if (node.type === 'break') return '\n';
  const inner = childrenOf(node).map(nodeText);
  return node.type === 'tableCell' ? inner.join('\n') : inner.join('');
}

/** A table whose header row names a question column and option columns, as a Grid. */
function questionTable(node: MammothNode, number: number): Grid | null {
  const rows: GridRow[] = childrenOf(node)
    .filter((row) => row.type === 'tableRow')
    .map((row, index) => {
      const cells: (GridCell | undefined)[] = [];
      for (const cell of childrenOf(row).filter((c) => c.type === 'tableCell')) {
        const text = nodeText(cell)
          .replace(/\u00a0/g, ' ')
          .trim();
        cells.push({ text: text === '' ? null : text, isNumber: /^\d+([.,]\d+)?$/.test(text) });
        const span = typeof cell.colSpan === 'number' ? cell.colSpan : 1;
        for (let extra = 1; extra < span && extra < 50; extra += 1) cells.push(undefined);
      }
      return { number: index + 1, cells };
    });
  const isHeader = (row: GridRow): boolean =>
    isQuestionHeader(mapHeaderRow(row.cells.map((c) => c?.text ?? null)));
  return rows.slice(0, HEADER_SEARCH_ROWS).some(isHeader)
    ? { sheet: `Bảng ${number}`, rows }
    : null;
}

/** Flattens mammoth's document into lines of text with per-character formatting. */
export function documentLines(document: unknown): DocLine[] {
  const lines: DocLine[] = [];
  let paragraphNumber = 0;
  let tableNumber = 0;

  const paragraph = (node: MammothNode): void => {
    paragraphNumber += 1;
    const style = styleKind(node);
    const numbered = node.numbering !== null && node.numbering !== undefined;
    let text = '';
    let flags: number[] = [];
    const flush = (): void => {
      lines.push({ paragraph: paragraphNumber, text, flags, style, numbered });
      text = '';
      flags = [];
    };
    const walk = (current: MammothNode, inherited: number): void => {
      let bits = inherited;
      if (current.type === 'run') {
        const styleName = typeof current.styleName === 'string' ? current.styleName : '';
        if (current.isBold === true || /strong|bold|dam/i.test(foldVietnamese(styleName)))
          bits |= BOLD;
        if (current.isUnderline === true) bits |= UNDERLINE;
        if (
          typeof current.highlight === 'string' &&
          current.highlight !== '' &&
          current.highlight !== 'none'
        )
          bits |= HIGHLIGHT;
      }
      if (current.type === 'text' && typeof current.value === 'string') {
        const value = current.value
          .normalize('NFC')
          .replace(/[\u00a0\u2007\u202f]/g, ' ')
          .replace(/[\u200b\ufeff]/g, '');
        text += value;
        for (let i = 0; i < value.length; i += 1) flags.push(bits);
      } else if (current.type === 'tab') {
        text += '\t';
        flags.push(bits);
      } else if (current.type === 'break') {
        if (current.breakType === 'line' || current.breakType === undefined) flush();
      } else if (current.type === 'paragraph' && current !== node) {
        flush();
        paragraph(current);
      } else if (current.type === 'table') {
        flush();
        table(current);
      } else {
        for (const child of childrenOf(current)) walk(child, bits);
      }
    };
    walk(node, 0);
    flush();
  };

  const table = (node: MammothNode): void => {
    const grid = node.type === 'table' ? questionTable(node, (tableNumber += 1)) : null;
    if (grid) {
      lines.push({
        paragraph: paragraphNumber,
        text: '',
        flags: [],
        style: null,
        numbered: false,
        table: grid,
      });
      return;
    }
    for (const child of childrenOf(node)) {
      if (child.type === 'paragraph') paragraph(child);
      else table(child);
    }
  };

  const root = asNode(document);
  if (root) table(root);
  return lines;
}

// --- Line patterns (matched on folded text: lowercase, no diacritics, same length) ---

const QUESTION_START =
  /^\s*(?:cau(?:\s+hoi)?|question)\s*(\d{1,5})\s*(?:\(([^)]*)\))?\s*[:.)\-–]?\s*/;
const PLAIN_NUMBER_START = /^\s*(\d{1,5})\s*[.):]\s+/;
const TOPIC_LINE = /^\s*(?:chu de|chuyen de|linh vuc|phan)\s*(?:\d+|[ivxlc]+)?\s*[:.\-–]\s*(.+)$/;
const ROMAN_HEADING = /^\s*(?:ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|i)\s*[.)\-–]\s+(.+)$/;
const LABEL_LINE = /^\s*([^:]{1,40}?)\s*:\s*(.*)$/;
const KEY_IS = /^\s*dap an(?:\s+dung)?\s+la\s*[:]?\s*(.+)$/;
const ANSWER_SECTION = /^\s*(?:bang\s+)?dap an(?:\s+tham khao|\s+cac cau hoi)?\s*[:.]?\s*$/;
const KEY_PAIR = /(?:cau\s*)?(\d{1,5})\s*[-.:)=]\s*([a-f](?:\s*[,;&]\s*[a-f])*)(?![\p{L}\d])/gu;
const OPTION_AT_START = /^\s*(\*\s*)?([a-f])\s*([.):/])\s*/;
const OPTION_INSIDE = /(\s+)(\*\s*)?([a-f])\s*([.)/])(?=\s)/g;

interface OptionPart {
  index: number;
  text: string;
  star: boolean;
  marks: number;
}

function coveringMarks(line: DocLine, from: number, to: number, labelAt: number): number {
  let marks = 0;
  for (const mark of MARKS) {
    let chars = 0;
    let all = true;
    for (let i = from; i < to; i += 1) {
      if (/\s/.test(line.text[i])) continue;
      chars += 1;
      if (!(line.flags[i] & mark)) {
        all = false;
        break;
      }
    }
    if ((chars > 0 && all) || (line.flags[labelAt] ?? 0) & mark) marks |= mark;
  }
  return marks;
}

/** Options on a line ("A. x", "A. x    B. y"), or null when the line does not start with one. */
export function splitOptions(line: DocLine, expected: number): OptionPart[] | null {
  const folded = foldVietnamese(line.text);
  const first = OPTION_AT_START.exec(folded);
  if (!first) return null;
  const firstIndex = first[2].charCodeAt(0) - 97;
  if (firstIndex < expected) return null;
  const firstStar = group(first, 1);
  const labelAt = first[0].indexOf(first[2], firstStar?.length ?? 0);
  const firstUpperDot = line.text[labelAt] !== folded[labelAt] && first[3] === '.';
  const starts: { at: number; labelAt: number; textAt: number; index: number; star: boolean }[] = [
    { at: 0, labelAt, textAt: first[0].length, index: firstIndex, star: firstStar !== undefined },
  ];
  OPTION_INSIDE.lastIndex = first[0].length;
  for (let m = OPTION_INSIDE.exec(folded); m; m = OPTION_INSIDE.exec(folded)) {
    const index = m[3].charCodeAt(0) - 97;
    if (index !== starts[starts.length - 1].index + 1) continue;
    const star = group(m, 2);
    const letterAt = m.index + m[1].length + (star?.length ?? 0);
    const wide = m[1].includes('\t') || m[1].length >= 2;
    const upperDot = firstUpperDot && m[4] === '.' && line.text[letterAt] !== folded[letterAt];
    if (!wide && !upperDot) continue;
    starts.push({
      at: m.index + m[1].length,
      labelAt: letterAt,
      textAt: m.index + m[0].length,
      index,
      star: star !== undefined,
    });
  }
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : line.text.length;
    return {
      index: start.index,
      text: line.text.slice(start.textAt, end).trim(),
      star: start.star,
      marks: coveringMarks(line, start.textAt, end, start.labelAt),
    };
  });
}

/** "1-B 2-C 3.A,D" → [[1, "B"], [2, "C"], [3, "A,D"]], or null unless the whole line is pairs. */
function keyPairs(folded: string): [number, string][] | null {
  const pairs: [number, string][] = [];
  let rest = folded;
  KEY_PAIR.lastIndex = 0;
  for (let m = KEY_PAIR.exec(folded); m; m = KEY_PAIR.exec(folded)) {
    pairs.push([Number(m[1]), m[2]]);
    rest = rest.replace(m[0], ' ');
  }
  return pairs.length > 0 && /^[\s,;.|]*$/.test(rest) ? pairs : null;
}

/** "Đáp án: B", "Đáp án đúng là B", "Giải thích: …": the field named and its value. */
function labelLine(text: string, folded: string): { field: RawField; value: string } | null {
  const keyIs = KEY_IS.exec(folded);
  if (keyIs) return { field: 'correct', value: text.slice(folded.length - keyIs[1].length).trim() };
  const labelled = LABEL_LINE.exec(folded);
  if (!labelled) return null;
  const field = matchLineLabel(
    text.slice(0, labelled[0].indexOf(labelled[1]) + labelled[1].length),
  );
  return field
    ? { field, value: text.slice(labelled[0].length - labelled[2].length).trim() }
    : null;
}

function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 4 && letters === letters.toLocaleUpperCase('vi') && /\s/.test(text.trim())
  );
}

interface OpenQuestion {
  raw: RawQuestion;
  number: number;
  topic: string | null;
  /** Option marks, by option index. */
  marks: { star: boolean; marks: number }[];
  stage: 'text' | 'options' | 'after';
  /** The "Câu N" line is itself an item of a numbered list. */
  numberedQuestion: boolean;
  /** Field that free lines continue. */
  continues: RawField | null;
}

/** Parses the lines of a Word document (exported for tests with hand-made lines). */
export function readDocLines(lines: readonly DocLine[]): ReadResult {
  const raws: RawQuestion[] = [];
  const problems: ReturnType<typeof problem>[] = [];
  const byNumber = new Map<number, OpenQuestion[]>();
  // The question being read, in an object so that the helpers below can change it.
  const state: { current: OpenQuestion | null; topic: string | null } = {
    current: null,
    topic: null,
  };
  let numbering: 'cau' | 'plain' | null = null;
  let answerSection = false;
  let lastNumber = 0;
  /** Paragraphs outside any question (title block, section notes). */
  const ignored: number[] = [];
  const paragraphProblem = (line: DocLine, message: string): void => {
    problems.push(problem(null, line.paragraph, null, `Đoạn ${line.paragraph}: ${message}`));
  };

  const close = (): void => {
    if (!state.current) return;
    const { raw, marks } = state.current;
    // A formatting counts only if it does not cover every option alike.
    const ignored = MARKS.filter((mark) => marks.length > 0 && marks.every((m) => m.marks & mark));
    const marked = marks
      .map((m, index) =>
        m.star || MARKS.some((mark) => !ignored.includes(mark) && m.marks & mark) ? index : -1,
      )
      .filter((index) => index >= 0);
    if (marked.length > 0) raw.marked = marked;
    state.current = null;
  };

  const open = (line: DocLine, number: number, rest: string, note: string | undefined): void => {
    close();
    const sameSection = (byNumber.get(number) ?? []).filter((q) => q.topic === state.topic);
    const restarted = (byNumber.get(number) ?? []).length > 0;
    const label =
      restarted && state.topic ? `Câu ${number} (chủ đề ${state.topic})` : `Câu ${number}`;
    const raw = newRawQuestion(null, number, label, label);
    lastNumber = number;
    if (sameSection.length > 0) {
      raw.problems.push(
        problem(null, number, null, `${label}: ${msg.duplicateQuestionNumber(number)}`),
      );
    }
    raw.values.text = rest;
    if (state.topic) raw.values.topic = state.topic;
    if (note) {
      const folded = foldVietnamese(note).trim();
      const topicNote = /^(?:chu de|linh vuc|chuyen de)\s*[:\-–]?\s*/.exec(folded);
      if (topicNote) raw.values.topic = note.trim().slice(topicNote[0].length).trim();
      else if (mapValue(DIFFICULTY_VALUES, note, 'medium').ok) raw.values.difficulty = note.trim();
    }
    const opened: OpenQuestion = {
      raw,
      number,
      topic: state.topic,
      marks: [],
      stage: 'text',
      continues: 'text',
      numberedQuestion: line.numbered,
    };
    state.current = opened;
    raws.push(raw);
    byNumber.set(number, [...(byNumber.get(number) ?? []), opened]);
  };

  const setTopic = (name: string): void => {
    close();
    answerSection = false;
    const clean = sentenceCaseIfShouting(name.trim().replace(/[:.]+$/, ''));
    if (clean !== '') state.topic = clean;
  };

  const append = (q: OpenQuestion, field: RawField, text: string): void => {
    const before = q.raw.values[field] ?? '';
    q.raw.values[field] = before === '' ? text : `${before}\n${text}`;
  };

  for (const line of lines) {
    if (line.table) {
      close();
      const read = readGrid(line.table, { remaining: Number.MAX_SAFE_INTEGER });
      for (const raw of read.raws) {
        if (state.topic && !(raw.values.topic ?? '').trim()) raw.values.topic = state.topic;
        raws.push(raw);
      }
      problems.push(...read.problems);
      continue;
    }
    const text = line.text.trim();
    if (text === '') continue;
    const folded = foldVietnamese(line.text);

    // Answer-key section: "ĐÁP ÁN" then "1-B 2-C …" or "Câu 1: B".
    if (ANSWER_SECTION.test(folded)) {
      close();
      answerSection = true;
      continue;
    }
    const pairs = keyPairs(folded);
    if (pairs && (answerSection || pairs.length >= 2 || byNumber.has(pairs[0][0]))) {
      close();
      for (const [number, key] of pairs) {
        const target = (byNumber.get(number) ?? []).at(-1);
        if (!target) {
          paragraphProblem(line, msg.answerKeyUnknownQuestion(number));
        } else if (!target.raw.values.correct) {
          target.raw.values.correct = key.toUpperCase();
        } else if (
          foldVietnamese(target.raw.values.correct).replace(/\W/g, '') !== key.replace(/\W/g, '')
        ) {
          target.raw.problems.push(
            problem(
              null,
              target.number,
              null,
              `${target.raw.label}: ${msg.keyConflict(target.raw.values.correct, key.toUpperCase())}`,
            ),
          );
        }
      }
      continue;
    }

    // A new question
    const start = QUESTION_START.exec(folded);
    if (start && numbering !== 'plain') {
      numbering = 'cau';
      const note =
        group(start, 2) === undefined
          ? undefined
          : line.text.slice(folded.indexOf('(') + 1, folded.indexOf(')'));
      open(line, Number(start[1]), line.text.slice(start[0].length).trim(), note);
      continue;
    }
    const plain = PLAIN_NUMBER_START.exec(folded);
    if (plain && numbering !== 'cau' && line.style !== 'heading') {
      const number = Number(plain[1]);
      if (number === lastNumber + 1 || (number === 1 && state.current === null)) {
        numbering = 'plain';
        open(line, number, line.text.slice(plain[0].length).trim(), undefined);
        continue;
      }
    }

    // Topic headings
    const topicLine = TOPIC_LINE.exec(folded);
    if (topicLine) {
      setTopic(line.text.slice(folded.length - topicLine[1].length));
      continue;
    }
    const roman = ROMAN_HEADING.exec(folded);
    if (roman && isShouting(line.text.slice(folded.length - roman[1].length))) {
      setTopic(line.text.slice(folded.length - roman[1].length));
      continue;
    }
    if (line.style === 'title') continue;
    if (line.style === 'heading') {
      setTopic(text);
      continue;
    }

    // Options
    const q = state.current;
    const options = q && q.stage !== 'after' ? splitOptions(line, q.raw.options.length) : null;
    if (q && options) {
      for (const part of options) {
        while (q.raw.options.length < part.index) {
          q.raw.options.push({ text: null, column: null });
          q.marks.push({ star: false, marks: 0 });
        }
        q.raw.options.push({ text: part.text, column: null });
        q.marks.push({ star: part.star, marks: part.marks });
      }
      q.stage = 'options';
      q.continues = null;
      continue;
    }
    if (!q && OPTION_AT_START.test(folded) && raws.length > 0) {
      paragraphProblem(line, msg.orphanOption());
      continue;
    }

    // "Label: value" lines: Đáp án, Giải thích, Nguồn, Mức độ…
    const labelled = labelLine(line.text, folded);
    if (labelled && labelled.field !== 'text') {
      const { field, value } = labelled;
      if (!q) {
        if (raws.length > 0 && field === 'correct') paragraphProblem(line, msg.orphanKey());
        else ignored.push(line.paragraph);
        continue;
      }
      q.raw.values[field] = value;
      q.stage = 'after';
      q.continues = field === 'explanation' || field === 'source' ? field : null;
      continue;
    }

    if (!q) {
      // Title block before the first question, or a section name typed in capitals.
      if (raws.length > 0 && isShouting(text)) setTopic(text);
      else ignored.push(line.paragraph);
      continue;
    }
    // Options typed as a Word numbered list ("a.", "b." come from the list, not the text)
    if ((q.stage === 'options' || (q.stage === 'text' && !q.numberedQuestion)) && line.numbered) {
      q.stage = 'options';
      q.raw.options.push({ text, column: null });
      q.marks.push({ star: false, marks: coveringMarks(line, 0, line.text.length, -1) });
      continue;
    }
    if (q.stage !== 'text' && isShouting(text) && line.flags.every((f) => f & BOLD)) {
      setTopic(text);
      continue;
    }
    if (q.stage === 'text') append(q, 'text', text);
    else if (q.stage === 'options' && q.raw.options.length > 0) {
      const last = q.raw.options[q.raw.options.length - 1];
      last.text = `${last.text ?? ''} ${text}`.trim();
    } else append(q, q.continues ?? 'explanation', text);
  }
  close();

  if (raws.length === 0) problems.push(problem(null, null, null, msg.docxNoQuestions()));
  return {
    raws,
    problems,
    meta: {
      paragraphs: lines.length > 0 ? lines[lines.length - 1].paragraph : 0,
      ignoredParagraphs: [...new Set(ignored)],
    },
  };
}

export async function readDocx(buffer: Buffer): Promise<ReadResult> {
  let captured: unknown = null;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        transformDocument: (document: unknown) => {
          captured = document;
          return document;
        },
      },
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      raws: [],
      problems: [problem(null, null, null, msg.corruptZip('docx', detail.slice(0, 200)))],
    };
  }
  return readDocLines(documentLines(captured));
}
