// The contestant's phone (/choi, /choi/123456 from the QR code): join with the 6-digit code and
// a name (or, when the game has a contestant list, the contestant number: the form asks the
// server which as soon as the code is complete), answer with big lettered buttons, see one's own
// result after each reveal. The reconnect token stays in localStorage: a reload or a dropped
// connection rejoins as the same player.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../components/Field';
import { ApiError, errorMessage, request as apiRequest } from '../lib/api';
import { formatNumber } from '../lib/format';
import { navigate, usePageTitle } from '../lib/router';
import { SITE } from '../site';
import type { CommonView, LiveJoinInfo, LiveJoinReply, PlayerView, QuestionView } from './contract';
import { lettersOf, optionLetter, PHASE_LABELS, questionTitle } from './labels';
import { openLive, request, type LiveConnection } from './liveSocket';
import { Countdown, LeaderboardTable, Podium } from './shared';
import { savedSeat, saveSeat, type PlayerSeat } from './storage';
import './live.css';

type Sending =
  { status: 'sending' | 'sent'; choices: number[] } | { status: 'error'; message: string };

/** What the server said about a complete code: join by contestant number, by name, or no game. */
interface CodeInfo {
  code: string;
  status: 'roster' | 'open' | 'not_found';
}

type Screen =
  | { kind: 'form'; error: string | null }
  | { kind: 'joining' }
  | { kind: 'playing' }
  | { kind: 'closed'; message: string; canResume: boolean };

/** A code from the address (/choi/123456), if it is one. */
function codeOfPath(path: string): string | null {
  const match = /^\/choi\/(\d{6})$/.exec(path);
  return match?.[1] ?? null;
}

/** May this player answer the running question, as far as the room view tells? */
function eligible(view: CommonView, me: PlayerView['me'] | null, question: QuestionView): boolean {
  if (me?.kicked) return false;
  if (view.format !== 'golden_bell') return true;
  const out = me?.eliminated ?? false;
  switch (question.kind) {
    case 'normal':
      return !out;
    case 'rescue':
      return out;
    case 'audience':
      return true;
  }
}

