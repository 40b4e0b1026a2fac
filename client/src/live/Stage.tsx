// The projector (/trinh-chieu/:gameId?token=…&code=…): read-only, 16:9, very large type, high
// contrast. Lobby with the join code and address, the question with the server's countdown,
// the answer distribution after the reveal, the leaderboard, the golden-bell survivors and the
// podium. It never receives an answer before its reveal (the stage view has none).
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/api';
import { formatNumber } from '../lib/format';
import { usePageTitle, useLocation } from '../lib/router';
import type { LiveCounts, StageView } from './contract';
import { FORMAT_LABELS, lettersOf, questionTitle } from './labels';
import { openLive, request, type LiveConnection } from './liveSocket';
import { Countdown, joinUrl, LeaderboardTable, OptionList, Podium, spacedCode } from './shared';
import './live.css';

type State =
  { kind: 'connecting' } | { kind: 'error'; message: string } | { kind: 'ready'; view: StageView };

export default function Stage({ gameId }: { gameId: string }) {
  usePageTitle('Màn hình sân khấu');
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const code = query.get('code') ?? '';
  const [state, setState] = useState<State>({ kind: 'connecting' });
  const [counts, setCounts] = useState<LiveCounts | null>(null);
  const [connected, setConnected] = useState(true);

  useEffect(() => {
    let active = true;
    let connection: LiveConnection | null = null;
    if (token === '') {
      setState({
        kind: 'error',
        message:
          'Thiếu mã màn hình sân khấu. Hãy mở đúng đường dẫn trình chiếu hiện trên bảng điều khiển.',
      });
      return;
    }
    openLive().then(
      (opened) => {
        if (!active) {
          opened.close();
          return;
        }
        connection = opened;
        const socket = opened.socket;
        socket.on('connect', () => {
          setConnected(true);
          request<{ view: StageView }>(socket, 'live:stage', { gameId, stageToken: token }).then(
            (reply) => {
              if (active) setState({ kind: 'ready', view: reply.view });
            },
            (caught: unknown) => {
              if (active) setState({ kind: 'error', message: errorMessage(caught) });
            },
          );
        });
        socket.on('disconnect', () => {
          setConnected(false);
        });
        socket.on('live:view', (view) => {
          if (view.audience === 'stage' && view.roomId === gameId)
            setState({ kind: 'ready', view });
        });
        socket.on('live:counts', (next) => {
          if (next.gameId === gameId) setCounts(next);
        });
      },
      (caught: unknown) => {
        if (active) setState({ kind: 'error', message: errorMessage(caught) });
      },
    );
    return () => {
      active = false;
      connection?.close();
    };
  }, [gameId, token]);

  return (
    <main class="stage" id="noi-dung">
      {!connected && (
        <p class="stage__reconnecting" role="status">
          Đang kết nối lại…
        </p>
      )}
      {state.kind === 'connecting' && <p class="stage__message">Đang kết nối…</p>}
      {state.kind === 'error' && (
        <p class="stage__message" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && <StageBody view={state.view} counts={counts} code={code} />}
    </main>
  );
}

function StageBody({
  view,
  counts,
  code,
}: {
  view: StageView;
  counts: LiveCounts | null;
  code: string;
}) {
  const phase = view.phase === 'paused' ? (view.pausedFrom ?? 'paused') : view.phase;
  const question = view.question;
  const answered =
    counts && question && counts.questionIndex === question.index
      ? {
          answered: Math.max(counts.answered, view.answers?.answered ?? 0),
          eligible: counts.eligible,
        }
      : view.answers;

  if (view.phase === 'lobby') return <Lobby view={view} code={code} />;
  if (view.phase === 'finished') {
    return (
      <section class="stage__final">
        <h1 class="stage__heading">Chúc mừng các thí sinh!</h1>
        {view.podium && view.podium.length > 0 ? (
          <Podium rows={view.podium} class="live-podium stage__podium" />
        ) : (
          <p class="stage__message">Trò chơi đã kết thúc.</p>
        )}
      </section>
    );
  }
  return (
    <>
      {view.phase === 'paused' && <p class="stage__paused">Tạm dừng</p>}
      {phase === 'leaderboard' ? (
        <section class="stage__board">
          <h1 class="stage__heading">Bảng xếp hạng</h1>
          {view.leaderboard && (
            <LeaderboardTable
              rows={view.leaderboard}
              caption={`Sau ${String(view.question?.number ?? view.questionCount)} câu`}
              class="live-table stage__table"
            />
          )}
          {view.survivors && <Survivors view={view} />}
        </section>
      ) : question ? (
        <section class="stage__question">
          <header class="stage__top">
            <span class="stage__seq">{questionTitle(question, view.questionCount)}</span>
            {answered && phase !== 'question_intro' && view.format !== 'buzzer' && (
              <span class="stage__answered">
                Đã trả lời: {formatNumber(answered.answered)}/{formatNumber(answered.eligible)}
              </span>
            )}
            <Countdown timer={view.timer} class="live-countdown stage__countdown" />
          </header>
          <h1 class="stage__text">{question.text}</h1>
          {question.voided && <p class="stage__note">Câu hỏi này đã được hủy.</p>}
          <OptionList
            question={question}
            correct={view.reveal?.correctChoices ?? null}
            distribution={
              view.reveal && view.reveal.distribution.length > 0 ? view.reveal.distribution : null
            }
            class="live-options stage__options"
          />
          {phase === 'locked' && <p class="stage__note">Hết giờ!</p>}
          {view.buzzer && <BuzzerLine view={view} />}
          {view.reveal && (
            <div class="stage__reveal">
              <p>
                Đáp án đúng: <strong>{lettersOf(view.reveal.correctChoices)}</strong>
                {view.format !== 'buzzer' &&
                  ` · ${formatNumber(view.reveal.rightCount)} người trả lời đúng`}
              </p>
              {view.reveal.eliminated.length > 0 && (
                <p class="stage__out">
                  Bị loại: {view.reveal.eliminated.map((p) => p.name).join(', ')}
                </p>
              )}
              {view.reveal.revived.length > 0 && (
                <p class="stage__in">
                  Được cứu trợ: {view.reveal.revived.map((p) => p.name).join(', ')}
                </p>
              )}
              {view.reveal.reverted && (
                <p class="stage__in">Tất cả đều sai: không ai bị loại ở câu này.</p>
              )}
            </div>
          )}
          {view.survivors && phase !== 'revealed' && <Survivors view={view} compact />}
        </section>
      ) : (
        <p class="stage__message">{FORMAT_LABELS[view.format]}</p>
      )}
    </>
  );
}

function Lobby({ view, code }: { view: StageView; code: string }) {
  const names = view.lobby?.names ?? [];
  return (
    <section class="stage__lobby">
      <p class="stage__format">Chung kết · {FORMAT_LABELS[view.format]}</p>
      <div class="stage__join">
        {/^\d{6}$/.test(code) && (
          <img
            class="stage__qr"
            src={`/api/live/join-qr/${code}`}
            alt={`Mã QR mở trang vào phòng thi ${code}`}
          />
        )}
        <div>
          <p class="stage__join-label">Quét mã QR hoặc vào trang</p>
          <p class="stage__url">{code ? joinUrl(code).replace(/^https?:\/\//, '') : '—'}</p>
          <p class="stage__join-label">Mã phòng thi</p>
          <p class="stage__code">{code ? spacedCode(code) : '——'}</p>
        </div>
      </div>
      <p class="stage__count">{formatNumber(view.lobby?.count ?? 0)} người chơi đã vào phòng</p>
      <ul class="stage__names">
        {names.map((name, index) => (
          <li key={index}>{name}</li>
        ))}
      </ul>
    </section>
  );
}

function BuzzerLine({ view }: { view: StageView }) {
  const buzzer = view.buzzer;
  if (!buzzer) return null;
  if (buzzer.winner)
    return (
      <p class="stage__buzz">
        <strong>{buzzer.winner.name}</strong> giành quyền trả lời
      </p>
    );
  return <p class="stage__buzz">{buzzer.open ? 'Mời bấm chuông!' : 'Chuẩn bị bấm chuông'}</p>;
}

function Survivors({ view, compact = false }: { view: StageView; compact?: boolean }) {
  const survivors = view.survivors ?? [];
  return (
    <div class={compact ? 'stage__survivors stage__survivors--compact' : 'stage__survivors'}>
      <p class="stage__count">Còn lại {formatNumber(survivors.length)} thí sinh</p>
      <ul class="stage__grid">
        {survivors.map((player) => (
          <li key={player.id}>
            {player.number && <span class="live-number">{player.number}</span>}
            {player.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
