// One round (/quan-tri/vong-thi/:id): its settings, its lifecycle (publish, open, close,
// publish results, delete a draft), the ranking, prizes and Excel exports.
import { useRef, useState } from 'preact/hooks';
import type { Blueprint, GroupDraw, RoundAction } from '../../../../src/shared/round-rules';
import {
  LEADERBOARD_VISIBILITY_LABELS,
  PARTICIPANT_GROUP_LABELS,
  PRIZE_TIER_LABELS,
  REVIEW_POLICY_LABELS,
  type ParticipantGroup,
  type PrizeQuotas,
  type PrizeTierName,
  type RankingRow,
  type RankingView,
  type RoundView,
} from '../../../../src/shared/rounds';
import { Loading } from '../../components/Lazy';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { ApiError, apiDelete, apiGet, apiPost, apiPut, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDateTime, formatNumber } from '../../lib/format';
import { navigate, useLocation, usePageTitle } from '../../lib/router';
import type { BankDetail } from '../../types';
import { DIFFICULTY_LABELS } from '../labels';
import {
  bankApi,
  Breadcrumbs,
  ConfirmDialog,
  LoadFailed,
  PageLoading,
  useLoaded,
} from '../banks/shared';
import {
  CONTESTS_PATH,
  contestHref,
  COUNT_POLICY_LABELS,
  dashboardHref,
  editRoundHref,
  formatDecimal,
  formatDuration,
  formatTimeLimit,
  GROUP_SHORT_LABELS,
  loadContest,
  loadRound,
  parseWhole,
  PREDICTION_KIND_LABELS,
  publicResultsHref,
  roundApi,
  roundGroups,
  roundHref,
  StatusTag,
  TIE_BREAK_LABELS,
} from './shared';

const PAGE_SIZE = 50;
const PRIZE_TIERS: readonly PrizeTierName[] = ['first', 'second', 'third', 'consolation'];

type Tab = 'xep-hang' | 'giai' | 'xuat';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'xep-hang', label: 'Xếp hạng' },
  { id: 'giai', label: 'Giải thưởng' },
  { id: 'xuat', label: 'Xuất Excel' },
];

function tabHref(roundId: string, tab: Tab, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(tab === 'xep-hang' ? extra : { muc: tab, ...extra });
  const text = query.toString();
  return text ? `${roundHref(roundId)}?${text}` : roundHref(roundId);
}

// ---- Settings ----------------------------------------------------------------------------------

function scoringText(round: RoundView): string {
  const points = round.scoring.points;
  const base =
    points.kind === 'equal'
      ? `Mỗi câu ${formatDecimal(points.points)} điểm`
      : `Theo mức độ: Dễ ${formatDecimal(points.points.easy)}, Trung bình ${formatDecimal(points.points.medium)}, Khó ${formatDecimal(points.points.hard)} điểm`;
  return round.scoring.partialCredit ? `${base}; tính điểm từng phần` : base;
}

function BlueprintList({ blueprint, bank }: { blueprint: Blueprint; bank: BankDetail | null }) {
  const topicName = (code: string) =>
    bank?.topics.find((topic) => topic.code === code)?.name ?? code;
  return (
    <ul class="settings__list">
      {blueprint.map((cell, index) => (
        <li key={index}>
          {topicName(cell.topicCode)}
          {cell.difficulty ? `, mức ${DIFFICULTY_LABELS[cell.difficulty]}` : ''}:{' '}
          {formatNumber(cell.count)} câu
        </li>
      ))}
    </ul>
  );
}

const blueprintSize = (blueprint: Blueprint) => blueprint.reduce((sum, c) => sum + c.count, 0);

