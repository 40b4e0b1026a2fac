/**
 * Moodle Aiken reader:
 *
 *   Cơ quan nào …?
 *   A. …
 *   B. …
 *   ANSWER: B
 *
 * Extensions: the question may span several lines, "ANSWER: A, C" gives several keys, and
 * "Label: value" lines right after ANSWER (Giải thích, Nguồn, Mức độ, Chủ đề…) are read too.
 * Problems are located by line number (`row`), the message names the question's position.
 */
import { matchLineLabel } from './headers';
import { msg } from './messages';
import { newRawQuestion, problem, type RawQuestion, type ReadResult } from './raw';
import type { ImportProblem } from './types';

const OPTION = /^\s*([A-Fa-f])\s*[.)]\s*(.*)$/;
const ANSWER = /^\s*ANSWER\s*:\s*(.*)$/i;
const LABEL = /^\s*([^:]{1,40}?)\s*:\s*(.*)$/;

export function readAikenText(text: string): ReadResult {
  const lines = text.split(/\r\n?|\n/);
  const raws: RawQuestion[] = [];
  const problems: ImportProblem[] = [];
  // Mutable reading state, in an object so that the helpers below can change it.
  const state: { current: RawQuestion | null; stage: 'text' | 'options' | 'after' } = {
    current: null,
    stage: 'text',
  };

  const finish = (): void => {
    const { current } = state;
    if (current && state.stage !== 'after') {
      current.problems.push(
        problem(null, current.row, null, `${current.label ?? ''}: ${msg.aikenNoAnswerLine()}`),
      );
      current.broken.add('correct'); // already reported: no second "Thiếu đáp án đúng".
    }
    state.current = null;
  };

  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.trim();
    if (line === '') {
      if (state.stage === 'after') state.current = null;
      return;
    }
    const answer = ANSWER.exec(line);
    const option = OPTION.exec(line);
    const q = state.current;

    if (q && answer) {
      q.values.correct = answer[1].trim();
      state.stage = 'after';
      return;
    }
    if (q && state.stage === 'after') {
      const labelled = LABEL.exec(line);
      const field = labelled ? matchLineLabel(labelled[1]) : null;
      if (labelled && field && field !== 'text' && field !== 'correct') {
        q.values[field] = labelled[2].trim();
        return;
      }
      state.current = null;
    }
    const open = state.current;
    const letter = option ? option[1].toUpperCase().charCodeAt(0) - 65 : -1;
    if (
      open &&
      option &&
      (letter === open.options.length ||
        (state.stage === 'options' && letter > open.options.length))
    ) {
      while (open.options.length < letter) open.options.push({ text: null, column: null });
      open.options.push({ text: option[2], column: null });
      state.stage = 'options';
      return;
    }
    if (open && state.stage === 'text') {
      open.values.text = `${open.values.text ?? ''}\n${line}`;
      return;
    }
    if (!open && answer) {
      problems.push(problem(null, lineNumber, null, `Dòng ${lineNumber}: ${msg.orphanKey()}`));
      return;
    }
    finish();
    const label = `Câu thứ ${raws.length + 1} (dòng ${lineNumber})`;
    const raw = newRawQuestion(null, lineNumber, label, `dòng ${lineNumber}`);
    raw.values.text = line;
    raws.push(raw);
    state.current = raw;
    state.stage = 'text';
  });
  finish();
  if (raws.length === 0) problems.push(problem(null, null, null, msg.noQuestions()));
  return { raws, problems };
}
