// Organizer statistics of public practice (/quan-tri/luyen-tap): activity per day and topic,
// and the questions residents miss most — what the ward's communication should explain.
import { useEffect, useId, useState } from 'preact/hooks';
import type { PracticeStats as Stats } from '../../../../src/shared/practice';
import { apiGet, errorMessage } from '../../lib/api';
import { formatDay, formatNumber } from '../../lib/format';
import { navigate, useLocation, usePageTitle } from '../../lib/router';
import './practice-stats.css';

const BASE = '/quan-tri/luyen-tap';
const DAY_MS = 86_400_000;
/** Vietnam has no daylight saving time. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

type Day = Stats['days'][number];

/** Today (YYYY-MM-DD) in Asia/Ho_Chi_Minh. */
function vietnamToday(): string {
  return new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD ("2026-02-30" is not). */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Days from `from` to `to`, both included. */
function daySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function everyDay(from: string, to: string, days: readonly Day[]): Day[] {
  const byDay = new Map(days.map((day) => [day.day, day]));
  const count = Math.min(daySpan(from, to), MAX_DAYS);
  return Array.from({ length: Math.max(count, 0) }, (_, index) => {
    const day = addDays(from, index);
    return byDay.get(day) ?? { day, sessions: 0, answers: 0, correct: 0 };
  });
}

const percentFormat = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  maximumFractionDigits: 1,
});

function rate(part: number, whole: number): string {
  return whole === 0 ? '—' : percentFormat.format(part / whole);
}

function rangeFromQuery(query: URLSearchParams): { from: string; to: string } {
  const to = query.get('to') ?? '';
  const from = query.get('from') ?? '';
  const validTo = isDay(to) ? to : vietnamToday();
  const usable = isDay(from) && from <= validTo && daySpan(from, validTo) <= MAX_DAYS;
  return { from: usable ? from : addDays(validTo, -(DEFAULT_DAYS - 1)), to: validTo };
}

function rangeQuery(from: string, to: string): string {
  return new URLSearchParams({ from, to }).toString();
}

function DateField({
  label,
  value,
  onInput,
  error,
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id} class="field__label">
        {label}
      </label>
      {error && (
        <p id={`${id}-error`} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        type="date"
        class="input"
        value={value}
        max="9999-12-31"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => {
          onInput(event.currentTarget.value);
        }}
      />
    </div>
  );
}

function RangeForm({ from, to }: { from: string; to: string }) {
  const [draftFrom, setDraftFrom] = useState(from);
  const [draftTo, setDraftTo] = useState(to);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  useEffect(() => {
    setDraftFrom(from);
    setDraftTo(to);
  }, [from, to]);

  function onSubmit(event: Event) {
    event.preventDefault();
    const found: { from?: string; to?: string } = {};
    if (!isDay(draftFrom)) found.from = 'Hãy chọn ngày bắt đầu.';
    if (!isDay(draftTo)) found.to = 'Hãy chọn ngày kết thúc.';
    if (!found.from && !found.to) {
      if (draftFrom > draftTo) found.to = 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.';
      else if (daySpan(draftFrom, draftTo) > MAX_DAYS)
        found.to = `Chỉ xem được tối đa ${MAX_DAYS} ngày một lần.`;
    }
    setErrors(found);
    if (found.from || found.to) return;
    navigate(`${BASE}?${rangeQuery(draftFrom, draftTo)}`);
  }

  return (
    <form class="filters stats-range" noValidate aria-label="Khoảng thời gian" onSubmit={onSubmit}>
      <DateField label="Từ ngày" value={draftFrom} onInput={setDraftFrom} error={errors.from} />
      <DateField label="Đến ngày" value={draftTo} onInput={setDraftTo} error={errors.to} />
      <div class="filters__actions">
        <button type="submit" class="button">
          Xem thống kê
        </button>
      </div>
    </form>
  );
}

