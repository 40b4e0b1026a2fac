// The live dashboard of a round (/quan-tri/vong-thi/:roundId/tong-quan), refreshed every 5 s:
// attempts and people, score and duration charts (small hand-written SVG, each with a table),
// participant groups, participation by unit with the collective ranking, and the Excel export.
import { useEffect, useState } from 'preact/hooks';
import type {
  RoundDashboard as Dashboard,
  UnitDashboardRow,
} from '../../../../src/shared/dashboard';
import { PARTICIPANT_GROUP_LABELS } from '../../../../src/shared/rounds';
import { UNIT_KIND_LABELS } from '../../../../src/shared/units';
import { SelectField } from '../../components/Field';
import { ApiError, apiGet, errorMessage } from '../../lib/api';
import { formatNumber, TIME_ZONE } from '../../lib/format';
import { usePageTitle } from '../../lib/router';
import './dashboard.css';

const POLL_MS = 5000;
const enc = encodeURIComponent;

/** `?unitRank=` choices: keys of the collective ranking, most important first. */
const RANK_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'rate,averageScore', label: 'Tỷ lệ tham gia, rồi điểm trung bình' },
  { value: 'averageScore,rate', label: 'Điểm trung bình, rồi tỷ lệ tham gia' },
  { value: 'participants,rate', label: 'Số người dự thi, rồi tỷ lệ tham gia' },
];

const percentFormat = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  maximumFractionDigits: 1,
});
const scoreFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const percent = (value: number | null) => (value === null ? '—' : percentFormat.format(value));
const score = (value: number | null) => (value === null ? '—' : scoreFormat.format(value));
const minutes = (ms: number) => {
  const total = Math.round(ms / 1000);
  return `${String(Math.floor(total / 60))}:${String(total % 60).padStart(2, '0')}`;
};

interface Bar {
  label: string;
  value: number;
}

/**
 * A small bar chart: an SVG for the eye (role="img" with a one-sentence summary) and the same
 * figures as a table in <details> for screen readers, keyboards and printing.
 */
