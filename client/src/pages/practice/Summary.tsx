import { useEffect, useRef, useState } from 'preact/hooks';
import type { PracticeFeedback, PracticeSummary } from '../../../../src/shared/practice';
import { errorMessage } from '../../lib/api';
import { usePageTitle } from '../../lib/router';
import { describeOptions, sourceText } from './options';
import { type ActiveSession, fetchSummary, lengthFor, startAndRemember } from './practiceApi';
import { START_PATH } from './paths';

function encouragement(correct: number, total: number): string {
  if (total > 0 && correct === total) return 'Xuất sắc! Bạn đã trả lời đúng tất cả các câu.';
  if (correct >= total * 0.8) return 'Rất tốt! Bạn nắm vững kiến thức cải cách hành chính.';
  if (correct >= total * 0.5) return 'Khá tốt! Xem lại lời giải thích của các câu sai nhé.';
  return 'Đừng nản lòng: đọc kỹ lời giải thích rồi luyện tập lại các câu đã sai.';
}

function Review({
  session,
  answers,
}: {
  session: ActiveSession;
  answers: ReadonlyMap<number, PracticeFeedback>;
}) {
  return (
    <details class="details practice-review">
      <summary>Xem lại các câu đã làm</summary>
      <ol class="practice-review__list">
        {session.questions.map((question) => {
          const feedback = answers.get(question.position);
          if (!feedback) return null;
          return (
            <li key={question.position} class="practice-review__item">
              <p class="practice-review__question">
                <span class={feedback.correct ? 'tag tag--ok' : 'tag tag--danger'}>
                  {feedback.correct ? '✓ Đúng' : '✗ Sai'}
                </span>{' '}
                {question.text}
              </p>
              {!feedback.correct && <p>Bạn chọn: {describeOptions(question, feedback.chosen)}</p>}
              <p>
                Đáp án đúng: <strong>{describeOptions(question, feedback.correctOptions)}</strong>
              </p>
              {feedback.explanation && <p>{feedback.explanation}</p>}
              {feedback.source.document && (
                <p class="verdict__source">
                  <strong>Căn cứ:</strong> {sourceText(feedback.source)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; summary: PracticeSummary };

/** The end of a session: score, per-topic results, and what to do next. */
export function Summary({
  session,
  answers,
  onNewSession,
  focusHeading,
}: {
  session: ActiveSession;
  answers: ReadonlyMap<number, PracticeFeedback>;
  onNewSession: () => void;
  /** Move focus to the heading on mount (the last question was on screen). */
  focusHeading: boolean;
}) {
  usePageTitle('Kết quả luyện tập');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [focusHeading]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    fetchSummary(session.id, session.token).then(
      (summary) => {
        if (live) setState({ kind: 'ready', summary });
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [session.id, session.token, attempt]);

  async function practiceMissed(ids: string[]) {
    if (busy) return;
    setBusy(true);
    setStartError(null);
    try {
      await startAndRemember({ mode: 'missed', length: lengthFor(ids.length), questionIds: ids });
      onNewSession();
    } catch (error) {
      setBusy(false);
      setStartError(errorMessage(error));
    }
  }

  return (
    <div class="container page practice practice-summary">
      <h1 ref={headingRef} tabIndex={-1}>
        Kết quả luyện tập
      </h1>
      {state.kind === 'loading' && <p class="loading">Đang tính kết quả…</p>}
      {state.kind === 'failed' && (
        <div class="status status--error" role="alert">
          <p>Không tải được kết quả. {state.message}</p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setAttempt(attempt + 1);
            }}
          >
            Thử lại
          </button>
        </div>
      )}
      {state.kind === 'ready' && (
        <>
          <p class="practice-score">
            Bạn trả lời đúng{' '}
            <strong>
              {state.summary.correct}/{state.summary.total}
            </strong>{' '}
            câu
          </p>
          <p>{encouragement(state.summary.correct, state.summary.total)}</p>

          <table class="table practice-topics-table">
            <caption class="practice-caption">Kết quả theo chủ đề</caption>
            <thead>
              <tr>
                <th scope="col">Chủ đề</th>
                <th scope="col" class="numeric">
                  Đúng
                </th>
              </tr>
            </thead>
            <tbody>
              {state.summary.byTopic.map((row) => (
                <tr key={row.topic}>
                  <th scope="row">{row.topic}</th>
                  <td class="numeric nowrap">
                    {row.correct}/{row.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <div role="alert" class={startError ? 'status status--error' : 'status--empty'}>
            {startError}
          </div>
          <div class="practice-actions">
            {state.summary.missedQuestionIds.length > 0 && (
              <button
                type="button"
                class="button button--wide"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  void practiceMissed(state.summary.missedQuestionIds);
                }}
              >
                {busy ? 'Đang chuẩn bị câu hỏi…' : 'Luyện tập các câu đã sai'}
              </button>
            )}
            <a
              href={START_PATH}
              class={
                state.summary.missedQuestionIds.length > 0
                  ? 'button button--secondary button--wide'
                  : 'button button--wide'
              }
            >
              Luyện tập lượt mới
            </a>
          </div>

          <Review session={session} answers={answers} />
        </>
      )}
    </div>
  );
}
