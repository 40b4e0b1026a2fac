/** Timed-round API shapes. Shared by server and client. */
import type { QuestionType } from '../question-banks/domain/question';
import type {
  Blueprint,
  CountPolicy,
  GroupDraw,
  PredictionKind,
  RoundStatus,
  ScoringPolicy,
  TieBreakKey,
} from './round-rules';

export const PARTICIPANT_GROUPS = ['civil_servant', 'citizen'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];
export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
  civil_servant: 'Cán bộ, công chức, viên chức',
  citizen: 'Người dân',
};

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'auto_submitted'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Header carrying the participant's session token. */
export const PARTICIPANT_TOKEN_HEADER = 'x-participant-token';

export interface ContestView {
  id: string;
  name: string;
  description: string;
  requiresCccd: boolean;
  isSample: boolean;
  /** When the participants' personal data was erased; null while it is kept. */
  personalDataPurgedAt: string | null;
  createdAt: string;
}

/** What participants and organizers see of a round (never the bank's content). */
export interface RoundSummary {
  id: string;
  contestId: string;
  name: string;
  status: RoundStatus;
  opensAt: string;
  closesAt: string;
  timeLimitSeconds: number;
  attemptsAllowed: number;
  /** Which attempt counts when several are allowed. */
  countedPolicy: CountPolicy;
  /** Questions in the round's own paper. */
  questionCount: number;
  /**
   * Questions in the paper of each eligible group: a group with a paper of its own (another
   * bank and blueprint) may have another number than `questionCount`.
   */
  questionCounts: Partial<Record<ParticipantGroup, number>>;
  predictionKind: PredictionKind;
  reviewPolicy: ReviewPolicy;
  leaderboardVisibility: LeaderboardVisibility;
  eligibleGroups: ParticipantGroup[];
  resultsPublishedAt: string | null;
}

/** The organizer's full view of a round. */
export interface RoundView extends RoundSummary {
  /** Per participant group: another bank and blueprint; a group left out uses the round's. */
  groupDraws: Partial<Record<ParticipantGroup, GroupDraw>>;
  bankId: string;
  blueprint: Blueprint;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scoring: ScoringPolicy;
  graceMs: number;
  trueValue: number | null;
  tieBreakChain: TieBreakKey[];
  prizeQuotas: PrizeQuotas;
  closedAt: string | null;
  createdAt: string;
}

export interface ParticipantSignedIn {
  token: string;
  participant: {
    id: string;
    contestId: string;
    fullName: string;
    /** Masked, e.g. "09xx xxx 678". */
    phone: string;
    participantGroup: ParticipantGroup;
  };
}

/** A question as a participant sees it during an attempt: options in display order, no key. */
export interface AttemptQuestion {
  position: number;
  topic: string;
  type: QuestionType;
  text: string;
  options: string[];
  image: string | null;
}

export interface AttemptView {
  id: string;
  roundId: string;
  number: number;
  status: AttemptStatus;
  startedAt: string;
  /** The server's deadline; the countdown is `deadline − serverNow`, not the phone's clock. */
  deadline: string;
  serverNow: string;
  remainingMs: number;
  questions: AttemptQuestion[];
  /** Saved answers in display indexes. */
  answers: { position: number; chosen: number[] }[];
  prediction: { kind: PredictionKind; question: string; value: number | null };
}

export interface AnswerSaved {
  position: number;
  chosen: number[];
  savedAt: string;
  serverNow: string;
  remainingMs: number;
}

export interface AttemptResult {
  id: string;
  roundId: string;
  status: Exclude<AttemptStatus, 'in_progress'>;
  score: number;
  maxScore: number;
  correctCount: number;
  questionCount: number;
  perfect: boolean;
  durationMs: number;
  startedAt: string;
  submittedAt: string;
  prediction: number | null;
  /** The participant's rank by their counted attempt; provisional until the round closes. */
  rank: number | null;
  rankedParticipants: number;
  provisional: boolean;
  /** Whether this attempt is the one that counts for the participant under the round's policy. */
  counted: boolean;
}

// ---- Results, leaderboards, review ---------------------------------------------------------

export const REVIEW_POLICIES = ['never', 'after_submit', 'after_close'] as const;
/** When a participant may see the correct answers of their attempt. */
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const REVIEW_POLICY_LABELS: Record<ReviewPolicy, string> = {
  never: 'Không cho xem đáp án',
  after_submit: 'Xem đáp án ngay sau khi nộp bài',
  after_close: 'Xem đáp án sau khi vòng thi kết thúc',
};

