import { useEffect, useRef, useState } from 'preact/hooks';
import {
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  type LeaderboardRow,
  type LeaderboardWatchRequest,
  type LeaderboardView,
  type ParticipantGroup,
  type RoundsClientEvents,
  type RoundsServerEvents,
} from './contract';
import type { Socket } from 'socket.io-client';
import { Loading } from '../../components/Lazy';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLocation, usePageTitle } from '../../lib/router';
import { openSocket, request } from '../../lib/socket';
import { formatDuration, formatNumber, formatScore } from './labels';
import { CONTESTS_PATH, contestPath, leaderboardPath, roundPath } from './paths';
import { fetchLeaderboard, isMissingEndpoint, isSignedOut } from './roundsApi';
import { contestOf, sessionFor } from './storage';

/** Without a live connection the page asks again this often. */
const POLL_MS = 15_000;
/** After a live update, one's own row (not in the update) is re-fetched at most this often. */
const ME_REFRESH_MS = 10_000;

type Live = 'connecting' | 'live' | 'polling';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; missing: boolean }
  | { kind: 'ready'; view: LeaderboardView; me: LeaderboardRow | null };

const isGroup = (value: string | null): value is ParticipantGroup =>
  (PARTICIPANT_GROUPS as readonly (string | null)[]).includes(value);

function sameRow(a: LeaderboardRow, b: LeaderboardRow | null): boolean {
  return (
    b !== null &&
    a.rank === b.rank &&
    a.fullName === b.fullName &&
    a.phone === b.phone &&
    a.submittedAt === b.submittedAt
  );
}

