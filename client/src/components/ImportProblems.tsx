import type { ComponentChildren } from 'preact';
import { formatNumber } from '../lib/format';
import type { ImportProblem } from '../types';

/** A sheet, row or column of a problem; "—" when the format has none (CSV has no sheets). */
export function place(value: string | number | null): ComponentChildren {
  return value === null || value === '' ? <span class="muted">—</span> : value;
}

interface ImportProblemsProps {
  /** What is wrong in the file, one row each (sheet, row and column may be unknown). */
  problems: readonly ImportProblem[];
  /** The id of the heading, which names the section. */
  headingId: string;
  /** The heading before the count: "Lỗi trong tệp" shows "Lỗi trong tệp (3)". */
  heading: string;
  /** The table's caption, for screen readers only. */
  caption: string;
  /** Classes of the section. */
  class?: string;
  /** Shown above the heading (the server's message as an alert). */
  before?: ComponentChildren;
  /** Shown between the heading and the table (what to do about the problems). */
  children?: ComponentChildren;
}

/** "Lỗi trong tệp (n)": the problems an imported file has, by sheet, row and column. */
export function ImportProblems(props: ImportProblemsProps) {
  return (
    <section aria-labelledby={props.headingId} class={props.class}>
      {props.before}
      <h3 id={props.headingId}>
        {props.heading} ({formatNumber(props.problems.length)})
      </h3>
      {props.children}
      <div class="table-scroll">
        <table class="table table--stack table--problems">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Trang tính</th>
              <th scope="col">Dòng</th>
              <th scope="col">Cột</th>
              <th scope="col">Lỗi</th>
            </tr>
          </thead>
          <tbody>
            {props.problems.map((problem, index) => (
              <tr key={index} class="row--error">
                <td data-label="Trang tính">{place(problem.sheet)}</td>
                <td data-label="Dòng" class="numeric">
                  {place(problem.row)}
                </td>
                <td data-label="Cột">{place(problem.column)}</td>
                <td data-label="Lỗi">{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
