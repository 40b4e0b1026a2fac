// The draw blueprint (cấu trúc đề) of a round: rows topic × difficulty × count, with how many
// published questions the bank has for each row and each participant group.
import { useId } from 'preact/hooks';
import type { ParticipantGroup } from '../../../../src/shared/rounds';
import { apiGet } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import {
  DIFFICULTIES,
  type Audience,
  type Difficulty,
  type Page,
  type QuestionAdminView,
  type TopicView,
} from '../../types';
import { DIFFICULTY_LABELS } from '../labels';
import { bankApi } from '../banks/shared';
import { GROUP_SHORT_LABELS } from './shared';

export interface DraftCell {
  /** Stable key for rendering; not sent. */
  key: number;
  topicCode: string;
  /** '' for any difficulty. */
  difficulty: Difficulty | '';
  count: string;
}

/** A problem the server (or the form) found, with the zero-based rows it is about. */
export interface CellProblem {
  message: string;
  cells: number[];
}

/** Published questions per topic code, difficulty and audience. */
export type Availability = Map<string, number>;

const availabilityKey = (topicCode: string, difficulty: Difficulty, audience: Audience) =>
  `${topicCode}\u0000${difficulty}\u0000${audience}`;

const PAGE_SIZE = 200;
/** 10 000 questions: far more than a ward's bank. */
const MAX_PAGES = 50;

/**
 * Counts the bank's published questions by topic, difficulty and audience, reading the
 * question list page by page (the server has no endpoint for these counts yet).
 */
export async function loadAvailability(bankId: string): Promise<Availability> {
  const counts: Availability = new Map();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({
      status: 'published',
      page: String(page),
      pageSize: String(PAGE_SIZE),
    });
    const result = await apiGet<Page<QuestionAdminView>>(
      `${bankApi(bankId)}/questions?${query.toString()}`,
    );
    for (const question of result.items) {
      const key = availabilityKey(question.topic, question.difficulty, question.audience);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (page * PAGE_SIZE >= result.total || result.items.length === 0) break;
  }
  return counts;
}

/** Questions a group may be given for one row: written for everyone or for that group. */
export function availableFor(
  availability: Availability,
  topicCode: string,
  difficulty: Difficulty | '',
  group: ParticipantGroup,
): number {
  const levels = difficulty === '' ? DIFFICULTIES : [difficulty];
  let total = 0;
  for (const level of levels) {
    total += availability.get(availabilityKey(topicCode, level, 'all')) ?? 0;
    total += availability.get(availabilityKey(topicCode, level, group)) ?? 0;
  }
  return total;
}

const DIFFICULTY_OPTIONS: { value: Difficulty | ''; label: string }[] = [
  { value: '', label: 'Mọi mức độ' },
  ...DIFFICULTIES.map((value) => ({ value, label: DIFFICULTY_LABELS[value] })),
];

let nextKey = 1;
export const newCell = (topicCode = '', count = ''): DraftCell => ({
  key: nextKey++,
  topicCode,
  difficulty: '',
  count,
});

function Available({
  availability,
  cell,
  groups,
}: {
  availability: Availability | null;
  cell: DraftCell;
  groups: readonly ParticipantGroup[];
}) {
  if (!cell.topicCode) return <span class="muted">—</span>;
  if (!availability) return <span class="muted">…</span>;
  const counts = groups.map((group) => ({
    group,
    n: availableFor(availability, cell.topicCode, cell.difficulty, group),
  }));
  const wanted = Number(cell.count);
  const short = counts.some(({ n }) => Number.isFinite(wanted) && wanted > n);
  const same = counts.every(({ n }) => n === counts[0]?.n);
  const text = same
    ? `${formatNumber(counts[0]?.n ?? 0)} câu`
    : counts.map(({ group, n }) => `${GROUP_SHORT_LABELS[group]}: ${formatNumber(n)}`).join(' · ');
  return <span class={short ? 'blueprint__short' : undefined}>{text}</span>;
}

