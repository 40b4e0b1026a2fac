import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttemptResult } from './contract';
import { Loading } from '../../components/Lazy';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/router';
import { formatDuration, formatNumber, formatScore } from './labels';
import { CONTESTS_PATH, contestPath, leaderboardPath, reviewPath, roundPath } from './paths';
import { fetchResult, fetchReview, isMissingEndpoint, isTransient } from './roundsApi';
import { LoadFailed } from './shared';
import { contestOf, rememberRound, sessionFor } from './storage';

/** The server grades at its deadline sweep: a result may need a few seconds after time is up. */
const GRADING_RETRY_MS = 2000;
const GRADING_TRIES = 20;

type State =
  | { kind: 'loading'; grading: boolean }
  | { kind: 'no-session' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; result: AttemptResult };

type Review =
  | { kind: 'checking' }
  | { kind: 'none' }
  | { kind: 'available' }
  | { kind: 'refused'; message: string };

function RankLine({ result }: { result: AttemptResult }) {
  if (result.rank === null) return <>Chưa xếp hạng</>;
  return (
    <>
      {result.provisional ? 'Hạng tạm thời' : 'Hạng'}{' '}
      <strong>
        {formatNumber(result.rank)} / {formatNumber(result.rankedParticipants)}
      </strong>
    </>
  );
}

/** /bai-thi/:attemptId/ket-qua — score, time, rank, and the way to the answers. */
export function ResultPage({ attemptId }: { attemptId: string }) {
  usePageTitle('Kết quả bài thi');
  const [state, setState] = useState<State>({ kind: 'loading', grading: false });
  const [review, setReview] = useState<Review>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contestId = contestOf('attempt', attemptId);

  useEffect(() => {
    const session = sessionFor('attempt', attemptId);
    if (!session) {
      setState({ kind: 'no-session' });
      return;
    }
    let live = true;
    let timer: number | undefined;
    let tries = 0;
    const load = () => {
      fetchResult(attemptId, session.token).then(
        (result) => {
          if (!live) return;
          setState({ kind: 'ready', result });
          rememberRound(result.roundId, session.contestId);
          fetchReview(attemptId, session.token).then(
            () => {
              if (live) setReview({ kind: 'available' });
            },
            (error: unknown) => {
              if (!live) return;
              if (isMissingEndpoint(error) || isTransient(error)) setReview({ kind: 'none' });
              else setReview({ kind: 'refused', message: errorMessage(error) });
            },
          );
        },
        (error: unknown) => {
          if (!live) return;
          const waiting =
            (error instanceof ApiError && error.code === 'ATTEMPT_NOT_SUBMITTED') ||
            isTransient(error);
          tries += 1;
          if (waiting && tries < GRADING_TRIES) {
            setState({ kind: 'loading', grading: true });
            timer = window.setTimeout(load, GRADING_RETRY_MS);
          } else {
            setState({ kind: 'failed', message: errorMessage(error) });
          }
        },
      );
    };
    load();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [attemptId, attempt]);

  if (state.kind === 'loading') {
    return (
      <div class="container page rounds">
        <h1 ref={headingRef}>Kết quả bài thi</h1>
        <Loading
          text={state.grading ? 'Đang chấm bài, vui lòng đợi trong giây lát…' : 'Đang tải kết quả…'}
        />
      </div>
    );
  }
  const back = contestId ? contestPath(contestId) : CONTESTS_PATH;
  if (state.kind === 'no-session') {
    return (
      <LoadFailed
        title="Cần đăng nhập để xem kết quả"
        message="Thiết bị này chưa đăng nhập vào hội thi của bài thi này."
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
  if (state.kind === 'failed') {
    return (
      <LoadFailed
        title="Không tải được kết quả"
        message={state.message}
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
  const { result } = state;
  return (
    <div class="container page rounds result">
      <h1>Kết quả bài thi</h1>
      <p class="result-score">
        <span class="result-score__label">Điểm của bạn</span>
        <strong class="result-score__value">
          {formatScore(result.score)}/{formatScore(result.maxScore)}
        </strong>
      </p>
      {result.perfect && (
        <p class="status status--success">Xuất sắc! Bạn trả lời đúng tất cả các câu.</p>
      )}
      {result.status === 'auto_submitted' && (
        <p class="notice">
          Bài thi được hệ thống tự động nộp khi hết giờ, với các câu trả lời đã lưu.
        </p>
      )}
      <dl class="round-facts result-facts">
        <div>
          <dt>Số câu đúng</dt>
          <dd>
            {result.correctCount}/{result.questionCount} câu
          </dd>
        </div>
        <div>
          <dt>Thời gian làm bài</dt>
          <dd>{formatDuration(result.durationMs)}</dd>
        </div>
        <div>
          <dt>Xếp hạng</dt>
          <dd>
            <RankLine result={result} />
          </dd>
        </div>
        <div>
          <dt>Dự đoán của bạn</dt>
          <dd>{result.prediction === null ? 'Không trả lời' : formatScore(result.prediction)}</dd>
        </div>
        <div>
          <dt>Nộp lúc</dt>
          <dd>{formatDateTime(result.submittedAt)}</dd>
        </div>
      </dl>
      <p>
        {result.counted
          ? 'Đây là lượt thi được tính để xếp hạng.'
          : 'Lượt thi này không phải lượt được tính để xếp hạng.'}
        {result.provisional &&
          ' Thứ hạng là tạm thời: thứ hạng chính thức có sau khi vòng thi kết thúc và có kết quả câu hỏi dự đoán.'}
      </p>
      <div class="result-actions">
        {review.kind === 'available' && (
          <a href={reviewPath(attemptId)} class="button button--wide">
            Xem đáp án
          </a>
        )}
        {review.kind === 'refused' && <p class="notice">{review.message}</p>}
        <a href={leaderboardPath(result.roundId)} class="button button--secondary button--wide">
          Xem bảng xếp hạng
        </a>
        {contestId && (
          <a
            href={roundPath(contestId, result.roundId)}
            class="button button--secondary button--wide"
          >
            Về trang vòng thi
          </a>
        )}
      </div>
    </div>
  );
}
