import type { PublicContest, RoundSummary } from './contract';
import { Loading } from '../../components/Lazy';
import { serverNow } from '../../lib/clock';
import { usePageTitle } from '../../lib/router';
import { roundPhase } from './labels';
import { contestPath, roundPath } from './paths';
import { fetchPublicContests } from './roundsApi';
import { PhaseTag, RoundFacts } from './RoundFacts';
import { useLoad } from './shared';

export function RoundItem({ contestId, round }: { contestId: string; round: RoundSummary }) {
  const open = roundPhase(round, serverNow()) === 'open';
  const headingId = `vong-${round.id}`;
  return (
    <li class="round-item">
      <h3 id={headingId} class="round-item__title">
        <a href={roundPath(contestId, round.id)}>{round.name}</a> <PhaseTag round={round} />
      </h3>
      <RoundFacts round={round} />
      {open && (
        <a
          href={roundPath(contestId, round.id)}
          class="button button--wide round-item__action"
          aria-describedby={headingId}
        >
          Vào thi
        </a>
      )}
    </li>
  );
}

function ContestCard({ contest }: { contest: PublicContest }) {
  const headingId = `hoi-thi-${contest.id}`;
  return (
    <li class="card contest-card">
      <h2 id={headingId} class="contest-card__title">
        <a href={contestPath(contest.id)}>{contest.name}</a>
      </h2>
      {contest.description && <p class="contest-card__description">{contest.description}</p>}
      <p>
        <a href={contestPath(contest.id)} aria-describedby={headingId}>
          Đăng ký hoặc đăng nhập để dự thi
        </a>
      </p>
      <ul class="round-list" role="list" aria-label={`Các vòng thi của ${contest.name}`}>
        {contest.rounds.map((round) => (
          <RoundItem key={round.id} contestId={contest.id} round={round} />
        ))}
      </ul>
    </li>
  );
}

/** /hoi-thi: every public contest and its rounds. */
export function ContestList() {
  usePageTitle('Vòng thi trực tuyến');
  const [load, retry] = useLoad(fetchPublicContests, []);
  return (
    <div class="container page rounds">
      <h1>Vòng thi trực tuyến</h1>
      <p class="lead">
        Mỗi vòng thi có giờ mở và giờ đóng (giờ Việt Nam). Bạn đăng ký một lần cho cả hội thi, rồi
        làm bài trắc nghiệm có giới hạn thời gian trên điện thoại hoặc máy tính.
      </p>
      {load.kind === 'loading' && <Loading text="Đang tải danh sách hội thi…" />}
      {load.kind === 'failed' && (
        <div class="status status--error" role="alert">
          <p class="rounds-alert__text">Không tải được danh sách hội thi. {load.message}</p>
          <button type="button" class="button" onClick={retry}>
            Thử lại
          </button>
        </div>
      )}
      {load.kind === 'ready' &&
        (load.value.length === 0 ? (
          <p class="notice">Hiện chưa có vòng thi nào được công bố. Vui lòng quay lại sau.</p>
        ) : (
          <ul class="contest-list" role="list">
            {load.value.map((contest) => (
              <ContestCard key={contest.id} contest={contest} />
            ))}
          </ul>
        ))}
    </div>
  );
}
