/**
 * The vocabulary of timed rounds shared by the server, the web client and the tests: statuses,
 * counting and tie-break keys, prediction kinds, prizes, scoring and blueprint shapes. Plain
 * constants and types only, no imports but the question model, so the client compiles it under
 * its stricter settings. The rules themselves live in `src/rounds/domain/`.
 */
import type { Difficulty } from '../question-banks/domain/question';

export const ROUND_STATUSES = [
  'draft',
  'published',
  'open',
  'closed',
  'results_published',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_ACTIONS = ['publish', 'open', 'close', 'publish_results'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: 'Nháp',
  published: 'Đã công bố',
  open: 'Đang mở',
  closed: 'Đã đóng',
  results_published: 'Đã công bố kết quả',
};

export const PREDICTION_KINDS = ['perfect_count', 'perfect_percent'] as const;
export type PredictionKind = (typeof PREDICTION_KINDS)[number];

/** Default wording shown to participants. */
export const PREDICTION_QUESTIONS: Record<PredictionKind, string> = {
  perfect_count: 'Theo bạn, có bao nhiêu người trả lời đúng tất cả các câu hỏi của vòng thi này?',
  perfect_percent:
    'Theo bạn, bao nhiêu phần trăm người dự thi trả lời đúng tất cả các câu hỏi của vòng thi này?',
};

export const TIE_BREAK_KEYS = ['score', 'prediction', 'duration', 'submittedAt'] as const;
export type TieBreakKey = (typeof TIE_BREAK_KEYS)[number];
export const DEFAULT_TIE_BREAK_CHAIN: readonly TieBreakKey[] = TIE_BREAK_KEYS;

export const COUNT_POLICIES = ['best', 'first', 'last'] as const;
export type CountPolicy = (typeof COUNT_POLICIES)[number];

export const PRIZE_TIERS = ['first', 'second', 'third', 'consolation'] as const;
export type PrizeTier = (typeof PRIZE_TIERS)[number];
export type PrizeQuota = Record<PrizeTier, number>;
export const PRIZE_LABELS: Record<PrizeTier, string> = {
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};

export type PointsPolicy =
  { kind: 'equal'; points: number } | { kind: 'by_difficulty'; points: Record<Difficulty, number> };

export interface ScoringPolicy {
  points: PointsPolicy;
  partialCredit: boolean;
}

export const DEFAULT_SCORING: ScoringPolicy = {
  points: { kind: 'equal', points: 1 },
  partialCredit: false,
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  easy: 'Dễ',
  medium: 'Trung bình',
  hard: 'Khó',
};

export interface BlueprintCell {
  topicCode: string;
  /** Absent: any difficulty of the topic. */
  difficulty?: Difficulty;
  count: number;
}

export type Blueprint = readonly BlueprintCell[];

/** Another bank and blueprint for one participant group of a round. */
export interface GroupDraw {
  bankId: string;
  blueprint: Blueprint;
}