function BarChart({
  title,
  bars,
  what,
  labelHeader,
}: {
  title: string;
  bars: Bar[];
  /** What is counted, plural ("người"). */
  what: string;
  labelHeader: string;
}) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const top = bars.find((b) => b.value === max);
  const summary =
    total === 0
      ? `${title}: chưa có số liệu.`
      : `${title}: tổng ${formatNumber(total)} ${what}, nhiều nhất ${formatNumber(max)} ${what} ở mức ${top?.label ?? ''}. Số liệu chi tiết ở bảng bên dưới.`;
  const width = Math.max(bars.length, 1) * 10;
  const height = 100;
  const scale = Math.max(max, 1);
  return (
    <figure class="dash-chart">
      <figcaption class="dash-chart__title">{title}</figcaption>
      <div class="dash-chart__plot">
        <div class="dash-chart__y" aria-hidden="true">
          <span>{formatNumber(max)}</span>
          <span>0</span>
        </div>
        <svg
          class="dash-chart__svg"
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${String(width)} ${String(height)}`}
          preserveAspectRatio="none"
        >
          {bars.map((bar, i) => {
            const h = (bar.value / scale) * height;
            return (
              <rect
                key={bar.label}
                class="dash-chart__bar"
                x={i * 10 + 1}
                y={height - h}
                width="8"
                height={h}
              >
                <title>{`${bar.label}: ${formatNumber(bar.value)} ${what}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <div class="dash-chart__x" aria-hidden="true">
        {bars.map((bar) => (
          <span key={bar.label}>{bar.label}</span>
        ))}
      </div>
      <details class="details">
        <summary>Bảng số liệu: {title.toLowerCase()}</summary>
        <table class="table table--compact">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" class="numeric">
                Số {what}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td class="numeric">{formatNumber(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function RateCell({ rate }: { rate: number | null }) {
  return (
    <span class="dash-rate">
      <span class="dash-rate__value">{percent(rate)}</span>
      <span class="dash-rate__bar" aria-hidden="true">
        <span style={{ width: `${String(Math.min(rate ?? 0, 1) * 100)}%` }} />
      </span>
    </span>
  );
}

function UnitsTable({ rows }: { rows: UnitDashboardRow[] }) {
  return (
    <div class="table-scroll">
      <table class="table table--stack dash-units">
        <caption class="sr-only">Tỷ lệ tham gia theo đơn vị, cộng dồn lên khối</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col" class="numeric">
              Số người
            </th>
            <th scope="col" class="numeric">
              Đã dự thi
            </th>
            <th scope="col">Tỷ lệ</th>
            <th scope="col" class="numeric">
              Điểm TB
            </th>
            <th scope="col" class="numeric">
              Hạng
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitId} class={row.kind === 'block' ? 'dash-units__block' : undefined}>
              <th scope="row" class={row.depth > 0 ? 'dash-units__child' : undefined}>
                {row.name}
                {row.kind === 'block' && (
                  <span class="muted small"> ({UNIT_KIND_LABELS.block})</span>
                )}
              </th>
              <td data-label="Số người" class="numeric">
                {formatNumber(row.headcount)}
              </td>
              <td data-label="Đã dự thi" class="numeric">
                {formatNumber(row.participants)}
              </td>
              <td data-label="Tỷ lệ">
                <RateCell rate={row.rate} />
              </td>
              <td data-label="Điểm TB" class="numeric">
                {score(row.averageScore)}
              </td>
              <td data-label="Hạng" class="numeric">
                {row.rank ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Ranking({ title, rows }: { title: string; rows: UnitDashboardRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section class="dash-ranking" aria-label={title}>
      <h3>{title}</h3>
      <ol class="dash-ranking__list">
        {rows.map((row) => (
          <li key={row.unitId}>
            <span class="dash-ranking__rank">{row.rank}</span>
            <span class="dash-ranking__name">{row.name}</span>
            <span class="muted small">
              {percent(row.rate)} · {score(row.averageScore)} điểm ·{' '}
              {formatNumber(row.participants)} người
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Body({
  d,
  rankBy,
  onRankBy,
}: {
  d: Dashboard;
  rankBy: string;
  onRankBy: (v: string) => void;
}) {
  const submittedPeople = d.participants.submitted;
  const scoreBars = d.scores.buckets.map((b) => ({
    label:
      d.scores.kind === 'points'
        ? scoreFormat.format(b.from)
        : `${scoreFormat.format(b.from)}–${scoreFormat.format(b.to)}`,
    value: b.count,
  }));
  const durationBars = d.durations.buckets.map((b) => ({
    label: `${minutes(b.fromMs)}–${minutes(b.toMs)}`,
    value: b.count,
  }));
  const exportHref = `/api/rounds/${enc(d.roundId)}/exports/participation.xlsx?unitRank=${enc(rankBy)}`;
  return (
    <>
      <dl class="facts">
        <div>
          <dt>Lượt thi đã bắt đầu</dt>
          <dd>{formatNumber(d.attempts.started)}</dd>
        </div>
        <div>
          <dt>Đang làm bài</dt>
          <dd>{formatNumber(d.attempts.inProgress)}</dd>
        </div>
        <div>
          <dt>Đã nộp bài</dt>
          <dd>{formatNumber(d.attempts.submitted)}</dd>
        </div>
        <div>
          <dt>Tự nộp khi hết giờ</dt>
          <dd>{formatNumber(d.attempts.autoSubmitted)}</dd>
        </div>
        <div>
          <dt>Người đăng ký hội thi</dt>
          <dd>{formatNumber(d.participants.registered)}</dd>
        </div>
        <div>
          <dt>Người đã vào thi</dt>
          <dd>{formatNumber(d.participants.started)}</dd>
        </div>
        <div>
          <dt>Người có bài được tính</dt>
          <dd>{formatNumber(submittedPeople)}</dd>
        </div>
        <div>
          <dt>Đạt điểm tuyệt đối</dt>
          <dd>
            {formatNumber(d.participants.perfect)}{' '}
            <span class="facts__small">
              ({percent(submittedPeople === 0 ? null : d.participants.perfect / submittedPeople)})
            </span>
          </dd>
        </div>
        <div>
          <dt>Điểm trung bình</dt>
          <dd>
            {score(d.averageScore)}
            {d.scores.maxScore !== null && (
              <span class="facts__small"> / {scoreFormat.format(d.scores.maxScore)}</span>
            )}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="phan-bo">
        <h2 id="phan-bo">Phân bố kết quả</h2>
        <div class="dash-charts">
          <BarChart title="Số người theo điểm" bars={scoreBars} what="người" labelHeader="Điểm" />
          <BarChart
            title="Số người theo thời gian làm bài (phút)"
            bars={durationBars}
            what="người"
            labelHeader="Thời gian làm bài"
          />
        </div>
      </section>

      <section aria-labelledby="doi-tuong">
        <h2 id="doi-tuong">Theo đối tượng</h2>
        <table class="table table--stack">
          <caption class="sr-only">Số người theo đối tượng dự thi</caption>
          <thead>
            <tr>
              <th scope="col">Đối tượng</th>
              <th scope="col" class="numeric">
                Đăng ký
              </th>
              <th scope="col" class="numeric">
                Đã vào thi
              </th>
              <th scope="col" class="numeric">
                Bài được tính
              </th>
              <th scope="col" class="numeric">
                Điểm TB
              </th>
            </tr>
          </thead>
          <tbody>
            {d.groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">{PARTICIPANT_GROUP_LABELS[g.group]}</th>
                <td data-label="Đăng ký" class="numeric">
                  {formatNumber(g.registered)}
                </td>
                <td data-label="Đã vào thi" class="numeric">
                  {formatNumber(g.started)}
                </td>
                <td data-label="Bài được tính" class="numeric">
                  {formatNumber(g.submitted)}
                </td>
                <td data-label="Điểm TB" class="numeric">
                  {score(g.averageScore)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="theo-don-vi">
        <h2 id="theo-don-vi">Tỷ lệ tham gia theo đơn vị</h2>
        {!d.units.enabled ? (
          <p class="muted">
            Hội thi chưa có danh sách đơn vị.{' '}
            <a href={`/quan-tri/hoi-thi/${enc(d.contestId)}/don-vi`}>Thêm đơn vị</a> để theo dõi tỷ
            lệ tham gia và xếp hạng tập thể.
          </p>
        ) : (
          <>
            <div class="toolbar dash-toolbar">
              <SelectField
                label="Xếp hạng tập thể theo"
                value={rankBy}
                options={RANK_CHOICES}
                onChange={onRankBy}
              />
              <a class="button button--secondary" href={exportHref} download>
                Tải bảng tỷ lệ tham gia (Excel)
              </a>
            </div>
            <p class="muted small">
              Tỷ lệ = số người có bài được tính ÷ số người của đơn vị (trên 100 % khi số người đã
              cũ). Tổng cộng: {formatNumber(d.units.total.participants)} /{' '}
              {formatNumber(d.units.total.headcount)} người ({percent(d.units.total.rate)}).
              {d.units.withoutUnit > 0 &&
                ` ${formatNumber(d.units.withoutUnit)} người dự thi không gắn với đơn vị nào.`}
            </p>
            <UnitsTable rows={d.units.rows} />
            <div class="dash-rankings">
              <Ranking title="Xếp hạng đơn vị, tổ dân phố" rows={d.units.ranking} />
              <Ranking title="Xếp hạng khối" rows={d.units.blockRanking} />
            </div>
          </>
        )}
      </section>
    </>
  );
}

/** `/quan-tri/vong-thi/:roundId/tong-quan`, polled every 5 seconds. */
export default function RoundDashboard({ roundId }: { roundId: string }) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [rankBy, setRankBy] = useState('rate,averageScore');
  usePageTitle(data ? `Theo dõi ${data.roundName}` : 'Theo dõi vòng thi');

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (!document.hidden) {
        try {
          const next = await apiGet<Dashboard>(
            `/rounds/${enc(roundId)}/dashboard?unitRank=${enc(rankBy)}`,
          );
          if (!live) return;
          setData(next);
          setError(null);
        } catch (caught) {
          if (!live) return;
          if (caught instanceof ApiError && caught.status === 404) setNotFound(true);
          setError(errorMessage(caught));
        }
      }
      if (live) timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [roundId, rankBy]);

  if (notFound) {
    return (
      <>
        <h1>Không tìm thấy vòng thi</h1>
        <p role="alert" class="status status--error">
          {error}
        </p>
      </>
    );
  }
  return (
    <>
      <nav aria-label="Đường dẫn" class="breadcrumbs">
        <ol>
          <li>
            <a href="/quan-tri/hoi-thi">Hội thi</a>
          </li>
          {data && (
            <li>
              <a href={`/quan-tri/vong-thi/${enc(roundId)}`}>{data.roundName}</a>
            </li>
          )}
          <li>
            <span aria-current="page">Theo dõi trực tiếp</span>
          </li>
        </ol>
      </nav>
      <h1>Theo dõi vòng thi{data ? `: ${data.roundName}` : ''}</h1>
      <p class="muted">
        Số liệu tự cập nhật mỗi 5 giây
        {data && `; lần cuối lúc ${timeFormat.format(new Date(data.generatedAt))}`}. Điểm và thời
        gian tính theo bài được tính của mỗi người.
      </p>
      {error && (
        <p role="alert" class="status status--error">
          {error} {data && 'Đang hiển thị số liệu lần trước; trang sẽ tự thử lại.'}
        </p>
      )}
      {!data && !error && (
        <p class="loading" role="status">
          Đang tải số liệu…
        </p>
      )}
      {data && (
        <Body
          d={data}
          rankBy={rankBy}
          onRankBy={(value) => {
            setRankBy(value);
          }}
        />
      )}
    </>
  );
}