export function BlueprintEditor({
  cells,
  onChange,
  topics,
  availability,
  groups,
  problems,
  error,
  paperFor,
}: {
  cells: DraftCell[];
  onChange: (cells: DraftCell[]) => void;
  topics: readonly TopicView[];
  /** null while it loads. */
  availability: Availability | null;
  groups: readonly ParticipantGroup[];
  problems: readonly CellProblem[];
  /** A problem of the whole blueprint (no row). */
  error: string | undefined;
  /**
   * Whose own paper this is (a participant group's label), when it is not the round's: names
   * the legend, the controls and the total apart from the round's own blueprint's.
   */
  paperFor?: string;
}) {
  const hintId = useId();
  const own = paperFor ? ` – ${paperFor}` : '';
  const total = cells.reduce((sum, cell) => {
    const n = Number(cell.count);
    return Number.isSafeInteger(n) && n > 0 ? sum + n : sum;
  }, 0);
  const rowsWithProblems = new Set(problems.flatMap((problem) => problem.cells));
  const update = (index: number, change: Partial<DraftCell>) => {
    onChange(cells.map((cell, i) => (i === index ? { ...cell, ...change } : cell)));
  };
  const hasError = Boolean(error) || problems.length > 0;

  return (
    <fieldset
      class={hasError ? 'fieldset field--error blueprint' : 'fieldset blueprint'}
      aria-describedby={hintId}
    >
      <legend class="field__label">
        {paperFor ? `Cấu trúc đề riêng cho ${paperFor}` : 'Cấu trúc đề'}
      </legend>
      <p id={hintId} class="field__hint">
        Mỗi lượt thi rút ngẫu nhiên số câu ghi ở từng dòng, từ các câu hỏi đã công khai của ngân
        hàng. Cột “Có sẵn” là số câu dùng được cho từng đối tượng dự thi.
      </p>
      {(error || problems.length > 0) && (
        <ul class="field__error blueprint__problems">
          {error && <li>{error}</li>}
          {problems.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
      )}
      {cells.length > 0 && (
        <div class="table-scroll">
          <table class="table table--compact blueprint__table">
            <caption class="sr-only">Các dòng của cấu trúc đề{own}</caption>
            <thead>
              <tr>
                <th scope="col">Dòng</th>
                <th scope="col">Chủ đề</th>
                <th scope="col">Mức độ</th>
                <th scope="col">Số câu</th>
                <th scope="col">Có sẵn</th>
                <th scope="col">
                  <span class="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, index) => {
                const row = index + 1;
                const invalid = rowsWithProblems.has(index);
                return (
                  <tr key={cell.key} class={invalid ? 'blueprint__row--error' : undefined}>
                    <td class="numeric">{row}</td>
                    <td>
                      <select
                        class="input select"
                        aria-label={`Chủ đề, dòng ${row}${own}`}
                        aria-invalid={invalid ? 'true' : undefined}
                        value={cell.topicCode}
                        onChange={(event) => {
                          update(index, { topicCode: event.currentTarget.value });
                        }}
                      >
                        <option value="">Chọn chủ đề…</option>
                        {topics.map((topic) => (
                          <option key={topic.code} value={topic.code}>
                            {topic.name}
                          </option>
                        ))}
                        {cell.topicCode && !topics.some((t) => t.code === cell.topicCode) && (
                          <option value={cell.topicCode}>{cell.topicCode} (không có)</option>
                        )}
                      </select>
                    </td>
                    <td>
                      <select
                        class="input select"
                        aria-label={`Mức độ, dòng ${row}${own}`}
                        value={cell.difficulty}
                        onChange={(event) => {
                          update(index, {
                            difficulty: event.currentTarget.value as Difficulty | '',
                          });
                        }}
                      >
                        {DIFFICULTY_OPTIONS.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        class="input input--narrow"
                        inputMode="numeric"
                        aria-label={`Số câu, dòng ${row}${own}`}
                        aria-invalid={invalid ? 'true' : undefined}
                        value={cell.count}
                        autoComplete="off"
                        onInput={(event) => {
                          update(index, { count: event.currentTarget.value });
                        }}
                      />
                    </td>
                    <td class="nowrap">
                      <Available availability={availability} cell={cell} groups={groups} />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        onClick={() => {
                          onChange(cells.filter((_, i) => i !== index));
                        }}
                      >
                        Xóa
                        <span class="sr-only">
                          {' '}
                          dòng {row}
                          {own}
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div class="toolbar">
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            onChange([...cells, newCell()]);
          }}
        >
          Thêm dòng{own && <span class="sr-only">{own}</span>}
        </button>
        <p class="toolbar__label blueprint__total" role="status">
          {paperFor
            ? `Tổng số câu mỗi lượt thi của ${paperFor}: ${formatNumber(total)}`
            : `Tổng số câu mỗi lượt thi: ${formatNumber(total)}`}
        </p>
      </div>
    </fieldset>
  );
}