/** A group's own paper: its bank (read here unless it is the round's) and its blueprint. */
function GroupPaper({
  group,
  draw,
  round,
  roundBank,
}: {
  group: ParticipantGroup;
  draw: GroupDraw;
  round: RoundView;
  roundBank: BankDetail | null;
}) {
  const other = draw.bankId === round.bankId ? '' : draw.bankId;
  const loaded = useLoaded(`bank-${other}`, () =>
    other ? apiGet<BankDetail>(bankApi(other)) : Promise.resolve(null),
  );
  const bank = other ? loaded.data : roundBank;
  return (
    <>
      <dt>Đề riêng cho {PARTICIPANT_GROUP_LABELS[group]}</dt>
      <dd>
        <p class="settings__line">
          Ngân hàng: {bank?.name ?? <span class="muted">…</span>};{' '}
          {formatNumber(blueprintSize(draw.blueprint))} câu mỗi lượt
        </p>
        <BlueprintList blueprint={draw.blueprint} bank={bank} />
      </dd>
    </>
  );
}

function Settings({ round, bank }: { round: RoundView; bank: BankDetail | null }) {
  const groups = roundGroups(round);
  const ownPapers = groups.flatMap((group) => {
    const draw = round.groupDraws[group];
    return draw ? [{ group, draw }] : [];
  });
  const commonGroups = groups.filter((group) => !round.groupDraws[group]);
  // Who draws the round's own paper, when some groups have theirs.
  const commonFor =
    ownPapers.length === 0
      ? null
      : commonGroups.length === 0
        ? ' (không dùng: mọi đối tượng có đề riêng)'
        : ` (đề chung cho ${commonGroups.map((g) => PARTICIPANT_GROUP_LABELS[g]).join('; ')})`;
  return (
    <section aria-labelledby="thiet-lap">
      <h2 id="thiet-lap">Thiết lập</h2>
      <dl class="facts facts--tight">
        <div>
          <dt>Mở lúc</dt>
          <dd>
            <time dateTime={round.opensAt}>{formatDateTime(round.opensAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Đóng lúc</dt>
          <dd>
            <time dateTime={round.closesAt}>{formatDateTime(round.closesAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Số câu mỗi lượt</dt>
          <dd>
            {ownPapers.length === 0
              ? formatNumber(round.questionCount)
              : groups
                  .map((group) => {
                    const draw = round.groupDraws[group];
                    const n = draw ? blueprintSize(draw.blueprint) : round.questionCount;
                    return `${GROUP_SHORT_LABELS[group]}: ${formatNumber(n)}`;
                  })
                  .join(' · ')}
          </dd>
        </div>
        <div>
          <dt>Thời gian làm bài</dt>
          <dd>{formatTimeLimit(round.timeLimitSeconds)}</dd>
        </div>
        <div>
          <dt>Số lượt thi</dt>
          <dd>
            {formatNumber(round.attemptsAllowed)}
            {round.attemptsAllowed > 1 && (
              <span class="facts__small"> ({COUNT_POLICY_LABELS[round.countedPolicy]})</span>
            )}
          </dd>
        </div>
        {round.trueValue !== null && (
          <div>
            <dt>Đáp án câu dự đoán</dt>
            <dd>
              {formatDecimal(round.trueValue)}
              {round.predictionKind === 'perfect_percent' ? '%' : ''}
            </dd>
          </div>
        )}
      </dl>
      <dl class="settings">
        <dt>Ngân hàng câu hỏi</dt>
        <dd>
          {bank?.name ?? <span class="muted">…</span>}
          {commonFor && <span class="facts__small">{commonFor}</span>}
        </dd>
        <dt>Cấu trúc đề</dt>
        <dd>
          <BlueprintList blueprint={round.blueprint} bank={bank} />
        </dd>
        {ownPapers.map(({ group, draw }) => (
          <GroupPaper key={group} group={group} draw={draw} round={round} roundBank={bank} />
        ))}
        <dt>Xáo trộn</dt>
        <dd>
          {[
            round.shuffleQuestions ? 'thứ tự câu hỏi' : null,
            round.shuffleOptions ? 'thứ tự phương án' : null,
          ]
            .filter(Boolean)
            .join(', ') || 'Không'}
        </dd>
        <dt>Cách tính điểm</dt>
        <dd>{scoringText(round)}</dd>
        <dt>Câu hỏi dự đoán</dt>
        <dd>{PREDICTION_KIND_LABELS[round.predictionKind]}</dd>
        <dt>Thứ tự xếp hạng</dt>
        <dd>{round.tieBreakChain.map((key) => TIE_BREAK_LABELS[key]).join(' → ')}</dd>
        <dt>Đối tượng dự thi</dt>
        <dd>{groups.map((group) => PARTICIPANT_GROUP_LABELS[group]).join('; ')}</dd>
        <dt>Xem đáp án</dt>
        <dd>{REVIEW_POLICY_LABELS[round.reviewPolicy]}</dd>
        <dt>Bảng xếp hạng trực tiếp</dt>
        <dd>{LEADERBOARD_VISIBILITY_LABELS[round.leaderboardVisibility]}</dd>
        <dt>Thời gian ân hạn</dt>
        <dd>{formatDecimal(round.graceMs / 1000)} giây</dd>
      </dl>
    </section>
  );
}

// ---- Lifecycle ---------------------------------------------------------------------------------

const ACTION_PATHS: Record<RoundAction, string> = {
  publish: 'publish',
  open: 'open',
  close: 'close',
  publish_results: 'publish-results',
};

const ACTION_DONE: Record<RoundAction, string> = {
  publish: 'Đã công bố vòng thi: người dự thi đã thấy vòng thi và giờ mở.',
  open: 'Đã mở vòng thi: người dự thi có thể bắt đầu làm bài.',
  close: 'Đã đóng vòng thi: kết quả đã được chốt, có thể xem xếp hạng chính thức và giải.',
  publish_results: 'Đã công bố kết quả trên trang công khai.',
};

function Lifecycle({
  round,
  onChanged,
}: {
  round: RoundView;
  onChanged: (round: RoundView, message: string) => void;
}) {
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<'close' | 'publish_results' | 'delete' | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  async function run(action: RoundAction) {
    const view = await apiPost<RoundView>(`${roundApi(round.id)}/${ACTION_PATHS[action]}`);
    onChanged(view, ACTION_DONE[action]);
  }

  async function act(action: RoundAction) {
    if (busy) return;
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang thực hiện…' });
    try {
      await run(action);
      setStatus(null);
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const ask = (what: 'close' | 'publish_results' | 'delete') => (event: Event) => {
    opener.current = event.currentTarget as HTMLButtonElement;
    setConfirming(what);
  };

  return (
    <section aria-labelledby="dieu-khien" class="card">
      <h2 id="dieu-khien">Điều khiển vòng thi</h2>
      <p class="muted">
        {round.status === 'draft' &&
          'Vòng thi đang là bản nháp: chỉ ban tổ chức thấy. Kiểm tra thiết lập rồi bấm “Công bố”.'}
        {round.status === 'published' &&
          'Người dự thi đã thấy vòng thi. Đến giờ mở, bấm “Mở vòng thi” (người dự thi cũng làm bài được ngay khi đến giờ mở).'}
        {round.status === 'open' &&
          'Vòng thi đang mở. Đến giờ đóng, hệ thống tự đóng vòng thi, chốt kết quả và tính đáp án câu dự đoán (có thể bấm “Đóng vòng thi” nếu cần đóng ngay sau giờ đóng).'}
        {round.status === 'closed' &&
          'Vòng thi đã đóng. Kiểm tra xếp hạng và giải, rồi công bố kết quả trên trang công khai.'}
        {round.status === 'results_published' &&
          `Kết quả đã công bố${round.resultsPublishedAt ? ` lúc ${formatDateTime(round.resultsPublishedAt)}` : ''}.`}
      </p>
      <div class="actions">
        {round.status === 'draft' && (
          <button
            type="button"
            class="button"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => {
              void act('publish');
            }}
          >
            Công bố
          </button>
        )}
        {round.status === 'published' && (
          <button
            type="button"
            class="button"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => {
              void act('open');
            }}
          >
            Mở vòng thi
          </button>
        )}
        {round.status === 'open' && (
          <button
            type="button"
            class={Date.now() < Date.parse(round.closesAt) ? 'button button--secondary' : 'button'}
            onClick={ask('close')}
          >
            Đóng vòng thi
          </button>
        )}
        {round.status === 'closed' && (
          <button type="button" class="button" onClick={ask('publish_results')}>
            Công bố kết quả
          </button>
        )}
        {round.status === 'results_published' && (
          <a href={publicResultsHref(round.id)} class="button">
            Trang kết quả công khai
          </a>
        )}
        {round.status !== 'closed' && round.status !== 'results_published' && (
          <a href={editRoundHref(round.id)} class="button button--secondary">
            Sửa thiết lập
          </a>
        )}
        <a href={dashboardHref(round.id)} class="button button--secondary">
          Tổng quan trực tiếp
        </a>
        {round.status === 'draft' && (
          <button type="button" class="button button--danger" onClick={ask('delete')}>
            Xóa
          </button>
        )}
      </div>
      <Status message={status} />

      {confirming === 'close' && (
        <ConfirmDialog
          title={`Đóng vòng thi “${round.name}”?`}
          confirmLabel="Đóng vòng thi"
          busyText="Đang đóng vòng thi…"
          onConfirm={async () => {
            await run('close');
            setConfirming(null);
          }}
          onClose={() => {
            setConfirming(null);
            opener.current?.focus();
          }}
        >
          <p>
            Sau khi đóng, không ai làm bài được nữa; kết quả được chốt và đáp án câu dự đoán được
            tính. Không thể mở lại.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'publish_results' && (
        <ConfirmDialog
          title="Công bố kết quả?"
          confirmLabel="Công bố kết quả"
          busyText="Đang công bố kết quả…"
          onConfirm={async () => {
            await run('publish_results');
            setConfirming(null);
          }}
          onClose={() => {
            setConfirming(null);
            opener.current?.focus();
          }}
        >
          <p>
            Danh sách đoạt giải (họ tên, đơn vị, số điện thoại đã che) sẽ hiện trên trang kết quả
            công khai. Hãy kiểm tra số lượng giải trước.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title={`Xóa vòng thi “${round.name}”?`}
          confirmLabel="Xóa vòng thi"
          busyText="Đang xóa vòng thi…"
          onConfirm={async () => {
            await apiDelete(roundApi(round.id));
            setFlash(`Đã xóa vòng thi “${round.name}”.`);
            navigate(contestHref(round.contestId));
          }}
          onClose={() => {
            setConfirming(null);
            opener.current?.focus();
          }}
        >
          <p>Vòng thi nháp này và thiết lập của nó sẽ bị xóa. Không thể hoàn tác.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

// ---- Ranking -----------------------------------------------------------------------------------

function predictionText(value: number | null, round: RoundView): string {
  if (value === null) return '—';
  return `${formatDecimal(value)}${round.predictionKind === 'perfect_percent' ? '%' : ''}`;
}

function prizeText(prize: PrizeTierName | null) {
  return prize ? PRIZE_TIER_LABELS[prize] : <span class="muted">—</span>;
}

function RankingTable({
  rows,
  round,
  caption,
}: {
  rows: RankingRow[];
  round: RoundView;
  caption: string;
}) {
  return (
    <div class="table-scroll">
      <table class="table table--compact ranking">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="numeric">
              Hạng
            </th>
            <th scope="col">Họ tên</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Đối tượng</th>
            <th scope="col" class="numeric">
              Điểm
            </th>
            <th scope="col" class="numeric">
              Dự đoán
            </th>
            <th scope="col" class="numeric">
              Sai số dự đoán
            </th>
            <th scope="col">Thời gian làm bài</th>
            <th scope="col">Nộp lúc</th>
            <th scope="col">Giải</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.attemptId}>
              <td class="numeric">{formatNumber(row.rank)}</td>
              <th scope="row">{row.fullName}</th>
              <td>{row.unit ?? <span class="muted">—</span>}</td>
              <td>{GROUP_SHORT_LABELS[row.participantGroup]}</td>
              <td class="numeric nowrap">
                {formatDecimal(row.score)}/{formatDecimal(row.maxScore)}
              </td>
              <td class="numeric">{predictionText(row.prediction, round)}</td>
              <td class="numeric">
                {row.predictionError === null ? '—' : formatDecimal(row.predictionError)}
              </td>
              <td class="nowrap">{formatDuration(row.durationMs)}</td>
              <td class="nowrap">{formatDateTime(row.submittedAt)}</td>
              <td class="nowrap">{prizeText(row.prize)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupTabs({
  round,
  group,
  tab,
}: {
  round: RoundView;
  group: ParticipantGroup | null;
  tab: Tab;
}) {
  const items: { value: ParticipantGroup | null; label: string }[] = [
    { value: null, label: 'Tất cả' },
    ...roundGroups(round).map((value) => ({ value, label: PARTICIPANT_GROUP_LABELS[value] })),
  ];
  return (
    <nav class="tabs tabs--small" aria-label="Đối tượng">
      <ul class="tabs__list">
        {items.map((item) => (
          <li key={item.value ?? 'all'}>
            <a
              class="tabs__link"
              href={tabHref(round.id, tab, item.value ? { 'doi-tuong': item.value } : {})}
              aria-current={item.value === group ? 'page' : undefined}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Ranking({
  round,
  group,
  page,
}: {
  round: RoundView;
  group: ParticipantGroup | null;
  page: number;
}) {
  const key = `${round.id}|${round.status}|${group ?? ''}|${page}`;
  const ranking = useLoaded(key, () => {
    const query = new URLSearchParams({
      ...(group ? { group } : {}),
      limit: String(PAGE_SIZE),
      offset: String((page - 1) * PAGE_SIZE),
    });
    return apiGet<RankingView>(`${roundApi(round.id)}/ranking?${query.toString()}`);
  });
  const data = ranking.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const pageHref = (n: number) =>
    tabHref(round.id, 'xep-hang', {
      ...(group ? { 'doi-tuong': group } : {}),
      ...(n > 1 ? { trang: String(n) } : {}),
    });

  return (
    <section aria-labelledby="xep-hang">
      <h2 id="xep-hang">
        Xếp hạng
        {data?.provisional && (
          <>
            {' '}
            <span
              class="tag tag--warning tag--heading"
              title="Vòng thi chưa đóng: chưa có đáp án câu dự đoán nên thứ hạng còn thay đổi"
            >
              Tạm thời
            </span>
          </>
        )}
      </h2>
      <GroupTabs round={round} group={group} tab="xep-hang" />
      {ranking.error ? (
        <>
          <p role="alert" class="status status--error">
            {ranking.error.message}
          </p>
          <button type="button" class="button" onClick={ranking.reload}>
            Thử lại
          </button>
        </>
      ) : data === null ? (
        <Loading text="Đang tải bảng xếp hạng…" />
      ) : (
        <div class={ranking.stale ? 'is-stale' : undefined}>
          <p class="result-count">
            {formatNumber(data.total)} người được xếp hạng
            {data.provisional
              ? '. Xếp hạng tạm thời: vòng thi chưa đóng nên chưa xét câu dự đoán.'
              : data.trueValue !== null
                ? `. Đáp án câu dự đoán: ${predictionText(data.trueValue, round)}.`
                : '.'}
          </p>
          {data.rows.length > 0 && (
            <RankingTable
              rows={data.rows}
              round={round}
              caption={`Bảng xếp hạng, trang ${formatNumber(page)}`}
            />
          )}
          {pages > 1 && (
            <nav class="pagination" aria-label="Phân trang bảng xếp hạng">
              {page > 1 ? (
                <a class="button button--secondary" href={pageHref(page - 1)}>
                  Trang trước
                </a>
              ) : (
                <span />
              )}
              <p class="pagination__info">
                Trang {formatNumber(page)}/{formatNumber(pages)}
              </p>
              {page < pages ? (
                <a class="button button--secondary" href={pageHref(page + 1)}>
                  Trang sau
                </a>
              ) : (
                <span />
              )}
            </nav>
          )}
        </div>
      )}
    </section>
  );
}

// ---- Prizes ------------------------------------------------------------------------------------

type QuotaDraft = Record<string, string>;
const quotaKey = (group: ParticipantGroup, tier: PrizeTierName) => `${group}.${tier}`;

function quotaDraft(round: RoundView): QuotaDraft {
  const draft: QuotaDraft = {};
  for (const group of roundGroups(round)) {
    for (const tier of PRIZE_TIERS) {
      draft[quotaKey(group, tier)] = String(round.prizeQuotas[group]?.[tier] ?? 0);
    }
  }
  return draft;
}

function QuotaForm({ round, onSaved }: { round: RoundView; onSaved: (round: RoundView) => void }) {
  const [draft, setDraft] = useState<QuotaDraft>(() => quotaDraft(round));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = roundGroups(round);
  const errorList = [...new Set(Object.values(errors))];

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    const quotas: PrizeQuotas = {};
    const found: Record<string, string> = {};
    for (const group of groups) {
      const quota = { first: 0, second: 0, third: 0, consolation: 0 };
      for (const tier of PRIZE_TIERS) {
        const value = parseWhole(draft[quotaKey(group, tier)] ?? '');
        if (value === null || value > 10_000)
          found[quotaKey(group, tier)] =
            `${PRIZE_TIER_LABELS[tier]} – ${PARTICIPANT_GROUP_LABELS[group]}: nhập số nguyên từ 0 đến 10.000.`;
        else quota[tier] = value;
      }
      quotas[group] = quota;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ kind: 'error', text: 'Số lượng giải phải là số nguyên từ 0 đến 10.000.' });
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang lưu số lượng giải…' });
    try {
      const saved = await apiPut<RoundView>(`${roundApi(round.id)}/prize-quotas`, quotas);
      onSaved(saved);
      setStatus({ kind: 'success', text: 'Đã lưu số lượng giải.' });
    } catch (error) {
      if (error instanceof ApiError) {
        const server: Record<string, string> = {};
        for (const detail of error.details) server[detail.field] = detail.message;
        setErrors(server);
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="form"
      noValidate
      aria-labelledby="so-luong-giai"
      onSubmit={(event) => {
        void save(event);
      }}
    >
      <h3 id="so-luong-giai">Số lượng giải</h3>
      <p class="muted">
        Mỗi người nhận nhiều nhất một giải. Giải được trao theo thứ hạng trong từng đối tượng khi
        vòng thi đã đóng.
      </p>
      {errorList.length > 0 && (
        <ul class="field__error">
          {errorList.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      <div class="table-scroll">
        <table class="table table--compact quota-table">
          <caption class="sr-only">Số lượng giải theo đối tượng</caption>
          <thead>
            <tr>
              <th scope="col">Đối tượng</th>
              {PRIZE_TIERS.map((tier) => (
                <th key={tier} scope="col">
                  {PRIZE_TIER_LABELS[tier]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group}>
                <th scope="row">{PARTICIPANT_GROUP_LABELS[group]}</th>
                {PRIZE_TIERS.map((tier) => {
                  const key = quotaKey(group, tier);
                  const invalid = Boolean(errors[key] ?? errors[group]);
                  return (
                    <td key={tier}>
                      <input
                        class="input"
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={`${PRIZE_TIER_LABELS[tier]} – ${PARTICIPANT_GROUP_LABELS[group]}`}
                        aria-invalid={invalid ? 'true' : undefined}
                        value={draft[key] ?? ''}
                        onInput={(event) => {
                          setDraft({ ...draft, [key]: event.currentTarget.value });
                        }}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          Lưu số lượng giải
        </button>
      </div>
      <Status message={status} />
    </form>
  );
}

/** Winners, tier first, with the phone to reach them. */
function PrizeTable({ rows }: { rows: RankingRow[] }) {
  return (
    <div class="table-scroll">
      <table class="table table--compact">
        <caption class="sr-only">Danh sách đoạt giải ({formatNumber(rows.length)} người)</caption>
        <thead>
          <tr>
            <th scope="col">Giải</th>
            <th scope="col">Đối tượng</th>
            <th scope="col" class="numeric">
              Hạng
            </th>
            <th scope="col">Họ tên</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Điện thoại</th>
            <th scope="col" class="numeric">
              Điểm
            </th>
            <th scope="col">Thời gian làm bài</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.attemptId}>
              <td class="nowrap">{prizeText(row.prize)}</td>
              <td>{GROUP_SHORT_LABELS[row.participantGroup]}</td>
              <td class="numeric">{formatNumber(row.rank)}</td>
              <th scope="row">{row.fullName}</th>
              <td>{row.unit ?? <span class="muted">—</span>}</td>
              <td class="nowrap numeric">{row.phone}</td>
              <td class="numeric nowrap">
                {formatDecimal(row.score)}/{formatDecimal(row.maxScore)}
              </td>
              <td class="nowrap">{formatDuration(row.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PrizeList({ round }: { round: RoundView }) {
  const key = `${round.id}|${round.status}|${JSON.stringify(round.prizeQuotas)}`;
  const prizes = useLoaded(key, () =>
    apiGet<{ roundId: string; rows: RankingRow[] }>(`${roundApi(round.id)}/prizes`),
  );
  const closed = round.status === 'closed' || round.status === 'results_published';
  return (
    <section aria-labelledby="danh-sach-giai">
      <h3 id="danh-sach-giai">Danh sách đoạt giải</h3>
      {prizes.error ? (
        <>
          <p role="alert" class="status status--error">
            {prizes.error.message}
          </p>
          <button type="button" class="button" onClick={prizes.reload}>
            Thử lại
          </button>
        </>
      ) : prizes.data === null ? (
        <Loading text="Đang tải danh sách giải…" />
      ) : prizes.data.rows.length === 0 ? (
        <p>
          {closed
            ? 'Chưa có ai đoạt giải. Hãy nhập số lượng giải ở trên.'
            : 'Danh sách đoạt giải được lập khi vòng thi đã đóng, theo số lượng giải ở trên.'}
        </p>
      ) : (
        <div class={prizes.stale ? 'is-stale' : undefined}>
          <PrizeTable rows={prizes.data.rows} />
        </div>
      )}
    </section>
  );
}

// ---- Exports -----------------------------------------------------------------------------------

const EXPORTS: readonly { file: string; label: string; description: string }[] = [
  {
    file: 'ranking.xlsx',
    label: 'Bảng xếp hạng',
    description: 'Mỗi người một dòng theo thứ hạng, kèm điểm, dự đoán, thời gian làm bài.',
  },
  {
    file: 'prizes.xlsx',
    label: 'Danh sách đoạt giải',
    description: 'Người đoạt giải theo từng đối tượng, để lập quyết định khen thưởng.',
  },
  {
    file: 'attempts.xlsx',
    label: 'Tất cả bài thi',
    description: 'Mọi lượt thi, kể cả lượt không được tính.',
  },
  {
    file: 'participation.xlsx',
    label: 'Tỉ lệ tham gia theo đơn vị',
    description: 'Số người dự thi của từng đơn vị, để báo cáo hằng tuần.',
  },
];

function Exports({ round }: { round: RoundView }) {
  return (
    <section aria-labelledby="xuat-excel">
      <h2 id="xuat-excel">Xuất Excel</h2>
      <p class="notice">
        Các tệp có họ tên, số điện thoại và số CCCD của người dự thi: chỉ lưu trên máy của cơ quan,
        không gửi qua mạng xã hội.
      </p>
      <ul class="exports">
        {EXPORTS.map((item) => (
          <li key={item.file}>
            <a
              class="button button--secondary"
              href={`/api${roundApi(round.id)}/exports/${item.file}`}
              download
            >
              {item.label}
            </a>{' '}
            <span class="muted">{item.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---- The page ----------------------------------------------------------------------------------

function isGroup(value: string | null, round: RoundView): value is ParticipantGroup {
  return roundGroups(round).some((group) => group === value);
}

export function RoundPage({ roundId }: { roundId: string }) {
  const { query } = useLocation();
  const [flash, setFlashStatus] = useFlashStatus();
  const round = useLoaded(`round-${roundId}`, () => loadRound(roundId));
  const contestId = round.data?.contestId ?? null;
  const contest = useLoaded(`contest-${contestId ?? ''}`, () =>
    contestId ? loadContest(contestId) : Promise.resolve(null),
  );
  const bankId = round.data?.bankId ?? null;
  const bank = useLoaded(`bank-${bankId ?? ''}`, () =>
    bankId ? apiGet<BankDetail>(bankApi(bankId)) : Promise.resolve(null),
  );
  usePageTitle(round.data?.name ?? 'Vòng thi');

  if (round.error) {
    return (
      <LoadFailed
        title="Vòng thi"
        error={round.error}
        onRetry={round.reload}
        back={{ href: CONTESTS_PATH, label: 'Về danh sách hội thi' }}
      />
    );
  }
  if (!round.data) return <PageLoading title="Vòng thi" text="Đang tải vòng thi…" />;
  const data = round.data;
  const tabParam = query.get('muc');
  const tab: Tab = tabParam === 'giai' || tabParam === 'xuat' ? tabParam : 'xep-hang';
  const groupParam = query.get('doi-tuong');
  const group = isGroup(groupParam, data) ? groupParam : null;
  const page = Math.max(1, Number.parseInt(query.get('trang') ?? '1', 10) || 1);

  return (
    <>
      <Breadcrumbs
        items={[
          { href: CONTESTS_PATH, label: 'Hội thi' },
          { href: contestHref(data.contestId), label: contest.data?.name ?? 'Hội thi' },
          { label: data.name },
        ]}
      />
      <h1>
        {data.name} <StatusTag status={data.status} />
      </h1>
      <Status message={flash} />

      <Lifecycle
        round={data}
        onChanged={(view, text) => {
          round.setData(view);
          setFlashStatus({ kind: 'success', text });
        }}
      />

      <Settings round={data} bank={bank.data} />

      <nav class="tabs" aria-label="Kết quả vòng thi">
        <ul class="tabs__list">
          {TABS.map((item) => (
            <li key={item.id}>
              <a
                class="tabs__link"
                href={tabHref(data.id, item.id)}
                aria-current={item.id === tab ? 'page' : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'xep-hang' && <Ranking round={data} group={group} page={page} />}
      {tab === 'giai' && (
        <section aria-labelledby="giai-thuong">
          <h2 id="giai-thuong">Giải thưởng</h2>
          <QuotaForm key={data.id} round={data} onSaved={round.setData} />
          <PrizeList round={data} />
        </section>
      )}
      {tab === 'xuat' && <Exports round={data} />}
    </>
  );
}