function Tabs({ roundId, group }: { roundId: string; group: ParticipantGroup | null }) {
  const base = leaderboardPath(roundId);
  const tabs: { href: string; label: string; current: boolean }[] = [
    { href: base, label: 'Tất cả', current: group === null },
    ...PARTICIPANT_GROUPS.map((g) => ({
      href: `${base}?nhom=${g}`,
      label: PARTICIPANT_GROUP_LABELS[g],
      current: group === g,
    })),
  ];
  return (
    <nav class="board-tabs" aria-label="Bảng xếp hạng theo đối tượng">
      <ul role="list">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <a
              href={tab.href}
              class="board-tabs__tab"
              aria-current={tab.current ? 'page' : undefined}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MyRow({ me, total }: { me: LeaderboardRow; total: number }) {
  return (
    <section class="card board-me" aria-labelledby="hang-cua-ban">
      <h2 id="hang-cua-ban" class="board-me__title">
        Hạng của bạn
      </h2>
      <p class="board-me__rank">
        <strong>{formatNumber(me.rank)}</strong> / {formatNumber(total)}
      </p>
      <p class="board-me__detail">
        {formatScore(me.score)}/{formatScore(me.maxScore)} điểm · {formatDuration(me.durationMs)}
      </p>
    </section>
  );
}

function Board({ view, me }: { view: LeaderboardView; me: LeaderboardRow | null }) {
  if (view.rows.length === 0) {
    return <p class="notice">Chưa có ai nộp bài trong vòng thi này.</p>;
  }
  return (
    <table class="table board">
      <caption class="sr-only">
        Bảng xếp hạng
        {view.group ? `, ${PARTICIPANT_GROUP_LABELS[view.group]}` : ''}
        {view.provisional ? ' (tạm thời)' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="board__rank">
            Hạng
          </th>
          <th scope="col">Thí sinh</th>
          <th scope="col" class="board__number">
            Điểm<span class="board__sub">Thời gian</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => {
          const mine = sameRow(row, me);
          return (
            <tr
              key={`${row.rank}-${row.phone}-${row.submittedAt}`}
              class={mine ? 'board__me' : undefined}
            >
              <td class="board__rank">{formatNumber(row.rank)}</td>
              <th scope="row" class="board__who">
                <span class="board__name">
                  {row.fullName}
                  {mine && <span class="tag tag--info board__you">Bạn</span>}
                </span>
                <span class="board__meta">{[row.unit, row.phone].filter(Boolean).join(' · ')}</span>
              </th>
              <td class="board__number">
                <span class="board__score">
                  {formatScore(row.score)}/{formatScore(row.maxScore)}
                </span>
                <span class="board__sub">
                  <span class="sr-only">, thời gian </span>
                  {formatDuration(row.durationMs)}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** /vong-thi/:roundId/bang-xep-hang — the live leaderboard, overall or per group. */
export function LeaderboardPage({ roundId }: { roundId: string }) {
  usePageTitle('Bảng xếp hạng');
  const { query } = useLocation();
  const raw = query.get('nhom');
  const group = isGroup(raw) ? raw : null;
  const session = sessionFor('round', roundId);
  const token = session?.token ?? null;
  const contestId = contestOf('round', roundId) ?? session?.contestId ?? null;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [live, setLive] = useState<Live>('connecting');
  const lastMe = useRef(0);

  useEffect(() => {
    let active = true;
    let socket: Socket<RoundsServerEvents, RoundsClientEvents> | null = null;
    let poll: number | undefined;
    let meTimer: number | undefined;
    setState({ kind: 'loading' });
    setLive('connecting');

    const show = (view: LeaderboardView, me: LeaderboardRow | null) => {
      if (active) setState({ kind: 'ready', view, me });
    };
    const loadHttp = () =>
      fetchLeaderboard(roundId, group, token).then(
        (view) => {
          lastMe.current = Date.now();
          show(view, view.me);
        },
        (error: unknown) => {
          if (!active) return;
          // A signed-out token: the public board without one's own row.
          if (isSignedOut(error) && token) {
            void fetchLeaderboard(roundId, group, null).then((view) => {
              show(view, null);
            });
            return;
          }
          setState((previous) =>
            previous.kind === 'ready'
              ? previous
              : { kind: 'failed', message: errorMessage(error), missing: isMissingEndpoint(error) },
          );
        },
      );
    const startPolling = () => {
      if (!active || poll !== undefined) return;
      setLive('polling');
      poll = window.setInterval(() => {
        void loadHttp();
      }, POLL_MS);
    };
    const stopPolling = () => {
      window.clearInterval(poll);
      poll = undefined;
    };
    /** One's own row is not in live updates: ask over HTTP, at most every ME_REFRESH_MS. */
    const refreshMe = () => {
      if (!token || meTimer !== undefined) return;
      const wait = Math.max(0, lastMe.current + ME_REFRESH_MS - Date.now());
      meTimer = window.setTimeout(() => {
        meTimer = undefined;
        void loadHttp();
      }, wait);
    };

    void loadHttp();
    openSocket<RoundsServerEvents, RoundsClientEvents>().then(
      (opened) => {
        if (!active) {
          opened.disconnect();
          return;
        }
        socket = opened;
        const watch = () => {
          if (!socket) return;
          const payload: LeaderboardWatchRequest = {
            roundId,
            ...(group ? { group } : {}),
            ...(token ? { participantToken: token } : {}),
          };
          request<LeaderboardView>(socket, 'leaderboard:watch', payload).then(
            (view) => {
              stopPolling();
              setLive('live');
              lastMe.current = Date.now();
              show(view, view.me);
            },
            () => {
              startPolling();
            },
          );
        };
        socket.on('connect', watch);
        socket.on('connect_error', startPolling);
        socket.on('disconnect', startPolling);
        socket.on('leaderboard:update', (view) => {
          if (view.roundId !== roundId || view.group !== group) return;
          setState((previous) => ({
            kind: 'ready',
            view,
            me: previous.kind === 'ready' ? previous.me : null,
          }));
          refreshMe();
        });
      },
      () => {
        startPolling();
      },
    );

    return () => {
      active = false;
      stopPolling();
      window.clearTimeout(meTimer);
      if (socket) {
        if (socket.connected) socket.emit('leaderboard:unwatch', { roundId }, () => undefined);
        socket.disconnect();
      }
    };
  }, [roundId, group, token]);

  const back = contestId ? roundPath(contestId, roundId) : CONTESTS_PATH;
  return (
    <div class="container page rounds board-page">
      <h1>
        Bảng xếp hạng{' '}
        {state.kind === 'ready' && state.view.provisional && (
          <span class="tag tag--warning board-page__provisional">Tạm thời</span>
        )}
      </h1>
      <Tabs roundId={roundId} group={group} />
      <p class="board-live muted small" role="status">
        {live === 'live'
          ? 'Đang cập nhật trực tiếp.'
          : live === 'polling'
            ? 'Tự cập nhật mỗi 15 giây.'
            : 'Đang kết nối…'}
        {state.kind === 'ready' && ` Cập nhật lúc ${formatDateTime(state.view.generatedAt)}.`}
      </p>
      {state.kind === 'loading' && <Loading text="Đang tải bảng xếp hạng…" />}
      {state.kind === 'failed' && (
        <div class={state.missing ? 'notice' : 'status status--error'} role="alert">
          {state.missing ? 'Bảng xếp hạng của vòng thi này chưa sẵn sàng.' : state.message}
        </div>
      )}
      {state.kind === 'ready' && (
        <>
          {state.view.provisional && (
            <p class="muted">
              Thứ hạng tạm thời, theo điểm, thời gian làm bài và giờ nộp bài. Câu hỏi dự đoán chỉ
              được tính khi vòng thi kết thúc.
            </p>
          )}
          {state.me && <MyRow me={state.me} total={state.view.total} />}
          <p class="muted small">{formatNumber(state.view.total)} người đã có kết quả.</p>
          <Board view={state.view} me={state.me} />
        </>
      )}
      <p>
        <a href={back}>{contestId ? 'Về trang vòng thi' : 'Về danh sách hội thi'}</a>
        {contestId && (
          <>
            {' · '}
            <a href={contestPath(contestId)}>Về trang hội thi</a>
          </>
        )}
      </p>
    </div>
  );
}
