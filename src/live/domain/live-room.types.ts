/**
 * Types of the live final (chung kết trực tiếp): questions, settings, the serializable room
 * state, the commands the reducer accepts and the effects it asks the outside to perform.
 * Pure types and constants: no Nest, no TypeORM, no sockets, no clock.
 *
 * Everything in `LiveState` is plain JSON (no Date, no Map, no undefined): the state is stored
 * in PostgreSQL as jsonb and a reloaded copy must continue exactly like the original.
 * See live-room.machine.ts for the phases and the transitions.
 */

export const LIVE_FORMATS = ['classic', 'golden_bell', 'buzzer'] as const;
/** classic: speed quiz (Kahoot); golden_bell: Rung chuông vàng; buzzer: giành quyền trả lời. */
export type LiveFormat = (typeof LIVE_FORMATS)[number];

export const LIVE_QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export type LiveQuestionType = (typeof LIVE_QUESTION_TYPES)[number];

export const LIVE_QUESTION_KINDS = ['normal', 'rescue', 'audience'] as const;
/**
 * normal: part of the main sequence, scored (and eliminating in golden bell);
 * rescue (câu cứu trợ): kept in reserve, run by the host with `startRescue`, answered only by
 * eliminated golden-bell players, a correct answer brings the player back, no points;
 * audience (câu hỏi dành cho khán giả): in the main sequence, everyone may answer, nothing is
 * scored and nobody is eliminated.
 */
export type LiveQuestionKind = (typeof LIVE_QUESTION_KINDS)[number];

/** A question as the organizer hands it to the room. */
export interface LiveQuestionInput {
  id: string;
  text: string;
  options: string[];
  /** Zero-based indexes of the correct options. */
  correct: number[];
  type: LiveQuestionType;
  points: number;
  timeLimitMs: number;
  explanation?: string;
  kind?: LiveQuestionKind;
}

/** A question as stored in the state: normalized, JSON-safe (no optional fields). */
export interface LiveQuestion {
  id: string;
  text: string;
  options: string[];
  correct: number[];
  type: LiveQuestionType;
  points: number;
  timeLimitMs: number;
  explanation: string | null;
  kind: LiveQuestionKind;
}

export const ANSWER_POLICIES = ['first_final', 'change_until_lock'] as const;
/** first_final: the first answer counts (Kahoot); change_until_lock: the last one before lock. */
export type AnswerPolicy = (typeof ANSWER_POLICIES)[number];

export const TEAM_SCORING_MODES = ['sum', 'average'] as const;
export type TeamScoringMode = (typeof TEAM_SCORING_MODES)[number];

export interface LiveSettings {
  format: LiveFormat;
  /** Correct answers score round(P × (1 − (t/T)/2)) when true, P when false. */
  speedBonus: boolean;
  /** Extra points for the n-th correct answer in a row: min(streakBonus × (n − 1), cap). 0: off. */
  streakBonus: number;
  streakBonusCap: number;
  /**
   * How long the question is shown before answering (or the buzzer) opens by itself.
   * 0: the host opens it with `next` (or `openBuzzer`).
   */
  readTimeMs: number;
  /** Answers that arrive up to this long after the deadline still count (network latency). */
  graceMs: number;
  answerPolicy: AnswerPolicy;
  /** Lock as soon as every eligible player has answered (only with `first_final`). */
  lockWhenAllAnswered: boolean;
  maxPlayers: number;
  /** Players may join after the start (never in golden bell). */
  allowLateJoin: boolean;
  /** Golden bell: a question that would eliminate every player still alive eliminates nobody. */
  allEliminatedRevert: boolean;
  /** Buzzer: points taken from a player whose answer the host judges wrong. */
  buzzerPenalty: number;
  teamScoring: TeamScoringMode;
  /** How many rows the leaderboard shows. */
  leaderboardSize: number;
}

export const LIVE_PHASES = [
  'lobby',
  'question_intro',
  'answering',
  'locked',
  'revealed',
  'leaderboard',
  'buzzer_armed',
  'buzzer_open',
  'buzzer_won',
  'paused',
  'finished',
] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];

/** The phases `pause` may leave, i.e. every phase but lobby, paused and finished. */
export type PausablePhase = Exclude<LivePhase, 'lobby' | 'paused' | 'finished'>;