/** Answers per day as bars (correct answers darker inside), with the same data as a table. */
function DayChart({ from, to, days }: { from: string; to: string; days: readonly Day[] }) {
  const all = everyDay(from, to, days);
  const max = Math.max(0, ...all.map((day) => day.answers));
  const total = all.reduce((sum, day) => sum + day.answers, 0);
  const busiest = all.find((day) => day.answers === max);
  const label =
    total === 0
      ? `Biểu đồ cột số câu trả lời theo ngày, từ ${formatDay(from)} đến ${formatDay(to)}: chưa có câu trả lời nào.`
      : `Biểu đồ cột số câu trả lời theo ngày, từ ${formatDay(from)} đến ${formatDay(to)}: tổng ${formatNumber(total)} câu, nhiều nhất ${formatNumber(max)} câu vào ngày ${formatDay(busiest?.day)}. Số liệu chi tiết ở bảng bên dưới.`;
  const scale = Math.max(max, 1);
  const width = all.length * 10;
  const height = 100;
  return (
    <figure class="chart">
      <div class="chart__plot">
        <div class="chart__y" aria-hidden="true">
          <span>{formatNumber(max)}</span>
          <span>{formatNumber(Math.round(max / 2))}</span>
          <span>0</span>
        </div>
        <svg
          class="chart__svg"
          role="img"
          aria-label={label}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
        >
          {[0, 50, 100].map((y) => (
            <line
              key={y}
              x1="0"
              x2={width}
              y1={y}
              y2={y}
              class="chart__grid"
              vector-effect="non-scaling-stroke"
            />
          ))}
          {all.map((day, index) => {
            const answers = (day.answers / scale) * height;
            const correct = (day.correct / scale) * height;
            return (
              <g key={day.day}>
                <title>
                  {`${formatDay(day.day)}: ${formatNumber(day.answers)} câu trả lời, ${formatNumber(day.correct)} câu đúng`}
                </title>
                <rect
                  class="chart__bar"
                  x={index * 10 + 1.5}
                  y={height - answers}
                  width="7"
                  height={answers}
                />
                <rect
                  class="chart__bar chart__bar--correct"
                  x={index * 10 + 1.5}
                  y={height - correct}
                  width="7"
                  height={correct}
                />
              </g>
            );
          })}
        </svg>
      </div>
      <div class="chart__x" aria-hidden="true">
        <span>{formatDay(from)}</span>
        <span>{formatDay(to)}</span>
      </div>
      <figcaption class="chart__legend">
        <span class="chart__key chart__key--answers" aria-hidden="true" /> Câu trả lời
        <span class="chart__key chart__key--correct" aria-hidden="true" /> Trong đó trả lời đúng
      </figcaption>
      <details class="details">
        <summary>Bảng số liệu theo ngày</summary>
        <div class="table-scroll">
          <table class="table table--compact">
            <caption class="sr-only">Hoạt động luyện tập theo ngày</caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col" class="numeric">
                  Lượt luyện tập
                </th>
                <th scope="col" class="numeric">
                  Câu trả lời
                </th>
                <th scope="col" class="numeric">
                  Trả lời đúng
                </th>
                <th scope="col" class="numeric">
                  Tỷ lệ đúng
                </th>
              </tr>
            </thead>
            <tbody>
              {all.map((day) => (
                <tr
                  key={day.day}
                  class={day.answers === 0 && day.sessions === 0 ? 'row--muted' : ''}
                >
                  <th scope="row" class="nowrap">
                    {formatDay(day.day)}
                  </th>
                  <td class="numeric">{formatNumber(day.sessions)}</td>
                  <td class="numeric">{formatNumber(day.answers)}</td>
                  <td class="numeric">{formatNumber(day.correct)}</td>
                  <td class="numeric">{rate(day.correct, day.answers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function TopicTable({ topics }: { topics: Stats['topics'] }) {
  if (topics.length === 0) return <p class="muted">Chưa có câu trả lời nào.</p>;
  return (
    <table class="table table--stack">
      <caption class="sr-only">Kết quả luyện tập theo chủ đề</caption>
      <thead>
        <tr>
          <th scope="col">Chủ đề</th>
          <th scope="col" class="numeric">
            Câu trả lời
          </th>
          <th scope="col" class="numeric">
            Trả lời đúng
          </th>
          <th scope="col">Tỷ lệ đúng</th>
        </tr>
      </thead>
      <tbody>
        {topics.map((topic) => (
          <tr key={topic.topicId}>
            <th scope="row" class="topic-name">
              {topic.topic}
            </th>
            <td data-label="Câu trả lời" class="numeric">
              {formatNumber(topic.answers)}
            </td>
            <td data-label="Trả lời đúng" class="numeric">
              {formatNumber(topic.correct)}
            </td>
            <td data-label="Tỷ lệ đúng">
              <span class="rate">
                <span class="rate__value numeric">{rate(topic.correct, topic.answers)}</span>
                <span class="rate__bar" aria-hidden="true">
                  <span
                    style={{
                      width: `${topic.answers ? (topic.correct / topic.answers) * 100 : 0}%`,
                    }}
                  />
                </span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MostMissedTable({ rows }: { rows: Stats['mostMissed'] }) {
  if (rows.length === 0) {
    return <p class="muted">Chưa có câu nào đủ số lượt trả lời để thống kê.</p>;
  }
  return (
    <table class="table table--stack">
      <caption class="sr-only">Các câu hỏi bị trả lời sai nhiều nhất</caption>
      <thead>
        <tr>
          <th scope="col">Mã</th>
          <th scope="col">Câu hỏi</th>
          <th scope="col">Chủ đề</th>
          <th scope="col" class="numeric">
            Lượt trả lời
          </th>
          <th scope="col" class="numeric">
            Số lần sai
          </th>
          <th scope="col" class="numeric">
            Tỷ lệ sai
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.questionId}>
            <td data-label="Mã" class="nowrap">
              {row.code ?? '—'}
            </td>
            <td data-label="Câu hỏi" class="question-cell">
              <a href={`/quan-tri/cau-hoi/${row.questionId}`}>{row.text}</a>
            </td>
            <td data-label="Chủ đề" class="topic-cell">
              {row.topic}
            </td>
            <td data-label="Lượt trả lời" class="numeric">
              {formatNumber(row.answers)}
            </td>
            <td data-label="Số lần sai" class="numeric">
              {formatNumber(row.wrong)}
            </td>
            <td data-label="Tỷ lệ sai" class="numeric">
              <strong>{rate(row.wrong, row.answers)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Load =
  | { kind: 'loading'; previous: Stats | null }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; stats: Stats };

export default function PracticeStats() {
  usePageTitle('Thống kê luyện tập');
  const { query } = useLocation();
  const { from, to } = rangeFromQuery(query);
  const [load, setLoad] = useState<Load>({ kind: 'loading', previous: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad((before) => ({
      kind: 'loading',
      previous: before.kind === 'ready' ? before.stats : null,
    }));
    apiGet<Stats>(`/practice/stats?${rangeQuery(from, to)}`).then(
      (stats) => {
        if (live) setLoad({ kind: 'ready', stats });
      },
      (error: unknown) => {
        if (live) setLoad({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [from, to, attempt]);

  const stats = load.kind === 'ready' ? load.stats : load.kind === 'loading' ? load.previous : null;
  const exportHref = `/api/practice/stats/export.xlsx?${rangeQuery(from, to)}`;

  return (
    <>
      <h1>Thống kê luyện tập</h1>
      <p class="lead">
        Người dân luyện tập thế nào, và những câu nào họ hay trả lời sai: đó là những nội dung cần
        tuyên truyền thêm.
      </p>
      <RangeForm from={from} to={to} />
      <div class="toolbar">
        <p class="toolbar__label stats-period">
          Từ {formatDay(from)} đến {formatDay(to)}
        </p>
        <a class="button button--secondary" href={exportHref} download>
          Xuất Excel
        </a>
      </div>

      {load.kind === 'loading' && (
        <p class="loading" role="status">
          Đang tải thống kê…
        </p>
      )}
      {load.kind === 'failed' && (
        <div class="status status--error" role="alert">
          <p>{load.message}</p>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setAttempt(attempt + 1);
            }}
          >
            Thử lại
          </button>
        </div>
      )}

      {stats && (
        <div class={load.kind === 'loading' ? 'is-stale' : undefined}>
          <dl class="facts">
            <div>
              <dt>Lượt luyện tập</dt>
              <dd>{formatNumber(stats.totals.sessions)}</dd>
            </div>
            <div>
              <dt>Câu trả lời</dt>
              <dd>{formatNumber(stats.totals.answers)}</dd>
            </div>
            <div>
              <dt>Trả lời đúng</dt>
              <dd>
                {formatNumber(stats.totals.correct)}{' '}
                <span class="facts__small">
                  ({rate(stats.totals.correct, stats.totals.answers)})
                </span>
              </dd>
            </div>
          </dl>

          <section aria-labelledby="theo-ngay">
            <h2 id="theo-ngay">Số câu trả lời theo ngày</h2>
            <DayChart from={from} to={to} days={stats.days} />
          </section>

          <section aria-labelledby="theo-chu-de">
            <h2 id="theo-chu-de">Theo chủ đề</h2>
            <TopicTable topics={stats.topics} />
          </section>

          <section aria-labelledby="hay-sai">
            <h2 id="hay-sai">Câu hay trả lời sai nhất</h2>
            <p class="muted">
              Tối đa 20 câu có ít nhất 3 lượt trả lời, xếp theo số lần sai. Đây là những kiến thức
              người dân còn hổng, nên được giải thích trên bản tin, trang thông tin của phường.
            </p>
            <MostMissedTable rows={stats.mostMissed} />
          </section>
        </div>
      )}
    </>
  );
}
