import type { ReviewedQuestion } from './contract';
import { Loading } from '../../components/Lazy';
import { usePageTitle } from '../../lib/router';
import { formatScore } from './labels';
import { CONTESTS_PATH, contestPath, resultPath } from './paths';
import { fetchReview } from './roundsApi';
import { LoadFailed, useLoad } from './shared';
import { contestOf, sessionFor } from './storage';

const LETTERS = 'ABCDEFGH';

function ReviewItem({ question, number }: { question: ReviewedQuestion; number: number }) {
  const letter = (index: number) => (question.type === 'true_false' ? '' : LETTERS.charAt(index));
  return (
    <li class="review-item">
      <h2 class="review-item__title">
        Câu {number}{' '}
        <span class={question.isCorrect ? 'tag tag--ok' : 'tag tag--danger'}>
          {question.isCorrect ? '✓ Đúng' : '✗ Sai'}
        </span>{' '}
        <span class="muted small">
          {formatScore(question.points)}/{formatScore(question.maxPoints)} điểm
        </span>
      </h2>
      <p class="review-item__topic">{question.topic}</p>
      <p class="review-item__text">{question.text}</p>
      <ul class="review-options" role="list">
        {question.options.map((text, index) => {
          const correct = question.correct.includes(index);
          const chosen = question.chosen.includes(index);
          const mark = correct
            ? chosen
              ? 'Bạn chọn – đúng'
              : 'Đáp án đúng'
            : chosen
              ? 'Bạn chọn – sai'
              : '';
          const kind = correct ? 'right' : chosen ? 'wrong' : 'other';
          const label = letter(index);
          return (
            <li key={index} class={`review-option review-option--${kind}`}>
              <span class="review-option__icon" aria-hidden="true">
                {correct ? '✓' : chosen ? '✗' : ''}
              </span>
              <span>
                {label && <strong>{label}. </strong>}
                {text}
                {mark && <span class="review-option__mark">{mark}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {question.chosen.length === 0 && <p class="muted">Bạn không trả lời câu này.</p>}
      {question.explanation && (
        <p class="review-item__explanation">
          <strong>Giải thích:</strong> {question.explanation}
        </p>
      )}
      {question.legalSource && (
        <p class="review-item__source">
          <strong>Căn cứ:</strong> {question.legalSource}
        </p>
      )}
    </li>
  );
}

/** /bai-thi/:attemptId/dap-an — each question: what was chosen, what was right, and why. */
export function ReviewPage({ attemptId }: { attemptId: string }) {
  usePageTitle('Đáp án bài thi');
  const session = sessionFor('attempt', attemptId);
  const [load, retry] = useLoad(
    () =>
      session
        ? fetchReview(attemptId, session.token)
        : Promise.reject(new Error('Thiết bị này chưa đăng nhập vào hội thi của bài thi này.')),
    [attemptId],
  );
  const contestId = contestOf('attempt', attemptId);

  if (load.kind === 'loading') {
    return (
      <div class="container page rounds">
        <Loading text="Đang tải đáp án…" />
      </div>
    );
  }
  if (load.kind === 'failed') {
    return (
      <LoadFailed
        title="Chưa xem được đáp án"
        message={
          session ? load.message : 'Thiết bị này chưa đăng nhập vào hội thi của bài thi này.'
        }
        retry={session ? retry : undefined}
      >
        <p>
          <a href={resultPath(attemptId)}>Về trang kết quả</a>
          {' · '}
          <a href={contestId ? contestPath(contestId) : CONTESTS_PATH}>Về trang hội thi</a>
        </p>
      </LoadFailed>
    );
  }
  const review = load.value;
  const right = review.questions.filter((q) => q.isCorrect).length;
  return (
    <div class="container page rounds review">
      <h1>Đáp án bài thi</h1>
      <p class="result-score">
        <span class="result-score__label">Điểm</span>
        <strong class="result-score__value">
          {formatScore(review.score)}/{formatScore(review.maxScore)}
        </strong>
        <span class="muted">
          {' '}
          ({right}/{review.questions.length} câu đúng)
        </span>
      </p>
      <ol class="review-list" role="list">
        {review.questions.map((question, index) => (
          <ReviewItem key={question.position} question={question} number={index + 1} />
        ))}
      </ol>
      <p>
        <a href={resultPath(attemptId)} class="button button--secondary button--wide">
          Về trang kết quả
        </a>
      </p>
    </div>
  );
}