export default function Player({ path }: { path: string }) {
  usePageTitle('Chung kết trực tiếp');
  const routeCode = codeOfPath(path);
  const [screen, setScreen] = useState<Screen>(() => {
    const seat = savedSeat();
    return seat && (routeCode === null || seat.code === routeCode)
      ? { kind: 'joining' }
      : { kind: 'form', error: null };
  });
  const [connected, setConnected] = useState(true);
  const [common, setCommon] = useState<CommonView | null>(null);
  const [personal, setPersonal] = useState<PlayerView | null>(null);
  const [sent, setSent] = useState<Record<number, Sending>>({});
  const [code, setCode] = useState(routeCode ?? savedSeat()?.code ?? '');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [codeInfo, setCodeInfo] = useState<CodeInfo | null>(null);
  const connection = useRef<LiveConnection | null>(null);
  const seat = useRef<PlayerSeat | null>(screen.kind === 'joining' ? savedSeat() : null);
  const typedCode = code.replace(/\s+/g, '');
  const known = codeInfo?.code === typedCode ? codeInfo.status : null;
  const askNumber = known === 'roster';
  const onForm = screen.kind === 'form';

  // As soon as the code is complete, ask whether the game takes a contestant number or a name.
  // Without an answer (network) the name form stays; a roster game then says LIVE_NUMBER_REQUIRED.
  useEffect(() => {
    if (!onForm || !/^\d{6}$/.test(typedCode)) return;
    let active = true;
    apiRequest<LiveJoinInfo>('GET', `/live/games/by-code/${typedCode}`, undefined, {
      notify: false,
    }).then(
      (info) => {
        if (active)
          setCodeInfo({ code: typedCode, status: info.rosterRequired ? 'roster' : 'open' });
      },
      (caught: unknown) => {
        if (active && caught instanceof ApiError && caught.code === 'LIVE_GAME_NOT_FOUND')
          setCodeInfo({ code: typedCode, status: 'not_found' });
      },
    );
    return () => {
      active = false;
    };
  }, [typedCode, onForm]);

  function accept(reply: LiveJoinReply, code: string, name: string) {
    const next: PlayerSeat = {
      code,
      gameId: reply.gameId,
      playerId: reply.playerId,
      reconnectToken: reply.reconnectToken,
      name: reply.view.me.name || name,
    };
    seat.current = next;
    saveSeat(next);
    setPersonal(reply.view);
    setCommon(reply.view);
    const mine = reply.view.myAnswer;
    const index = reply.view.question?.index;
    if (mine !== null && index !== undefined)
      setSent((all) => ({ ...all, [index]: { status: 'sent', choices: mine } }));
    setScreen({ kind: 'playing' });
  }

  useEffect(() => {
    let active = true;
    const rejoin = () => {
      const current = seat.current;
      const socket = connection.current?.socket;
      if (!current || !socket) return;
      request<LiveJoinReply>(socket, 'live:join', {
        code: current.code,
        name: current.name,
        reconnectToken: current.reconnectToken,
      }).then(
        (reply) => {
          if (active) accept(reply, current.code, current.name);
        },
        (caught: unknown) => {
          if (!active) return;
          if (caught instanceof ApiError && caught.status === 0) return; // retried on reconnect
          seat.current = null;
          saveSeat(null);
          const gone =
            caught instanceof ApiError &&
            (caught.code === 'LIVE_GAME_NOT_FOUND' || caught.code === 'LIVE_BAD_RECONNECT_TOKEN');
          setScreen({
            kind: 'form',
            error: gone
              ? 'Trò chơi trước đó đã kết thúc hoặc không còn. Nhập mã mới để tham gia.'
              : errorMessage(caught),
          });
        },
      );
    };
    openLive().then(
      (opened) => {
        if (!active) {
          opened.close();
          return;
        }
        connection.current = opened;
        const socket = opened.socket;
        socket.on('connect', () => {
          setConnected(true);
          rejoin();
        });
        socket.on('disconnect', () => {
          setConnected(false);
        });
        socket.io.on('reconnect_attempt', () => {
          setConnected(false);
        });
        socket.on('live:view', (view) => {
          if (view.roomId !== seat.current?.gameId) return;
          if (view.audience === 'player') {
            setPersonal(view);
            setCommon(view);
            const mine = view.myAnswer;
            const index = view.question?.index;
            if (mine !== null && index !== undefined)
              setSent((all) => ({ ...all, [index]: { status: 'sent', choices: mine } }));
          } else if (view.audience === 'room') {
            setCommon(view);
          }
        });
        socket.on('live:closed', (closed) => {
          if (closed.reason === 'kicked') {
            seat.current = null;
            saveSeat(null);
          }
          setScreen({
            kind: 'closed',
            message: closed.message,
            canResume: closed.reason === 'replaced',
          });
        });
      },
      () => {
        if (active) setConnected(false);
      },
    );
    return () => {
      active = false;
      connection.current?.close();
      connection.current = null;
    };
  }, []);

  async function join() {
    const socket = connection.current?.socket;
    const trimmed = typedCode;
    if (!/^\d{6}$/.test(trimmed)) {
      setScreen({ kind: 'form', error: 'Mã phòng thi gồm 6 chữ số.' });
      return;
    }
    if (askNumber && number.trim() === '') {
      setScreen({ kind: 'form', error: 'Vui lòng nhập số báo danh.' });
      return;
    }
    if (!askNumber && name.trim() === '') {
      setScreen({ kind: 'form', error: 'Vui lòng nhập họ và tên.' });
      return;
    }
    if (!socket?.connected) {
      setScreen({ kind: 'form', error: 'Chưa kết nối được máy chủ. Vui lòng kiểm tra mạng.' });
      return;
    }
    setScreen({ kind: 'joining' });
    try {
      const reply = await request<LiveJoinReply>(socket, 'live:join', {
        code: trimmed,
        // With a contestant list the name comes from the list.
        name: askNumber ? '' : name,
        ...(number.trim() ? { number: number.trim() } : {}),
      });
      accept(reply, trimmed, name);
      if (routeCode !== trimmed) navigate(`/choi/${trimmed}`, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'LIVE_NUMBER_REQUIRED')
        setCodeInfo({ code: trimmed, status: 'roster' });
      setScreen({ kind: 'form', error: errorMessage(caught) });
    }
  }

  async function answer(question: QuestionView, choices: number[]) {
    const socket = connection.current?.socket;
    if (!socket) return;
    setSent((all) => ({ ...all, [question.index]: { status: 'sending', choices } }));
    try {
      const reply = await request<{ choices: number[] }>(socket, 'live:answer', {
        questionIndex: question.index,
        choices,
      });
      setSent((all) => ({ ...all, [question.index]: { status: 'sent', choices: reply.choices } }));
    } catch (caught) {
      setSent((all) => ({
        ...all,
        [question.index]: { status: 'error', message: errorMessage(caught) },
      }));
    }
  }

  const [buzzError, setBuzzError] = useState<string | null>(null);
  async function buzz(question: QuestionView) {
    const socket = connection.current?.socket;
    if (!socket) return;
    setBuzzError(null);
    try {
      await request(socket, 'live:buzz', { questionIndex: question.index });
    } catch (caught) {
      setBuzzError(errorMessage(caught));
    }
  }

  const banner = !connected && (
    <p class="live-reconnecting" role="status">
      Đang kết nối lại…
    </p>
  );

  if (screen.kind === 'form' || (screen.kind === 'joining' && seat.current === null)) {
    const busy = screen.kind === 'joining';
    return (
      <PhoneShell>
        {banner}
        <h1>Chung kết trực tiếp</h1>
        <p>
          {askNumber
            ? 'Nhập mã phòng thi gồm 6 chữ số hiện trên màn hình lớn, rồi nhập số báo danh của bạn.'
            : 'Nhập mã phòng thi gồm 6 chữ số hiện trên màn hình lớn, rồi nhập họ và tên của bạn.'}
        </p>
        <form
          class="live-join"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void join();
          }}
        >
          <Field
            label="Mã phòng thi"
            value={code}
            onInput={setCode}
            name="code"
            autoComplete="off"
            verbatim
            maxLength={7}
            required
            error={
              known === 'not_found'
                ? 'Không tìm thấy phòng thi với mã này. Hãy kiểm tra lại mã trên màn hình lớn.'
                : undefined
            }
          />
          {askNumber ? (
            <Field
              key="roster-number"
              label="Số báo danh"
              value={number}
              onInput={setNumber}
              name="number"
              autoComplete="off"
              verbatim
              maxLength={20}
              required
              hint="Phòng thi này dành cho thí sinh trong danh sách của ban tổ chức: họ tên và đơn vị lấy theo danh sách."
            />
          ) : (
            <>
              <Field
                key="name"
                label="Họ và tên"
                value={name}
                onInput={setName}
                name="name"
                autoComplete="name"
                maxLength={40}
                required
              />
              <Field
                key="number"
                label="Số báo danh (nếu có)"
                value={number}
                onInput={setNumber}
                name="number"
                autoComplete="off"
                maxLength={20}
              />
            </>
          )}
          {screen.kind === 'form' && screen.error && (
            <p class="field__error" role="alert">
              {screen.error}
            </p>
          )}
          <button
            type="submit"
            class="button button--wide live-join__submit"
            aria-disabled={busy ? 'true' : undefined}
          >
            {busy ? 'Đang vào phòng thi…' : 'Vào phòng thi'}
          </button>
        </form>
      </PhoneShell>
    );
  }

  if (screen.kind === 'closed') {
    return (
      <PhoneShell>
        <h1>Chung kết trực tiếp</h1>
        <p class="notice" role="alert">
          {screen.message}
        </p>
        {screen.canResume ? (
          <button
            type="button"
            class="button button--wide"
            onClick={() => {
              setScreen({ kind: 'joining' });
              connection.current?.socket.connect();
            }}
          >
            Tiếp tục chơi trên thiết bị này
          </button>
        ) : (
          <button
            type="button"
            class="button button--wide"
            onClick={() => {
              setScreen({ kind: 'form', error: null });
            }}
          >
            Vào phòng thi khác
          </button>
        )}
      </PhoneShell>
    );
  }

  if (screen.kind === 'joining' || common === null) {
    return (
      <PhoneShell>
        {banner}
        <h1>Chung kết trực tiếp</h1>
        <p role="status">Đang vào lại phòng thi…</p>
      </PhoneShell>
    );
  }

  return (
    <PhoneShell>
      {banner}
      <Playing
        view={common}
        personal={personal}
        sent={sent}
        buzzError={buzzError}
        onAnswer={(question, choices) => {
          void answer(question, choices);
        }}
        onBuzz={(question) => {
          void buzz(question);
        }}
      />
    </PhoneShell>
  );
}

