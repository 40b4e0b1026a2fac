// Words and numbers shown to participants about rounds and attempts.
import {
  PARTICIPANT_GROUP_LABELS,
  type Gender,
  type ParticipantGroup,
  type RoundSummary,
} from './contract';
import { formatNumber } from '../../lib/format';

export const GENDER_LABELS: Record<Gender, string> = {
  male: 'Nam',
  female: 'Nữ',
  other: 'Khác',
};

export type RoundPhase = 'upcoming' | 'open' | 'ended' | 'results';

/** Where a round stands for a participant, by its status and the server's clock. */
export function roundPhase(round: RoundSummary, now: number): RoundPhase {
  switch (round.status) {
    case 'results_published':
      return 'results';
    case 'closed':
      return 'ended';
    case 'draft':
    case 'published':
    case 'open':
      if (now >= Date.parse(round.closesAt)) return 'ended';
      if (now < Date.parse(round.opensAt)) return 'upcoming';
      return round.status === 'draft' ? 'upcoming' : 'open';
  }
}

export const PHASE_LABELS: Record<RoundPhase, string> = {
  upcoming: 'Sắp mở',
  open: 'Đang mở',
  ended: 'Đã kết thúc',
  results: 'Đã công bố kết quả',
};

export const PHASE_TAGS: Record<RoundPhase, string> = {
  upcoming: 'tag tag--info',
  open: 'tag tag--ok',
  ended: 'tag tag--muted',
  results: 'tag tag--warning',
};

/** "20 phút", "1 giờ 30 phút", "45 giây". */
export function formatTimeLimit(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [
    hours > 0 ? `${hours} giờ` : '',
    minutes > 0 ? `${minutes} phút` : '',
    rest > 0 ? `${rest} giây` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 giây';
}

/** "07:05" (mm:ss) for a duration in ms; hours are folded into minutes ("75:00"). */
export function formatDuration(ms: number): string {
  const total = Math.round(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  return `${String(minutes).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "8,5" — scores may have a decimal with partial credit. */
export function formatScore(value: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value);
}

export { formatNumber };

/** Which attempt counts when several are allowed. */
export function countedRule(round: RoundSummary): string {
  if (round.attemptsAllowed <= 1) return 'Mỗi người được thi 1 lượt.';
  const base = `Mỗi người được thi tối đa ${round.attemptsAllowed} lượt`;
  switch (round.countedPolicy) {
    case 'best':
      return `${base}; lượt có kết quả tốt nhất được tính.`;
    case 'first':
      return `${base}; chỉ lượt thi đầu tiên được tính.`;
    case 'last':
      return `${base}; lượt thi cuối cùng được tính.`;
  }
}

/**
 * "20 câu", or the participant's own paper when their group has one; without a group, each
 * group's number when the papers differ ("20 câu (Người dân), 30 câu (Cán bộ, …)").
 */
export function questionCountText(round: RoundSummary, group?: ParticipantGroup): string {
  if (group) return `${formatNumber(round.questionCounts[group] ?? round.questionCount)} câu`;
  const counts = Object.entries(round.questionCounts) as [ParticipantGroup, number][];
  if (counts.every(([, n]) => n === round.questionCount))
    return `${formatNumber(round.questionCount)} câu`;
  return counts
    .map(([g, n]) => `${formatNumber(n)} câu (${PARTICIPANT_GROUP_LABELS[g]})`)
    .join(', ');
}
