import { useEffect, useRef, useState } from 'preact/hooks';
import type { PracticeFeedback, PracticeQuestion } from '../../../../src/shared/practice';
import { Loading } from '../../components/Lazy';
import { ApiError, errorMessage } from '../../lib/api';
import { navigate, usePageTitle } from '../../lib/router';
import { describeOptions, optionLabel, sourceText } from './options';
import { type ActiveSession, fetchSession, isSessionGone, sendAnswer } from './practiceApi';
import { START_PATH } from './paths';
import {
  loadCurrent,
  loadPending,
  recordResult,
  saveCurrent,
  savePending,
  setNotice,
  takeHandOff,
} from './storage';
import { Summary } from './Summary';

/** Forgets a session the server no longer knows and goes back to the start page. */
function leaveGoneSession(error: unknown): void {
  saveCurrent(null);
  savePending(null);
  setNotice(errorMessage(error));
  navigate(START_PATH, { replace: true });
}

function Verdict({
  question,
  feedback,
  focus,
}: {
  question: PracticeQuestion;
  feedback: PracticeFeedback;
  focus: boolean;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // Just answered: move focus here, so the verdict is read out and scrolled into view.
    if (focus) ref.current?.focus();
  }, [focus]);
  const titleId = `ket-qua-${feedback.position}`;
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      class={feedback.correct ? 'verdict verdict--right' : 'verdict verdict--wrong'}
    >
      <div class="verdict__head">
        <p id={titleId} class="verdict__title">
          <span class="verdict__icon" aria-hidden="true">
            {feedback.correct ? '✓' : '✗'}
          </span>
          {feedback.correct ? 'Chính xác!' : 'Chưa đúng'}
        </p>
        {!feedback.correct && (
          <p class="verdict__answer">
            Đáp án đúng: <strong>{describeOptions(question, feedback.correctOptions)}</strong>
          </p>
        )}
      </div>
      <div class="verdict__body">
        {feedback.explanation && (
          <>
            <h2 class="verdict__heading">Giải thích</h2>
            <p class="verdict__explanation">{feedback.explanation}</p>
          </>
        )}
        {feedback.source.document && (
          <p class="verdict__source">
            <strong>Căn cứ:</strong> {sourceText(feedback.source)}
          </p>
        )}
      </div>
    </section>
  );
}

