import type { ParticipantGroup, RoundSummary } from './contract';
import { serverNow } from '../../lib/clock';
import { formatDateTime } from '../../lib/format';
import { formatTimeLimit, PHASE_LABELS, PHASE_TAGS, questionCountText, roundPhase } from './labels';

/** The status tag of a round ("Đang mở"), by the server's clock. */
export function PhaseTag({ round }: { round: RoundSummary }) {
  const phase = roundPhase(round, serverNow());
  return <span class={PHASE_TAGS[phase]}>{PHASE_LABELS[phase]}</span>;
}

/**
 * Opening and closing times (Vietnam time), time limit and number of questions (of the
 * participant's own paper when their group is known).
 */
export function RoundFacts({ round, group }: { round: RoundSummary; group?: ParticipantGroup }) {
  return (
    <dl class="round-facts">
      <div>
        <dt>Mở lúc</dt>
        <dd>{formatDateTime(round.opensAt)}</dd>
      </div>
      <div>
        <dt>Đóng lúc</dt>
        <dd>{formatDateTime(round.closesAt)}</dd>
      </div>
      <div>
        <dt>Thời gian làm bài</dt>
        <dd>{formatTimeLimit(round.timeLimitSeconds)}</dd>
      </div>
      <div>
        <dt>Số câu hỏi</dt>
        <dd>{questionCountText(round, group)}</dd>
      </div>
    </dl>
  );
}
