/**
 * Moodle GIFT reader (the writer is export-gift.ts).
 *
 *   $CATEGORY: Cải cách thể chế
 *   // a comment
 *   ::TC-001::Câu hỏi …{
 *     =đúng
 *     ~sai
 *     ####giải thích chung
 *   }
 *   ::TC-002::Chọn các đáp án đúng {~%50%A ~%50%B ~%-100%C}
 *   ::TC-003::Phát biểu … {T}
 *
 * Only multiple choice (one or several answers) and true/false exist in our model; essay,
 * numeric, matching, short answer and description items become problems.
 */
import { TRUE_FALSE_OPTIONS } from '../domain/question';
import { msg } from './messages';
import { newRawQuestion, problem, type RawQuestion, type ReadResult } from './raw';
import type { ImportProblem } from './types';

// Escaped characters are swapped for private-use characters while parsing.
const ESCAPES: readonly [string, string][] = [
  ['\\\\', '\ue006'],
  ['\\~', '\ue000'],
  ['\\=', '\ue001'],
  ['\\#', '\ue002'],
  ['\\{', '\ue003'],
  ['\\}', '\ue004'],
  ['\\:', '\ue005'],
];
const RESTORE: Record<string, string> = {
  '\ue000': '~',
  '\ue001': '=',
  '\ue002': '#',
  '\ue003': '{',
  '\ue004': '}',
  '\ue005': ':',
  '\ue006': '\\',
};

function protect(text: string): string {
  let out = text.replace(/[\ue000-\ue006]/g, '');
  for (const [escaped, placeholder] of ESCAPES) out = out.split(escaped).join(placeholder);
  return out.replace(/\\n/g, '\n');
}

function restore(text: string): string {
  return text.replace(/[\ue000-\ue006]/g, (ch) => RESTORE[ch]);
}

/** Strips a [html]/[plain]/[markdown]/[moodle] marker; html loses its tags. */
function plainText(text: string): string {
  const format = /^\s*\[(html|plain|markdown|moodle)\]/i.exec(text);
  if (!format) return text;
  let body = text.slice(format[0].length);
  if (format[1].toLowerCase() === 'html') {
    body = body
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }
  return body;
}

function categoryName(value: string): string {
  const segments = value
    .trim()
    .split(/(?<!\/)\/(?!\/)/)
    .map((s) => s.replace(/\/\//g, '/').trim())
    .filter(
      (s) =>
        s !== '' && !/^\$(course|system|module|cat\d*)\$$/i.test(s) && s.toLowerCase() !== 'top',
    );
  return segments.length > 0 ? segments[segments.length - 1] : '';
}

interface Block {
  line: number;
  text: string;
  topic: string | null;
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const state: { topic: string | null; current: Block | null } = { topic: null, current: null };
  text.split(/\r\n?|\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('//')) return;
    const category = /^\$CATEGORY:\s*(.*)$/i.exec(trimmed);
    if (category) {
      state.current = null;
      const name = categoryName(category[1]);
      state.topic = name === '' ? null : name;
      return;
    }
    if (trimmed === '') {
      // A blank line always ends a question (as in Moodle), so an unclosed '{' stays local.
      state.current = null;
      return;
    }
    if (state.current) state.current.text += `\n${line}`;
    else {
      state.current = { line: index + 1, text: line, topic: state.topic };
      blocks.push(state.current);
    }
  });
  return blocks;
}

interface Answer {
  correct: boolean;
  text: string;
}