export interface LivePlayer {
  id: string;
  /** Trimmed, NFC, 1..40 characters. */
  name: string;
  /** Contestant number (số báo danh), unique in the room; null when not given. */
  number: string | null;
  team: string | null;
  /** 1-based order of joining: the last tie-break of the ranking. */
  joinOrder: number;
  joinedAt: number;
  kicked: boolean;
  score: number;
  correctCount: number;
  /** Sum of the response times of the correct scored answers (tie-break, smaller is better). */
  correctTimeMs: number;
  /** Consecutive correct answers to normal questions. */
  streak: number;
  /** Golden bell. */
  eliminated: boolean;
  /** The `seq` of the question that eliminated the player; null while alive. */
  eliminatedAtSeq: number | null;
}

export interface LiveAnswer {
  playerId: string;
  choices: number[];
  /** Server arrival time. */
  at: number;
  /** Time from the opening of answering to arrival, paused time excluded, capped at allowedMs. */
  responseMs: number;
}

export interface BuzzerPress {
  playerId: string;
  at: number;
  /** Time from the (re)opening of the buzzer to the press, paused time excluded. */
  responseMs: number;
}

export interface BuzzerAttempt {
  playerId: string;
  verdict: 'right' | 'wrong';
  responseMs: number;
}

export interface BuzzerState {
  /** Arrival time of the current opening of the buzzer; null while closed. */
  openedAt: number | null;
  winner: BuzzerPress | null;
  /** Players who answered this question wrong: they may not press again. */
  lockedOut: string[];
  attempts: BuzzerAttempt[];
}

/** What reveal computed for one player, the basis of the per-player result. */
export interface ScoredAnswer {
  playerId: string;
  answered: boolean;
  choices: number[] | null;
  isCorrect: boolean;
  responseMs: number | null;
  /** Points gained (negative for a buzzer penalty), streak bonus included. */
  points: number;
  streakBonus: number;
}

export interface QuestionOutcome {
  scored: ScoredAnswer[];
  /** How many answers chose each option. */
  distribution: number[];
  /** Golden bell: eliminated by this question. */
  eliminated: string[];
  /** Golden bell: brought back by this (rescue) question. */
  revived: string[];
  /** Golden bell: everyone alive failed and the question eliminated nobody. */
  reverted: boolean;
}

export type QuestionRunStatus = 'running' | 'revealed' | 'skipped';

/** One question being (or having been) played. */
export interface QuestionRun {
  /** Index in `questions`. */
  index: number;
  /** 1-based order in which the questions were played (rescue questions included). */
  seq: number;
  status: QuestionRunStatus;
  /** When question_intro opens answering (or arms the buzzer) by itself; null: host does it. */
  introEndsAt: number | null;
  /** When answering opened; null before. */
  openedAt: number | null;
  /** Answering deadline shown to everyone (or end of the buzzer window); null when no timer. */
  deadlineAt: number | null;
  /** The answering window: time limit plus extensions (T of the speed formula). */
  allowedMs: number;
  answers: LiveAnswer[];
  buzzer: BuzzerState | null;
  outcome: QuestionOutcome | null;
}

export interface PausedState {
  /** The phase to return to. */
  from: PausablePhase;
  /** Time left on the phase's timer at pause; null when the phase had no timer. */
  remainingMs: number | null;
  at: number;
}

/**
 * One contestant of the list (danh sách thí sinh) the organizer imported: when a room has one,
 * only these people may join, by their number, under this name and team (đơn vị).
 */
export interface LiveRosterEntry {
  /** Contestant number (số báo danh): normalized text, unique in the roster (case-insensitive). */
  number: string;
  /** Normalized like a typed name: 1..40 characters. */
  name: string;
  /** The unit (đơn vị) or team; null when not given. */
  team: string | null;
}

export interface LiveState {
  schema: 1;
  roomId: string;
  settings: LiveSettings;
  questions: LiveQuestion[];
  /**
   * The contestant list; null: anyone with the room code may join under any name. Set at
   * creation, never changed (states stored before rosters existed are read with null).
   */
  roster: LiveRosterEntry[] | null;
  phase: LivePhase;
  paused: PausedState | null;
  /** In join order, kicked players included (they are hidden from views and rankings). */
  players: LivePlayer[];
  /** The current (or last) question; null in the lobby. */
  run: QuestionRun | null;
  /** Finished runs, oldest first (the current one is in `run`). */
  history: QuestionRun[];
  startedAt: number | null;
  finishedAt: number | null;
}

