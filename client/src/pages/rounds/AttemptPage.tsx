import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttemptQuestion, AttemptView } from './contract';
import { validatePrediction } from '../../../../src/rounds/domain/prediction';
import { Loading } from '../../components/Lazy';
import { ApiError, errorMessage } from '../../lib/api';
import { formatCountdown, msUntil } from '../../lib/clock';
import { navigate, usePageTitle } from '../../lib/router';
import { openAttemptChannel } from './attemptChannel';
import { type AnswerState, type SaveStatus, type Stop, useAutosave } from './autosave';
import { InputField } from './fields';
import { takeAttempt } from './handoff';
import { CONTESTS_PATH, contestPath, resultPath } from './paths';
import { fetchAttempt, isSignedOut } from './roundsApi';
import { LoadFailed } from './shared';
import { contestOf, forgetSession, loadPrediction, savePrediction, sessionFor } from './storage';

const LETTERS = 'ABCDEFGH';
const LAST_MINUTE_MS = 60_000;
/** How long "Hết giờ" stays on screen before the result page. */
const TIME_UP_PAUSE_MS = 2000;

const SAVE_TEXT: Record<SaveStatus, string> = {
  none: 'Chưa trả lời',
  saving: 'Đang lưu…',
  saved: 'Đã lưu',
  error: 'Chưa lưu — thử lại',
};

function SaveState({ answer, onRetry }: { answer: AnswerState; onRetry: () => void }) {
  return (
    <div class={`save-state save-state--${answer.status}`}>
      <p role="status" class="save-state__text">
        <span aria-hidden="true" class="save-state__icon">
          {answer.status === 'saved'
            ? '✓'
            : answer.status === 'error'
              ? '!'
              : answer.status === 'saving'
                ? '…'
                : '○'}
        </span>
        {SAVE_TEXT[answer.status]}
      </p>
      {answer.error && answer.status !== 'error' && (
        <p role="alert" class="save-state__error">
          {answer.error}
        </p>
      )}
      {answer.status === 'error' && (
        <button type="button" class="button button--small" onClick={onRetry}>
          Thử lại ngay
        </button>
      )}
    </div>
  );
}