export const LEADERBOARD_VISIBILITIES = ['public', 'participants', 'hidden'] as const;
/** Who may see the live leaderboard of a round. */
export type LeaderboardVisibility = (typeof LEADERBOARD_VISIBILITIES)[number];
export const LEADERBOARD_VISIBILITY_LABELS: Record<LeaderboardVisibility, string> = {
  public: 'Công khai',
  participants: 'Chỉ người dự thi',
  hidden: 'Ẩn (chỉ ban tổ chức)',
};

/** Public contests and their non-draft rounds: `GET /api/public/contests`. */
export interface PublicContest extends ContestView {
  rounds: RoundSummary[];
}

/**
 * One row of a public leaderboard: name, unit and a masked phone only (personal data law);
 * never the CCCD, never the full phone.
 */
export interface LeaderboardRow {
  rank: number;
  fullName: string;
  unit: string | null;
  /** Masked, e.g. "09xx xxx 678". */
  phone: string;
  participantGroup: ParticipantGroup;
  score: number;
  maxScore: number;
  durationMs: number;
  submittedAt: string;
  /** |prediction − true value| once the round is closed; null before or without a prediction. */
  predictionError: number | null;
}

/**
 * `GET /api/rounds/:id/leaderboard?group=&limit=` (participant token optional: adds `me`) and
 * the socket event `leaderboard:update`. Provisional while the round is open: the prediction's
 * true value is not known yet, so it breaks no ties.
 */
export interface LeaderboardView {
  roundId: string;
  group: ParticipantGroup | null;
  provisional: boolean;
  /** How many participants are ranked (one counted attempt each). */
  total: number;
  generatedAt: string;
  rows: LeaderboardRow[];
  /** The signed-in participant's own row; null when not ranked or not signed in. */
  me: LeaderboardRow | null;
}

/** One question of a reviewed attempt: what was chosen, what was right and why. */
export interface ReviewedQuestion extends AttemptQuestion {
  chosen: number[];
  correct: number[];
  isCorrect: boolean;
  points: number;
  maxPoints: number;
  explanation: string | null;
  legalSource: string | null;
}

/** `GET /api/attempts/:id/review`, allowed by the round's review policy. */
export interface AttemptReview {
  attemptId: string;
  roundId: string;
  score: number;
  maxScore: number;
  questions: ReviewedQuestion[];
}

/** One row of the organizer's ranking: everything, including personal data. */
export interface RankingRow {
  rank: number;
  participantId: string;
  attemptId: string;
  fullName: string;
  phone: string;
  cccd: string | null;
  unit: string | null;
  participantGroup: ParticipantGroup;
  birthYear: number;
  score: number;
  maxScore: number;
  perfect: boolean;
  prediction: number | null;
  predictionError: number | null;
  durationMs: number;
  startedAt: string;
  submittedAt: string;
  /** Prize tier once the round is closed and quotas are set. */
  prize: PrizeTierName | null;
}

export type PrizeTierName = 'first' | 'second' | 'third' | 'consolation';
export const PRIZE_TIER_LABELS: Record<PrizeTierName, string> = {
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};
export type PrizeQuotaView = Record<PrizeTierName, number>;
/** Prize quotas per participant group (a group without a quota gets no prizes). */
export type PrizeQuotas = Partial<Record<ParticipantGroup, PrizeQuotaView>>;

/** `GET /api/rounds/:id/ranking?group=&limit=&offset=` (organizers). */
export interface RankingView {
  roundId: string;
  status: RoundStatus;
  group: ParticipantGroup | null;
  provisional: boolean;
  trueValue: number | null;
  total: number;
  rows: RankingRow[];
}

/** Public results once published: `GET /api/rounds/:id/results`. */
export interface PublicResults {
  round: RoundSummary;
  contestName: string;
  trueValue: number | null;
  participants: number;
  perfectCount: number;
  prizes: { group: ParticipantGroup; prize: PrizeTierName; rows: LeaderboardRow[] }[];
}

/** A registered participant as organizers see them: `GET /api/contests/:id/participants`. */
export interface ParticipantAdminView {
  id: string;
  fullName: string;
  birthYear: number;
  gender: Gender;
  /** Null once the contest's personal data has been erased. */
  phone: string | null;
  cccd: string | null;
  unit: string | null;
  participantGroup: ParticipantGroup;
  createdAt: string;
}