/** The phone's own slim frame: the site's header and menu would push the answers off screen. */
function PhoneShell({ children }: { children: ComponentChildren }) {
  return (
    <>
      <header class="live-bar">
        <a href="/" class="live-bar__home">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          {SITE.shortName}
        </a>
        <span>Chung kết trực tiếp</span>
      </header>
      <main id="noi-dung" tabIndex={-1} class="live-phone">
        {children}
      </main>
    </>
  );
}

function Playing({
  view,
  personal,
  sent,
  buzzError,
  onAnswer,
  onBuzz,
}: {
  view: CommonView;
  personal: PlayerView | null;
  sent: Record<number, Sending>;
  buzzError: string | null;
  onAnswer: (question: QuestionView, choices: number[]) => void;
  onBuzz: (question: QuestionView) => void;
}) {
  const me = personal?.me ?? null;
  const question = view.question;
  const phase = view.phase === 'paused' ? (view.pausedFrom ?? 'paused') : view.phase;
  const mine = question ? sent[question.index] : undefined;
  const out = view.format === 'golden_bell' && (me?.eliminated ?? false);

  return (
    <>
      <header class="live-me">
        <span class="live-me__name">
          {me?.number && <span class="live-number">{me.number}</span>}
          <span>{me?.name}</span>
        </span>
        <span class="live-me__score">{formatNumber(me?.score ?? 0)} điểm</span>
      </header>
      {out && phase !== 'finished' && (
        <p class="live-eliminated" role="status">
          Bạn đã bị loại. Hãy theo dõi tiếp: bạn có thể được cứu trợ.
        </p>
      )}
      {view.phase === 'paused' && (
        <p class="notice" role="status">
          Trò chơi đang tạm dừng.
        </p>
      )}
      {phase === 'lobby' && (
        <div class="live-wait">
          <h1>Bạn đã vào phòng thi</h1>
          <p>Chờ người dẫn chương trình bắt đầu. Hãy giữ màn hình này mở.</p>
        </div>
      )}
      {question && phase !== 'lobby' && phase !== 'finished' && phase !== 'leaderboard' && (
        <section class="live-question" aria-labelledby="live-question-title">
          <p class="live-question__title" id="live-question-title">
            {questionTitle(question, view.questionCount)}
          </p>
          <Countdown timer={view.timer} />
          <h1 class="live-question__text">{question.text}</h1>
          {phase === 'question_intro' && <p class="live-wait">Chuẩn bị trả lời…</p>}
          {phase === 'answering' &&
            (mine?.status === 'sent' || mine?.status === 'sending' ? (
              <Sent
                question={question}
                choices={mine.choices}
                sending={mine.status === 'sending'}
              />
            ) : eligible(view, me, question) ? (
              <Answer
                question={question}
                error={mine?.status === 'error' ? mine.message : null}
                onAnswer={onAnswer}
              />
            ) : (
              <p class="live-wait">
                {question.kind === 'rescue'
                  ? 'Câu cứu trợ dành cho thí sinh đã bị loại.'
                  : 'Bạn không trả lời câu này.'}
              </p>
            ))}
          {phase === 'locked' && (
            <>
              <p class="live-wait">Đã hết giờ trả lời. Chờ công bố đáp án…</p>
              {mine?.status === 'sent' && (
                <Sent question={question} choices={mine.choices} sending={false} />
              )}
            </>
          )}
          {(phase === 'buzzer_armed' || phase === 'buzzer_open' || phase === 'buzzer_won') && (
            <Buzzer view={view} me={me} phase={phase} error={buzzError} onBuzz={onBuzz} />
          )}
          {phase === 'revealed' && <Result view={view} personal={personal} />}
        </section>
      )}
      {phase === 'leaderboard' && (
        <section class="live-standing">
          <h1>Bảng xếp hạng</h1>
          <MyRank personal={personal} />
          {personal?.leaderboard && (
            <LeaderboardTable rows={personal.leaderboard} caption="Dẫn đầu" highlight={me?.id} />
          )}
        </section>
      )}
      {phase === 'finished' && (
        <section class="live-standing">
          <h1>Trò chơi đã kết thúc</h1>
          <MyRank personal={personal} final />
          {personal?.podium && personal.podium.length > 0 && <Podium rows={personal.podium} />}
        </section>
      )}
      {phase === 'paused' && !question && <p class="live-wait">{PHASE_LABELS.paused}</p>}
    </>
  );
}

