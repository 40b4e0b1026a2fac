/** Timed-round API shapes. Shared by server and client. */
import type { QuestionType } from '../question-banks/domain/question';
import type { Blueprint } from '../rounds/domain/blueprint';
import type { RoundStatus } from '../rounds/domain/deadline';
import type { PredictionKind } from '../rounds/domain/prediction';
import type { CountPolicy } from '../rounds/domain/ranking';
import type { ScoringPolicy } from '../rounds/domain/scoring';

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
  questionCount: number;
  predictionKind: PredictionKind;
}

/** The organizer's full view of a round. */
export interface RoundView extends RoundSummary {
  countedPolicy: CountPolicy;
  bankId: string;
  blueprint: Blueprint;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scoring: ScoringPolicy;
  graceMs: number;
  trueValue: number | null;
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