/* ---------------------------------------------------------------- commands ---- */

export interface JoinCommand {
  type: 'join';
  /** Chosen by the caller (a UUID), stable across reconnects. */
  playerId: string;
  /** Ignored when the room has a roster (the roster's name is used). */
  name: string;
  /** Required, and must be in the roster, when the room has one. */
  number?: string | null;
  team?: string | null;
}
export interface AnswerCommand {
  type: 'answer';
  playerId: string;
  questionIndex: number;
  choices: number[];
}
export interface BuzzCommand {
  type: 'buzz';
  playerId: string;
  questionIndex: number;
}
export type PlayerCommand = JoinCommand | AnswerCommand | BuzzCommand;

export type HostCommand =
  | { type: 'start' }
  | { type: 'next' }
  | { type: 'lock' }
  | { type: 'reveal' }
  | { type: 'openBuzzer' }
  | { type: 'judge'; correct: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'skip' }
  | { type: 'extendTime'; ms: number }
  | { type: 'kick'; playerId: string }
  | { type: 'revive'; playerIds: string[] }
  /** Without questionIndex: the first unused rescue question. */
  | { type: 'startRescue'; questionIndex?: number }
  | { type: 'end' };

/** The timer fired: does whatever is due at `now` (nothing when nothing is due). */
export interface TickCommand {
  type: 'tick';
}

export type LiveCommand = HostCommand | PlayerCommand | TickCommand;
export type LiveCommandType = LiveCommand['type'];
export type HostCommandType = HostCommand['type'];

export const HOST_COMMAND_TYPES: readonly HostCommandType[] = [
  'start',
  'next',
  'lock',
  'reveal',
  'openBuzzer',
  'judge',
  'pause',
  'resume',
  'skip',
  'extendTime',
  'kick',
  'revive',
  'startRescue',
  'end',
];

/* ----------------------------------------------------------------- effects ---- */

/**
 * What the outside must do after an accepted command. The reducer never sends data: a
 * `broadcast`/`send` only says that a view changed; the caller computes it with views.ts, so
 * everything that reaches a client went through the views (which never leak an answer early).
 */
export type LiveEffect =
  /** Save the state before acknowledging (an acknowledged answer must survive a restart). */
  | { kind: 'persist' }
  /** Call `tick` at `at` (replaces the previous timer: one timer per room). */
  | { kind: 'schedule'; at: number }
  | { kind: 'cancel_timer' }
  | { kind: 'broadcast'; to: 'host' | 'stage' | 'players' }
  /** Send this player's own view (e.g. after their answer). */
  | { kind: 'send'; playerId: string }
  /** Close the player's connection (kicked), with a Vietnamese reason. */
  | { kind: 'disconnect'; playerId: string; reason: string };

export const LIVE_ERROR_CODES = [
  'invalid_input',
  'invalid_question',
  'invalid_settings',
  'invalid_roster',
  'wrong_phase',
  'wrong_format',
  'paused',
  'finished',
  'no_players',
  'unknown_player',
  'kicked',
  'room_full',
  'invalid_name',
  'duplicate_number',
  'number_required',
  'not_in_roster',
  'number_taken',
  'late_join_closed',
  'wrong_question',
  'not_open_yet',
  'too_late',
  'already_answered',
  'invalid_choice',
  'not_eligible',
  'buzzer_closed',
  'buzzer_taken',
  'locked_out',
  'no_rescue_question',
  'nobody_to_rescue',
  'not_eliminated',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

/** A refused command: a stable code and a Vietnamese message a person can read. */
export interface LiveRejection {
  ok: false;
  code: LiveErrorCode;
  message: string;
}

export interface LiveAccepted {
  ok: true;
  state: LiveState;
  effects: LiveEffect[];
}

export type LiveResult = LiveAccepted | LiveRejection;

export function reject(code: LiveErrorCode, message: string): LiveRejection {
  return { ok: false, code, message };
}