function AnsweredOptions({
  question,
  feedback,
}: {
  question: PracticeQuestion;
  feedback: PracticeFeedback;
}) {
  return (
    <ul class="options" role="list" aria-label="Các phương án và đáp án">
      {question.options.map((text, index) => {
        const correct = feedback.correctOptions.includes(index);
        const chosen = feedback.chosen.includes(index);
        const state = correct ? 'right' : chosen ? 'wrong' : 'other';
        const mark = correct
          ? chosen
            ? 'Bạn chọn – đúng'
            : 'Đáp án đúng'
          : chosen
            ? 'Bạn chọn – sai'
            : '';
        const label = optionLabel(question, index);
        return (
          <li key={index} class={`option option--done option--${state}`}>
            <span class="option__icon" aria-hidden="true">
              {correct ? '✓' : chosen ? '✗' : ''}
            </span>
            <span class="option__body">
              <span class="option__text">
                {label && <span class="option__letter">{label}. </span>}
                {text}
              </span>
              {mark && <span class="option__mark">{mark}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

interface QuestionProps {
  session: ActiveSession;
  question: PracticeQuestion;
  number: number;
  total: number;
  feedback: PracticeFeedback | undefined;
  onAnswered: (feedback: PracticeFeedback) => void;
  onNext: () => void;
  /** Move focus to the heading on mount (the previous question was on screen). */
  focusHeading: boolean;
}

function QuestionView({
  session,
  question,
  number,
  total,
  feedback,
  onAnswered,
  onNext,
  focusHeading,
}: QuestionProps) {
  usePageTitle(`Luyện tập: câu ${number}/${total}`);
  const position = question.position;
  // An answer chosen before a reload whose reply never came: keep it and offer to send it.
  const [pending] = useState(() => {
    const stored = loadPending(session.id);
    return stored?.position === position && stored.chosen.length > 0 ? stored.chosen : null;
  });
  const [selection, setSelection] = useState<number[]>(pending ?? []);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(
    pending ? 'Câu trả lời bạn chọn trước đó chưa được gửi đi.' : null,
  );
  const [justAnswered, setJustAnswered] = useState(false);
  const inFlight = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const multiple = question.type === 'multiple';
  const textId = `cau-hoi-${position}`;
  const hintId = `goi-y-${position}`;

  useEffect(() => {
    const heading = headingRef.current;
    if (!focusHeading || !heading) return;
    heading.focus({ preventScroll: true });
    if (heading.getBoundingClientRect().top < 0) heading.scrollIntoView({ block: 'start' });
  }, [focusHeading]);

  async function send(chosen: number[]) {
    if (inFlight.current || feedback) return;
    if (chosen.length === 0) {
      setError('Hãy chọn ít nhất một đáp án rồi bấm “Trả lời”.');
      return;
    }
    inFlight.current = true;
    setSelection(chosen);
    setSending(true);
    setError(null);
    savePending({ id: session.id, position, chosen });
    try {
      const reply = await sendAnswer(session.id, session.token, position, chosen);
      savePending(null);
      recordResult(question.questionId, reply.correct);
      setJustAnswered(true);
      onAnswered(reply);
    } catch (caught) {
      if (isSessionGone(caught)) {
        leaveGoneSession(caught);
        return;
      }
      setError(errorMessage(caught));
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }

  const progress = Math.round(((number - 1 + (feedback ? 1 : 0)) / total) * 100);

  return (
    <div class="container page practice practice-question">
      <div class="practice-progress">
        <h1 ref={headingRef} tabIndex={-1} class="practice-progress__title">
          Câu {number}/{total}
        </h1>
        <a href={START_PATH} class="practice-progress__leave">
          Tạm dừng
        </a>
      </div>
      <div class="practice-progress__bar" aria-hidden="true">
        <span style={{ width: `${progress}%` }} />
      </div>
      <p class="practice-topic">
        <span class="sr-only">Chủ đề: </span>
        {question.topic}
      </p>
      <p id={textId} class="practice-question__text">
        {question.text}
      </p>
      {multiple && !feedback && (
        <p id={hintId} class="practice-question__hint">
          Chọn tất cả các đáp án đúng, rồi bấm “Trả lời”.
        </p>
      )}

      {feedback ? (
        <>
          <AnsweredOptions question={question} feedback={feedback} />
          <Verdict question={question} feedback={feedback} focus={justAnswered} />
          <button type="button" class="button button--wide practice-next" onClick={onNext}>
            {number === total ? 'Xem kết quả' : 'Câu tiếp theo'}
          </button>
        </>
      ) : multiple ? (
        <div role="group" aria-labelledby={textId} aria-describedby={hintId}>
          <ul class="options" role="list">
            {question.options.map((text, index) => (
              <li key={index}>
                <label class="option option--check">
                  <input
                    type="checkbox"
                    class="choice__input"
                    checked={selection.includes(index)}
                    disabled={sending}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      setSelection(
                        checked
                          ? [...selection, index].sort((a, b) => a - b)
                          : selection.filter((i) => i !== index),
                      );
                      setError(null);
                    }}
                  />
                  <span class="option__text">
                    <span class="option__letter">{optionLabel(question, index)}. </span>
                    {text}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="button button--wide practice-next"
            aria-disabled={sending ? 'true' : undefined}
            onClick={() => {
              void send(selection);
            }}
          >
            {sending ? 'Đang gửi…' : 'Trả lời'}
          </button>
        </div>
      ) : (
        <ul class="options" role="list" aria-labelledby={textId}>
          {question.options.map((text, index) => {
            const label = optionLabel(question, index);
            const chosen = selection.includes(index);
            return (
              <li key={index}>
                <button
                  type="button"
                  class={chosen ? 'option option--chosen' : 'option'}
                  aria-disabled={sending ? 'true' : undefined}
                  onClick={() => {
                    void send([index]);
                  }}
                >
                  {label && (
                    <span class="option__badge">
                      {label}
                      <span class="sr-only">.</span>
                    </span>
                  )}
                  <span class="option__text">{text}</span>
                  {chosen && <span class="sr-only"> (bạn đã chọn)</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <p role="status" class={sending ? 'practice-sending' : 'sr-only'}>
        {sending ? 'Đang kiểm tra câu trả lời…' : ''}
      </p>
      <div role="alert" class={error ? 'status status--error practice-error' : 'status--empty'}>
        {error && (
          <>
            <p>{error}</p>
            {selection.length > 0 && (
              <button
                type="button"
                class="button"
                aria-disabled={sending ? 'true' : undefined}
                onClick={() => {
                  void send(selection);
                }}
              >
                Thử lại
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function Runner({
  session,
  focusFirst,
  onNewSession,
}: {
  session: ActiveSession;
  focusFirst: boolean;
  onNewSession: () => void;
}) {
  const total = session.questions.length;
  const [answers, setAnswers] = useState(
    () => new Map(session.answers.map((answer) => [answer.position, answer])),
  );
  const [index, setIndex] = useState(() => {
    const open = session.questions.findIndex((question) => !answers.has(question.position));
    return open === -1 ? total : open;
  });
  const [moved, setMoved] = useState(focusFirst);

  const question = session.questions[index];
  if (!question) {
    return (
      <Summary
        session={session}
        answers={answers}
        onNewSession={onNewSession}
        focusHeading={moved}
      />
    );
  }
  return (
    <QuestionView
      key={question.position}
      session={session}
      question={question}
      number={index + 1}
      total={total}
      feedback={answers.get(question.position)}
      focusHeading={moved}
      onAnswered={(feedback) => {
        const next = new Map(answers).set(feedback.position, feedback);
        setAnswers(next);
        saveCurrent({ id: session.id, token: session.token, total, answered: next.size });
      }}
      onNext={() => {
        setMoved(true);
        setIndex(index + 1);
      }}
    />
  );
}

type Load =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; session: ActiveSession; fresh: boolean };

/** /luyen-tap/lam-bai: the session in progress (just started, or resumed from this device). */
export function SessionPage() {
  const [load, setLoad] = useState<Load>(() => {
    const handed = takeHandOff();
    return handed ? { kind: 'ready', session: handed, fresh: false } : { kind: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (load.kind !== 'loading') return;
    const stored = loadCurrent();
    if (!stored) {
      navigate(START_PATH, { replace: true });
      return;
    }
    let live = true;
    fetchSession(stored.id, stored.token).then(
      (view) => {
        if (live)
          setLoad({ kind: 'ready', session: { ...view, token: stored.token }, fresh: false });
      },
      (error: unknown) => {
        if (!live) return;
        // 400: the stored id is not even a valid id (storage edited or corrupted).
        if (isSessionGone(error) || (error instanceof ApiError && error.status === 400)) {
          leaveGoneSession(error);
        } else {
          setLoad({ kind: 'failed', message: errorMessage(error) });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (load.kind === 'ready') {
    return (
      <Runner
        key={load.session.id}
        session={load.session}
        focusFirst={load.fresh}
        onNewSession={() => {
          const created = takeHandOff();
          if (created) setLoad({ kind: 'ready', session: created, fresh: true });
        }}
      />
    );
  }
  if (load.kind === 'loading') {
    // No heading yet: the question's heading takes the focus when it arrives.
    return (
      <div class="container page practice">
        <Loading text="Đang tải lượt luyện tập…" />
      </div>
    );
  }
  return (
    <LoadFailed
      message={load.message}
      retry={() => {
        setLoad({ kind: 'loading' });
        setAttempt(attempt + 1);
      }}
    />
  );
}

function LoadFailed({ message, retry }: { message: string; retry: () => void }) {
  usePageTitle('Không tải được lượt luyện tập');
  return (
    <div class="container page practice">
      <h1>Không tải được lượt luyện tập</h1>
      <div class="status status--error" role="alert">
        <p>{message}</p>
        <button type="button" class="button" onClick={retry}>
          Thử lại
        </button>
      </div>
      <p>
        <a href={START_PATH}>Về trang luyện tập</a>
      </p>
    </div>
  );
}