function Answer({
  question,
  error,
  onAnswer,
}: {
  question: QuestionView;
  error: string | null;
  onAnswer: (question: QuestionView, choices: number[]) => void;
}) {
  const multiple = question.type === 'multiple';
  const [picked, setPicked] = useState<number[]>([]);
  return (
    <div class="live-answer">
      {multiple && <p class="live-hint">Chọn tất cả phương án đúng rồi bấm “Gửi đáp án”.</p>}
      <ul class="live-buttons">
        {question.options.map((option, index) => {
          const on = picked.includes(index);
          return (
            <li key={index}>
              <button
                type="button"
                class={`live-choice live-option--${String(index % 6)}`}
                aria-pressed={multiple ? (on ? 'true' : 'false') : undefined}
                onClick={() => {
                  if (!multiple) onAnswer(question, [index]);
                  else
                    setPicked(
                      on
                        ? picked.filter((i) => i !== index)
                        : [...picked, index].sort((a, b) => a - b),
                    );
                }}
              >
                <span class="live-choice__letter" aria-hidden="true">
                  {optionLetter(index)}
                </span>
                <span class="sr-only">{`Phương án ${optionLetter(index)}: `}</span>
                <span class="live-choice__text">{option}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {multiple && (
        <button
          type="button"
          class="button button--wide"
          aria-disabled={picked.length === 0 ? 'true' : undefined}
          onClick={() => {
            if (picked.length > 0) onAnswer(question, picked);
          }}
        >
          Gửi đáp án
        </button>
      )}
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Sent({
  question,
  choices,
  sending,
}: {
  question: QuestionView;
  choices: number[];
  sending: boolean;
}) {
  return (
    <p class={sending ? 'live-sent live-sent--pending' : 'live-sent'} role="status">
      <strong>{sending ? 'Đang gửi…' : 'Đã gửi'}</strong>
      <span>
        Bạn chọn {lettersOf(choices)}
        {choices.length === 1 && `: ${question.options[choices[0] ?? 0] ?? ''}`}
      </span>
    </p>
  );
}

function Buzzer({
  view,
  me,
  phase,
  error,
  onBuzz,
}: {
  view: CommonView;
  me: PlayerView['me'] | null;
  phase: 'buzzer_armed' | 'buzzer_open' | 'buzzer_won';
  error: string | null;
  onBuzz: (question: QuestionView) => void;
}) {
  const question = view.question;
  const lockedOut = view.buzzer?.lockedOut.some((p) => p.id === me?.id) ?? false;
  const winner = view.buzzer?.winner ?? null;
  if (!question) return null;
  if (phase === 'buzzer_won' && winner) {
    return winner.id === me?.id ? (
      <p class="live-result live-result--right" role="status">
        Bạn giành quyền trả lời! Hãy trả lời người dẫn chương trình.
      </p>
    ) : (
      <p class="live-wait" role="status">
        {winner.name} giành quyền trả lời.
      </p>
    );
  }
  if (lockedOut)
    return <p class="live-wait">Bạn đã trả lời sai câu này, không được bấm chuông lại.</p>;
  if (phase === 'buzzer_armed') return <p class="live-wait">Chờ mở chuông…</p>;
  return (
    <>
      <button
        type="button"
        class="live-buzz"
        onClick={() => {
          onBuzz(question);
        }}
      >
        Bấm chuông
      </button>
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function Result({ view, personal }: { view: CommonView; personal: PlayerView | null }) {
  const question = view.question;
  const reveal = view.reveal;
  const result = personal?.result?.questionIndex === question?.index ? personal?.result : null;
  if (!question || !reveal) return null;
  const right = reveal.correctChoices;
  return (
    <div class="live-reveal">
      {result && (
        <p
          class={`live-result ${result.isCorrect ? 'live-result--right' : 'live-result--wrong'}`}
          role="status"
        >
          <strong>
            {result.isCorrect
              ? 'Chính xác!'
              : result.answered
                ? 'Chưa chính xác'
                : 'Bạn chưa trả lời câu này'}
          </strong>
          {result.pointsGained !== 0 && (
            <span>
              {result.pointsGained > 0 ? '+' : ''}
              {formatNumber(result.pointsGained)} điểm
            </span>
          )}
          {result.eliminatedNow && <span>Bạn đã bị loại.</span>}
          {result.revivedNow && <span>Bạn được cứu trợ, trở lại cuộc thi!</span>}
        </p>
      )}
      <p class="live-correct">
        Đáp án đúng: <strong>{lettersOf(right)}</strong>
        {right.length === 1 && ` – ${question.options[right[0] ?? 0] ?? ''}`}
      </p>
      {reveal.explanation && <p class="live-explanation">{reveal.explanation}</p>}
      {result && (
        <p class="live-total">
          Tổng điểm: <strong>{formatNumber(result.totalScore)}</strong>
          {result.rank !== null && (
            <>
              {' · '}Hạng <strong>{result.rank}</strong>
            </>
          )}
        </p>
      )}
    </div>
  );
}

function MyRank({ personal, final = false }: { personal: PlayerView | null; final?: boolean }) {
  const me = personal?.me;
  if (!me) return null;
  return (
    <p class="live-myrank" role="status">
      {me.rank !== null ? (
        <>
          {final ? 'Chung cuộc, bạn' : 'Bạn'} xếp hạng <strong>{me.rank}</strong> với{' '}
          <strong>{formatNumber(me.score)}</strong> điểm ({me.rightAnswers} câu đúng).
        </>
      ) : (
        'Bạn không còn trong bảng xếp hạng.'
      )}
    </p>
  );
}
