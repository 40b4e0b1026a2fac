import { useEffect, useState } from 'preact/hooks';
import type { ParticipantGroup, ReviewPolicy, RoundSummary } from './contract';
import { Loading } from '../../components/Lazy';
import { Status, type StatusMessage } from '../../components/Status';
import { errorMessage } from '../../lib/api';
import { serverNow } from '../../lib/clock';
import { formatDateTime } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import { handOffAttempt } from './handoff';
import { countedRule, formatScore, formatTimeLimit, questionCountText, roundPhase } from './labels';
import { attemptPath, CONTESTS_PATH, contestPath, leaderboardPath, resultPath } from './paths';
import { PhaseTag, RoundFacts } from './RoundFacts';
import {
  type ContestDetail,
  fetchContest,
  fetchMyAttempts,
  isSignedOut,
  type MyAttempts,
  startAttempt,
} from './roundsApi';
import { Breadcrumbs, LoadFailed, useLoad } from './shared';
import { forgetSession, loadSession, rememberAttempt, rememberRound } from './storage';

const REVIEW_RULES: Record<ReviewPolicy, string> = {
  never: 'Vòng thi này không công bố đáp án.',
  after_submit: 'Bạn xem được đáp án và lời giải thích ngay sau khi nộp bài.',
  after_close: 'Bạn xem được đáp án và lời giải thích sau khi vòng thi kết thúc.',
};

function Rules({ round, group }: { round: RoundSummary; group?: ParticipantGroup }) {
  return (
    <section aria-labelledby="the-le">
      <h2 id="the-le">Thể lệ vòng thi</h2>
      <ul class="rules">
        <li>
          Bài thi gồm <strong>{questionCountText(round, group)}</strong> trắc nghiệm, chọn ngẫu
          nhiên theo chủ đề; thứ tự các phương án được xáo trộn.
        </li>
        <li>
          Thời gian làm bài: <strong>{formatTimeLimit(round.timeLimitSeconds)}</strong>, tính từ lúc
          bắt đầu. Đồng hồ theo giờ máy chủ; hết giờ, bài được tự động nộp. Vòng thi đóng lúc{' '}
          {formatDateTime(round.closesAt)}: bài đang làm cũng kết thúc lúc đó.
        </li>
        <li>{countedRule(round)}</li>
        <li>
          Mỗi lựa chọn được lưu ngay lên máy chủ. Nếu mất mạng hoặc tải lại trang, bạn làm tiếp được
          (kể cả trên thiết bị khác) với đúng câu hỏi, câu trả lời đã lưu và thời gian còn lại.
        </li>
        <li>
          Cuối bài có một <strong>câu hỏi dự đoán</strong>{' '}
          {round.predictionKind === 'perfect_count'
            ? '(số người trả lời đúng tất cả các câu)'
            : '(tỉ lệ phần trăm người trả lời đúng tất cả các câu)'}
          , dùng để phân định thứ hạng khi bằng điểm.
        </li>
        <li>
          Xếp hạng: điểm cao hơn xếp trên; bằng điểm thì dự đoán gần đúng hơn, rồi thời gian làm bài
          ngắn hơn, rồi nộp bài sớm hơn.
        </li>
        <li>{REVIEW_RULES[round.reviewPolicy]}</li>
      </ul>
    </section>
  );
}