function parseAnswers(body: string): Answer[] | { unsupported: string } {
  const tokens: { mark: '=' | '~'; text: string }[] = [];
  let lead = '';
  let mark: '=' | '~' | null = null;
  let buffer = '';
  for (const ch of body) {
    if (ch === '=' || ch === '~') {
      if (mark === null) lead = buffer;
      else tokens.push({ mark, text: buffer });
      mark = ch;
      buffer = '';
    } else buffer += ch;
  }
  if (mark !== null) tokens.push({ mark, text: buffer });
  else lead = buffer;
  if (tokens.length === 0 || lead.trim() !== '')
    return { unsupported: 'tự luận hoặc không rõ dạng (essay)' };
  if (!tokens.some((t) => t.mark === '~')) {
    return tokens.every((t) => t.text.includes('->'))
      ? { unsupported: 'ghép cặp (matching)' }
      : { unsupported: 'trả lời ngắn (short answer)' };
  }
  return tokens.map((token) => {
    let text = token.text;
    let weight: number | null = null;
    const weighted = /^\s*%(-?\d+(?:[.,]\d+)?)%/.exec(text);
    if (weighted) {
      weight = Number(weighted[1].replace(',', '.'));
      text = text.slice(weighted[0].length);
    }
    const feedback = text.indexOf('#');
    if (feedback >= 0) text = text.slice(0, feedback);
    const correct =
      token.mark === '=' ? weight === null || weight > 0 : weight !== null && weight > 0;
    return { correct, text: restore(text).trim() };
  });
}

function readBlock(block: Block, ordinal: number): RawQuestion {
  const label = `Câu thứ ${ordinal} (dòng ${block.line})`;
  const raw = newRawQuestion(null, block.line, label, `dòng ${block.line}`);
  const fail = (message: string): RawQuestion => {
    raw.problems.push(problem(null, block.line, null, `${label}: ${message}`));
    raw.rejected = true;
    return raw;
  };
  let text = protect(block.text).trim();
  const title = /^::([^]*?)::/.exec(text);
  if (title) {
    raw.values.code = restore(title[1]).trim() || null;
    text = text.slice(title[0].length);
  }
  if (block.topic) raw.values.topic = block.topic;
  const open = text.indexOf('{');
  if (open < 0) {
    raw.values.text = restore(plainText(text)).trim();
    return fail(msg.giftUnsupported('mô tả (description), không có phần đáp án'));
  }
  const close = text.indexOf('}', open);
  if (close < 0) {
    raw.values.text = restore(plainText(text.slice(0, open))).trim();
    return fail(msg.giftUnclosed());
  }
  const before = restore(plainText(text.slice(0, open))).trim();
  const after = restore(text.slice(close + 1)).trim();
  raw.values.text = after === '' ? before : `${before} _____ ${after}`;

  let body = text.slice(open + 1, close);
  const general = body.indexOf('####');
  if (general >= 0) {
    raw.values.explanation = restore(plainText(body.slice(general + 4))).trim();
    body = body.slice(0, general);
  }
  const trimmed = body.trim();
  if (trimmed.startsWith('#')) return fail(msg.giftUnsupported('số (numerical)'));
  const trueFalse = /^(t|true|f|false)\s*(#.*)?$/is.exec(trimmed);
  if (trueFalse) {
    raw.options = TRUE_FALSE_OPTIONS.map((o) => ({ text: o, column: null }));
    raw.marked = [trueFalse[1].toLowerCase().startsWith('t') ? 0 : 1];
    raw.typeHint = 'true_false';
    return raw;
  }
  const answers = parseAnswers(body);
  if ('unsupported' in answers) return fail(msg.giftUnsupported(answers.unsupported));
  raw.options = answers.map((a) => ({ text: a.text, column: null }));
  const marked = answers.map((a, i) => (a.correct ? i : -1)).filter((i) => i >= 0);
  if (marked.length > 0) raw.marked = marked;
  // Our model's "multiple" needs two correct answers: one positive weight is a single choice.
  raw.typeHint = marked.length > 1 ? 'multiple' : 'single';
  return raw;
}

export function readGiftText(text: string): ReadResult {
  const blocks = blocksOf(text);
  const problems: ImportProblem[] = [];
  const raws = blocks.map((block, index) => readBlock(block, index + 1));
  if (raws.length === 0) problems.push(problem(null, null, null, msg.noQuestions()));
  return { raws, problems };
}