function Options({
  question,
  answer,
  disabled,
  onChoose,
  labelledBy,
  describedBy,
}: {
  question: AttemptQuestion;
  answer: AnswerState;
  disabled: boolean;
  onChoose: (chosen: number[]) => void;
  labelledBy: string;
  describedBy: string | undefined;
}) {
  const multiple = question.type === 'multiple';
  const pending = answer.status === 'saving' || answer.status === 'error';
  return (
    <div
      role={multiple ? 'group' : 'radiogroup'}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      class="attempt-options"
    >
      <ul class="attempt-options__list" role="list">
        {question.options.map((text, index) => {
          const chosen = answer.chosen.includes(index);
          const letter = question.type === 'true_false' ? '' : LETTERS.charAt(index);
          const state = chosen ? (pending ? ' answer--pending' : ' answer--chosen') : '';
          return (
            <li key={index}>
              <label class={`answer${state}`}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  class="answer__input"
                  name={`cau-${question.position}`}
                  value={String(index)}
                  checked={chosen}
                  disabled={disabled}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    if (!multiple) {
                      if (on) onChoose([index]);
                      return;
                    }
                    onChoose(
                      on ? [...answer.chosen, index] : answer.chosen.filter((i) => i !== index),
                    );
                  }}
                />
                {letter && (
                  <span class="answer__letter" aria-hidden="true">
                    {letter}
                  </span>
                )}
                <span class="answer__text">
                  {letter && <span class="sr-only">{letter}. </span>}
                  {text}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Navigator({
  questions,
  current,
  stateOf,
  onGo,
  predictionDone,
}: {
  questions: readonly AttemptQuestion[];
  current: number;
  stateOf: (position: number) => AnswerState;
  onGo: (index: number) => void;
  predictionDone: boolean;
}) {
  return (
    <nav class="navigator" aria-labelledby="danh-sach-cau">
      <h2 id="danh-sach-cau" class="navigator__title">
        Các câu hỏi
      </h2>
      <ul class="navigator__list" role="list">
        {questions.map((question, index) => {
          const { status } = stateOf(question.position);
          const label =
            status === 'saved'
              ? 'đã trả lời'
              : status === 'none'
                ? 'chưa trả lời'
                : 'chưa lưu xong';
          return (
            <li key={question.position}>
              <button
                type="button"
                class={`navigator__item navigator__item--${status}`}
                aria-current={index === current ? 'step' : undefined}
                onClick={() => {
                  onGo(index);
                }}
              >
                {index + 1}
                <span class="sr-only">, {label}</span>
              </button>
            </li>
          );
        })}
        <li>
          <button
            type="button"
            class={`navigator__item navigator__item--wide navigator__item--${predictionDone ? 'saved' : 'none'}`}
            aria-current={current === questions.length ? 'step' : undefined}
            onClick={() => {
              onGo(questions.length);
            }}
          >
            Dự đoán &amp; nộp bài
          </button>
        </li>
      </ul>
      <p class="navigator__legend small" aria-hidden="true">
        <span class="legend legend--saved">Đã trả lời</span>
        <span class="legend legend--none">Chưa trả lời</span>
        <span class="legend legend--current">Đang xem</span>
      </p>
    </nav>
  );
}

/** "3,5" or "3.5" → 3.5; null when empty; NaN when not a number. */
function parsePrediction(text: string): number | null {
  const compact = text.trim().replace(/\s/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

function Runner({
  view,
  token,
  contestId,
}: {
  view: AttemptView;
  token: string;
  contestId: string | null;
}) {
  const questions = view.questions;
  const total = questions.length;
  const [index, setIndex] = useState(() => {
    const answered = new Set(
      view.answers.filter((a) => a.chosen.length > 0).map((a) => a.position),
    );
    const open = questions.findIndex((q) => !answered.has(q.position));
    return open === -1 ? total : open;
  });
  const [remaining, setRemaining] = useState(() => msUntil(view.deadline));
  const [ended, setEnded] = useState<Stop | null>(null);
  const [warned, setWarned] = useState(false);
  const [prediction, setPrediction] = useState(() => loadPrediction(view.id));
  const [predictionError, setPredictionError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLElement>(null);
  const moved = useRef(false);
  const timeUp = remaining <= 0;

  // Opened once for the page, closed when it goes; requests use HTTP until it connects.
  const [channel] = useState(openAttemptChannel);
  useEffect(
    () => () => {
      channel.close();
    },
    [],
  );
  const save = useAutosave(
    view.id,
    token,
    view.answers,
    (stop) => {
      setEnded(stop);
    },
    channel.save,
  );

  const question = questions[index];
  usePageTitle(question ? `Câu ${index + 1}/${total}` : 'Câu hỏi dự đoán');

  // The countdown, from the server's deadline and clock offset (refined by every save reply).
  useEffect(() => {
    const tick = () => {
      setRemaining(msUntil(view.deadline));
    };
    const timer = window.setInterval(tick, 250);
    return () => {
      window.clearInterval(timer);
    };
  }, [view.deadline]);

  useEffect(() => {
    if (!warned && remaining > 0 && remaining <= LAST_MINUTE_MS) setWarned(true);
  }, [remaining, warned]);

  // Time is up, or the server says the attempt is over: the result page waits for the grade.
  useEffect(() => {
    if (!timeUp && ended?.kind !== 'finished') return;
    save.halt();
    const timer = window.setTimeout(() => {
      navigate(resultPath(view.id), { replace: true });
    }, TIME_UP_PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [timeUp, ended?.kind]);

  // A phone waking up: the attempt may have been submitted meanwhile (another device, deadline).
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible') return;
      fetchAttempt(view.id, token).then(
        (fresh) => {
          if (fresh.status !== 'in_progress') setEnded({ kind: 'finished', message: '' });
          else save.retryAll();
        },
        () => {
          // Offline: the countdown goes on with the last known offset.
        },
      );
    };
    document.addEventListener('visibilitychange', check);
    return () => {
      document.removeEventListener('visibilitychange', check);
    };
  }, []);

  useEffect(() => {
    if (!moved.current) return;
    headingRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [index]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function go(next: number) {
    moved.current = true;
    setConfirming(false);
    setIndex(Math.max(0, Math.min(total, next)));
  }

  const locked = timeUp || ended !== null || submitting;
  const unanswered = questions
    .map((q, i) => ({ number: i + 1, index: i, state: save.state(q.position) }))
    .filter((q) => q.state.chosen.length === 0);
  const unsaved = save.unsaved();
  const predicted = parsePrediction(prediction);

  function checkPrediction(): boolean {
    if (predicted === null) {
      setPredictionError(undefined);
      return true;
    }
    const checked = Number.isNaN(predicted)
      ? { ok: false as const, reason: 'Vui lòng nhập một con số.' }
      : validatePrediction(view.prediction.kind, predicted);
    setPredictionError(checked.ok ? undefined : checked.reason);
    return checked.ok;
  }

  async function submit() {
    if (submitting || locked) return;
    if (!checkPrediction()) return;
    if (unsaved.length > 0) return;
    setSubmitting(true);
    setSubmitError(null);
    save.halt();
    try {
      await channel.submit(
        view.id,
        token,
        predicted !== null && !Number.isNaN(predicted) ? predicted : null,
      );
      navigate(resultPath(view.id), { replace: true });
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'ATTEMPT_SUBMITTED' || error.code === 'ATTEMPT_TIME_UP')
      ) {
        navigate(resultPath(view.id), { replace: true });
        return;
      }
      setSubmitting(false);
      if (error instanceof ApiError && error.fieldMessage('prediction')) {
        setPredictionError(error.fieldMessage('prediction'));
      }
      setSubmitError(errorMessage(error));
    }
  }

  const timerClass = timeUp
    ? 'timer timer--over'
    : remaining <= LAST_MINUTE_MS
      ? 'timer timer--last'
      : 'timer';

  return (
    <div class="container page rounds attempt">
      <div class="attempt-bar">
        <p class={timerClass} role="timer" aria-label="Thời gian còn lại">
          <span class="timer__label" aria-hidden="true">
            Còn lại
          </span>
          <span class="timer__value">{timeUp ? 'Hết giờ' : formatCountdown(remaining)}</span>
        </p>
        <p class="attempt-bar__progress">
          {total - unanswered.length}/{total} câu đã trả lời
        </p>
      </div>

      <div role="alert" class={warned || timeUp || ended ? 'attempt-alerts' : 'status--empty'}>
        {timeUp ? (
          <p class="status status--error attempt-alert">
            Hết giờ làm bài. Bài thi được tự động nộp với các câu trả lời đã lưu. Đang chuyển đến
            trang kết quả…
          </p>
        ) : ended?.kind === 'finished' ? (
          <p class="status status--info attempt-alert">
            {ended.message || 'Bài thi đã được nộp.'} Đang chuyển đến trang kết quả…
          </p>
        ) : ended?.kind === 'signed-out' ? (
          <div class="status status--error attempt-alert">
            <p>{ended.message}</p>
            <a href={contestId ? contestPath(contestId) : CONTESTS_PATH} class="button">
              Đăng nhập lại
            </a>
          </div>
        ) : warned ? (
          <p class="status status--warning-strong attempt-alert">
            Chỉ còn dưới 1 phút! Hãy kiểm tra các câu trả lời và nộp bài.
          </p>
        ) : null}
      </div>

      {question ? (
        <section class="attempt-question" aria-labelledby="tieu-de-cau">
          <h1 id="tieu-de-cau" ref={headingRef} tabIndex={-1} class="attempt-question__number">
            Câu {index + 1}/{total}
          </h1>
          <p class="attempt-question__topic">
            <span class="sr-only">Chủ đề: </span>
            {question.topic}
          </p>
          <p id={`noi-dung-${question.position}`} class="attempt-question__text">
            {question.text}
          </p>
          {question.image && (
            <img
              class="attempt-question__image"
              src={question.image}
              alt="Hình minh họa của câu hỏi"
            />
          )}
          {question.type === 'multiple' && (
            <p id={`goi-y-${question.position}`} class="attempt-question__hint">
              Chọn tất cả đáp án đúng (có thể có nhiều đáp án).
            </p>
          )}
          <Options
            key={question.position}
            question={question}
            answer={save.state(question.position)}
            disabled={locked}
            labelledBy={`noi-dung-${question.position}`}
            describedBy={question.type === 'multiple' ? `goi-y-${question.position}` : undefined}
            onChoose={(chosen) => {
              save.choose(question.position, chosen);
            }}
          />
          <SaveState
            answer={save.state(question.position)}
            onRetry={() => {
              save.retryAll();
            }}
          />
          <div class="attempt-steps">
            <button
              type="button"
              class="button button--secondary"
              disabled={index === 0}
              onClick={() => {
                go(index - 1);
              }}
            >
              ← Câu trước
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                go(index + 1);
              }}
            >
              {index + 1 === total ? 'Tiếp: câu hỏi dự đoán →' : 'Câu sau →'}
            </button>
          </div>
        </section>
      ) : (
        <section class="attempt-question" aria-labelledby="tieu-de-cau">
          <h1 id="tieu-de-cau" ref={headingRef} tabIndex={-1} class="attempt-question__number">
            Câu hỏi dự đoán
          </h1>
          <p class="attempt-question__text">{view.prediction.question}</p>
          <InputField
            label={
              view.prediction.kind === 'perfect_count'
                ? 'Số người (dự đoán)'
                : 'Tỉ lệ phần trăm (dự đoán)'
            }
            name="prediction"
            keyboard={view.prediction.kind === 'perfect_count' ? 'numeric' : 'decimal'}
            value={prediction}
            onInput={(text) => {
              setPrediction(text);
              savePrediction(view.id, text);
              setPredictionError(undefined);
            }}
            error={predictionError}
            hint={
              view.prediction.kind === 'perfect_count'
                ? 'Một số nguyên, ví dụ 125. Câu này dùng để phân định thứ hạng khi bằng điểm.'
                : 'Từ 0 đến 100, tối đa 2 chữ số thập phân, ví dụ 23,5. Câu này dùng để phân định thứ hạng khi bằng điểm.'
            }
            maxLength={12}
          />
          <p class="muted small">
            Câu trả lời dự đoán được gửi cùng lúc với bài thi khi bạn nộp bài.
          </p>
          <div class="attempt-steps">
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                go(total - 1);
              }}
            >
              ← Câu trước
            </button>
            <button
              type="button"
              class="button attempt-submit"
              aria-disabled={locked ? 'true' : undefined}
              onClick={() => {
                if (locked) return;
                if (checkPrediction()) setConfirming(true);
              }}
            >
              Nộp bài
            </button>
          </div>

          {confirming && (
            <section
              ref={confirmRef}
              tabIndex={-1}
              class="card confirm"
              aria-labelledby="xac-nhan-nop"
            >
              <h2 id="xac-nhan-nop">Bạn chắc chắn muốn nộp bài?</h2>
              {unanswered.length > 0 ? (
                <>
                  <p>
                    Bạn còn <strong>{unanswered.length} câu chưa trả lời</strong>:
                  </p>
                  <ul class="confirm__list" role="list">
                    {unanswered.map((q) => (
                      <li key={q.number}>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          onClick={() => {
                            go(q.index);
                          }}
                        >
                          Câu {q.number}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>Bạn đã trả lời tất cả {total} câu.</p>
              )}
              {predicted === null && <p>Bạn chưa trả lời câu hỏi dự đoán.</p>}
              {unsaved.length > 0 && (
                <p class="status status--error">
                  Câu{' '}
                  {unsaved.map((p) => questions.findIndex((q) => q.position === p) + 1).join(', ')}{' '}
                  chưa được lưu lên máy chủ. Đang thử lưu lại; vui lòng đợi rồi nộp bài.
                </p>
              )}
              <p class="muted">Sau khi nộp, bạn không thể sửa câu trả lời.</p>
              <div role="alert" class={submitError ? 'status status--error' : 'status--empty'}>
                {submitError}
              </div>
              <div class="attempt-steps">
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => {
                    setConfirming(false);
                  }}
                >
                  Làm tiếp
                </button>
                <button
                  type="button"
                  class="button button--danger"
                  aria-disabled={locked || unsaved.length > 0 ? 'true' : undefined}
                  onClick={() => {
                    void submit();
                  }}
                >
                  {submitting ? 'Đang nộp bài…' : 'Xác nhận nộp bài'}
                </button>
              </div>
            </section>
          )}
        </section>
      )}

      <Navigator
        questions={questions}
        current={index}
        stateOf={save.state}
        onGo={go}
        predictionDone={predicted !== null}
      />
    </div>
  );
}

type Load =
  | { kind: 'loading' }
  | { kind: 'no-session' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; view: AttemptView; token: string; contestId: string };

/** /bai-thi/:attemptId — the attempt in progress: one question at a time, autosaved, timed. */
export function AttemptPage({ attemptId }: { attemptId: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const session = sessionFor('attempt', attemptId);
    if (!session) {
      setLoad({ kind: 'no-session' });
      return;
    }
    const handed = takeAttempt(attemptId);
    if (handed) {
      setLoad({ kind: 'ready', view: handed, token: session.token, contestId: session.contestId });
      return;
    }
    let live = true;
    setLoad({ kind: 'loading' });
    fetchAttempt(attemptId, session.token).then(
      (view) => {
        if (!live) return;
        if (view.status !== 'in_progress') {
          navigate(resultPath(attemptId), { replace: true });
          return;
        }
        setLoad({ kind: 'ready', view, token: session.token, contestId: session.contestId });
      },
      (error: unknown) => {
        if (!live) return;
        if (isSignedOut(error)) {
          forgetSession(session.contestId);
          setLoad({ kind: 'no-session' });
          return;
        }
        setLoad({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attemptId, attempt]);

  if (load.kind === 'ready') {
    return <Runner view={load.view} token={load.token} contestId={load.contestId} />;
  }
  if (load.kind === 'loading') {
    return (
      <div class="container page rounds">
        <Loading text="Đang tải bài thi…" />
      </div>
    );
  }
  const contestId = contestOf('attempt', attemptId);
  const back = contestId ? contestPath(contestId) : CONTESTS_PATH;
  if (load.kind === 'no-session') {
    return (
      <LoadFailed
        title="Cần đăng nhập để làm bài"
        message="Thiết bị này chưa đăng nhập vào hội thi của bài thi này. Hãy đăng nhập bằng số điện thoại và mật khẩu đã đăng ký, rồi bấm “Làm tiếp bài đang làm” ở trang vòng thi."
      >
        <p>
          <a
            href={contestId ? `${contestPath(contestId)}?dang-nhap` : CONTESTS_PATH}
            class="button"
          >
            Đăng nhập
          </a>
        </p>
      </LoadFailed>
    );
  }
  return (
    <LoadFailed
      title="Không tải được bài thi"
      message={load.message}
      retry={() => {
        setAttempt(attempt + 1);
      }}
    >
      <p>
        <a href={back}>Về trang hội thi</a>
      </p>
    </LoadFailed>
  );
}