function PastAttempts({ mine }: { mine: MyAttempts }) {
  const done = mine.items.filter((a) => a.status !== 'in_progress');
  if (done.length === 0) return null;
  return (
    <section aria-labelledby="bai-da-thi">
      <h2 id="bai-da-thi">Bài bạn đã thi</h2>
      <ul class="past-attempts" role="list">
        {done.map((attempt) => (
          <li key={attempt.id}>
            <a href={resultPath(attempt.id)} class="past-attempts__link">
              <span>Lượt {attempt.number}</span>
              <span>
                {attempt.score !== null && attempt.maxScore !== null
                  ? `${formatScore(attempt.score)}/${formatScore(attempt.maxScore)} điểm`
                  : 'Đang chấm'}
              </span>
              <span class="muted small">{formatDateTime(attempt.submittedAt)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Mine = { kind: 'none' } | { kind: 'unknown' } | { kind: 'ready'; value: MyAttempts };

/** /hoi-thi/:contestId/vong/:roundId — rules, start or resume, results, leaderboard. */
export function RoundPage({ contestId, roundId }: { contestId: string; roundId: string }) {
  const [load, retry] = useLoad<ContestDetail>(() => fetchContest(contestId), [contestId]);
  const [session, setSession] = useState(() => loadSession(contestId));
  const [mine, setMine] = useState<Mine>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const round = load.kind === 'ready' ? load.value.rounds.find((r) => r.id === roundId) : undefined;
  usePageTitle(round ? round.name : 'Vòng thi');

  useEffect(() => {
    rememberRound(roundId, contestId);
  }, [roundId, contestId]);

  useEffect(() => {
    if (!session) {
      setMine({ kind: 'none' });
      return;
    }
    let live = true;
    fetchMyAttempts(roundId, session.token).then(
      (value) => {
        if (live) setMine(value ? { kind: 'ready', value } : { kind: 'unknown' });
      },
      (error: unknown) => {
        if (!live) return;
        if (isSignedOut(error)) {
          forgetSession(contestId);
          setSession(null);
          setMessage({ kind: 'info', text: errorMessage(error) });
        }
        setMine({ kind: 'unknown' });
      },
    );
    return () => {
      live = false;
    };
  }, [roundId, session]);

  if (load.kind === 'loading') return <Loading text="Đang tải vòng thi…" />;
  if (load.kind === 'failed') {
    return (
      <LoadFailed title="Không tải được vòng thi" message={load.message} retry={retry}>
        <p>
          <a href={CONTESTS_PATH}>Về danh sách hội thi</a>
        </p>
      </LoadFailed>
    );
  }
  const contest = load.value;
  if (!round) {
    return (
      <LoadFailed
        title="Không tìm thấy vòng thi"
        message="Vòng thi này không có hoặc chưa được công bố."
      >
        <p>
          <a href={contestPath(contestId)}>Về trang hội thi</a>
        </p>
      </LoadFailed>
    );
  }

  const phase = roundPhase(round, serverNow());
  const inProgress =
    mine.kind === 'ready' ? mine.value.items.find((a) => a.status === 'in_progress') : undefined;
  const used = mine.kind === 'ready' ? mine.value.items.length : 0;
  const allowed = mine.kind === 'ready' ? mine.value.attemptsAllowed : round.attemptsAllowed;
  const noneLeft = mine.kind === 'ready' && !inProgress && used >= allowed;

  async function start() {
    if (busy || !session) return;
    setBusy(true);
    setMessage({ kind: 'info', text: 'Đang chuẩn bị bài thi…' });
    try {
      const view = await startAttempt(roundId, session.token);
      rememberAttempt(view.id, contestId);
      handOffAttempt(view);
      navigate(attemptPath(view.id));
    } catch (error) {
      setBusy(false);
      if (isSignedOut(error)) {
        forgetSession(contestId);
        setSession(null);
      }
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <div class="container page rounds">
      <Breadcrumbs
        items={[
          { href: CONTESTS_PATH, label: 'Hội thi' },
          { href: contestPath(contestId), label: contest.name },
          { label: round.name },
        ]}
      />
      <h1>
        {round.name} <PhaseTag round={round} />
      </h1>
      <RoundFacts round={round} group={session?.participant.participantGroup} />
      <Status message={message} />

      <div class="round-action card">
        {phase === 'upcoming' && (
          <p class="round-action__text">
            Vòng thi mở lúc <strong>{formatDateTime(round.opensAt)}</strong>. Vui lòng quay lại khi
            đến giờ.
          </p>
        )}
        {(phase === 'ended' || phase === 'results') && (
          <p class="round-action__text">Vòng thi đã kết thúc.</p>
        )}
        {phase === 'open' && !session && (
          <>
            <p class="round-action__text">Bạn cần đăng ký hoặc đăng nhập để vào thi.</p>
            <a
              href={`${contestPath(contestId)}?vong=${encodeURIComponent(roundId)}`}
              class="button button--wide"
            >
              Đăng ký hoặc đăng nhập
            </a>
          </>
        )}
        {phase === 'open' && session && (
          <>
            <p class="round-action__text">
              Thí sinh: <strong>{session.participant.fullName}</strong> ({session.participant.phone}
              )
              {mine.kind === 'ready' && (
                <>
                  <br />
                  Đã dùng {used}/{allowed} lượt thi.
                </>
              )}
            </p>
            {noneLeft ? (
              <p class="notice">Bạn đã dùng hết lượt thi của vòng này.</p>
            ) : (
              <button
                type="button"
                class="button button--wide round-action__start"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  void start();
                }}
              >
                {busy
                  ? 'Đang chuẩn bị bài thi…'
                  : inProgress
                    ? 'Làm tiếp bài đang làm'
                    : 'Bắt đầu làm bài'}
              </button>
            )}
            <p class="muted small">
              Nếu bạn đang làm dở bài thi (trên thiết bị này hoặc thiết bị khác), nút này mở lại
              đúng bài đó.
            </p>
          </>
        )}
      </div>

      {mine.kind === 'ready' && <PastAttempts mine={mine.value} />}

      <Rules round={round} group={session?.participant.participantGroup} />

      {round.leaderboardVisibility !== 'hidden' && (
        <p>
          <a href={leaderboardPath(roundId)} class="button button--secondary button--wide">
            Xem bảng xếp hạng
          </a>
        </p>
      )}
      <p>
        <a href={contestPath(contestId)}>Về trang hội thi</a>
      </p>
    </div>
  );
}
