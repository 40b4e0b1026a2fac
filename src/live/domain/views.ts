/**
 * What each audience of a live room may see, pure: the host's controls, the stage (projector)
 * and one player's phone. Only these views leave the server.
 *
 * The correct answer, the explanation, the answer distribution and any per-player correctness
 * of a question appear only once that question is revealed (`reveal` is null before), so a
 * client cannot learn the answer from the network. Before the reveal, host and stage see how
 * many answered, the host also who answered, nobody what they answered (a player sees only
 * their own choices). The MC's answer card is `hostAnswerKey`, deliberately not a view.
 */
import {
  activePlayers,
  allowedHostCommands,
  currentQuestion,
  eligiblePlayers,
  isEligible,
  nextMainIndex,
  unusedRescueIndexes,
} from './live-room.machine';
import {
  type BuzzerAttempt,
  type HostCommandType,
  type LiveFormat,
  type LivePhase,
  type LivePlayer,
  type LiveQuestionKind,
  type LiveQuestionType,
  type LiveState,
  type PausablePhase,
} from './live-room.types';
import {
  type PlayerQuestionResult,
  type RankedPlayer,
  leaderboard,
  playerResult,
  podium,
  rankPlayers,
  survivors,
} from './ranking';
import { answerIndexOf, playerById } from './lookups';
import { type TeamStanding, teamStandings } from './teams';

export interface PlayerRef {
  id: string;
  name: string;
  number: string | null;
}

export interface QuestionView {
  index: number;
  /** 1-based order of play (rescue questions included). */
  seq: number;
  /** 1-based position in the main sequence; null for a rescue question. */
  number: number | null;
  kind: LiveQuestionKind;
  type: LiveQuestionType;
  text: string;
  options: string[];
  points: number;
  timeLimitMs: number;
  /** The question was voided (skipped or ended): no answer will be shown. */
  voided: boolean;
}

export interface TimerView {
  /** When the running countdown ends (read time, answering deadline, buzzer window). */
  endsAt: number | null;
  /** Time left, frozen while paused. */
  pausedRemainingMs: number | null;
  /** The whole answering window (time limit plus extensions). */
  allowedMs: number | null;
}

export interface AnswerCountView {
  answered: number;
  eligible: number;
}

export interface RevealView {
  correctChoices: number[];
  explanation: string | null;
  /** Answers per option (empty for a buzzer question). */
  distribution: number[];
  /** How many players answered correctly. */
  rightCount: number;
  eliminated: PlayerRef[];
  revived: PlayerRef[];
  reverted: boolean;
}

export interface BuzzerView {
  open: boolean;
  winner: (PlayerRef & { responseMs: number }) | null;
  lockedOut: PlayerRef[];
  attempts: (PlayerRef & { verdict: BuzzerAttempt['verdict']; responseMs: number })[];
}

export interface LeaderboardRow extends PlayerRef {
  rank: number;
  team: string | null;
  score: number;
  rightAnswers: number;
  eliminated: boolean;
}

export interface HostPlayerRow extends LeaderboardRow {
  /** Answered the current question (never what). */
  answered: boolean;
  /** May answer the current question. */
  eligible: boolean;
}

export interface CommonView {
  roomId: string;
  format: LiveFormat;
  phase: LivePhase;
  pausedFrom: PausablePhase | null;
  /** Number of questions in the main sequence. */
  questionCount: number;
  question: QuestionView | null;
  timer: TimerView;
  reveal: RevealView | null;
  buzzer: BuzzerView | null;
}

/**
 * At most this many player rows in a host view (the top of the ranking; the lobby in join
 * order): a host view goes out at every phase change, and 10,000 rows (1.5 MB) took ~150 ms of
 * the server's only thread each time, while no one reads past the first hundreds on a screen.
 */
export const HOST_PLAYER_ROWS = 1000;

/** At most this many names in the stage's lobby (the latest to join); the count is exact. */
export const STAGE_LOBBY_NAMES = 120;

export interface HostView extends CommonView {
  audience: 'host';
  answers: AnswerCountView | null;
  /** The first HOST_PLAYER_ROWS players by rank; `playerCount` says how many there are. */
  players: HostPlayerRow[];
  /** Players in the room (not kicked). */
  playerCount: number;
  teams: TeamStanding[];
  /** Golden bell: players still alive. */
  survivors: PlayerRef[] | null;
  podium: LeaderboardRow[] | null;
  allowedCommands: HostCommandType[];
  mainQuestionsLeft: number;
  rescueQuestionsLeft: number[];
  /** How many contestants the roster lists; null: anyone may join (no roster). */
  rosterSize: number | null;
}

export interface StageView extends CommonView {
  audience: 'stage';
  answers: AnswerCountView | null;
  /** In the lobby: who joined. */
  lobby: { count: number; names: string[] } | null;
  leaderboard: LeaderboardRow[] | null;
  teams: TeamStanding[] | null;
  survivors: PlayerRef[] | null;
  podium: LeaderboardRow[] | null;
}

export interface PlayerView extends CommonView {
  audience: 'player';
  /** rank is null for a kicked player. */
  me: Omit<LeaderboardRow, 'rank'> & { rank: number | null; kicked: boolean };
  canAnswer: boolean;
  canBuzz: boolean;
  lockedOut: boolean;
  /** The player's own choices for the current question. */
  myAnswer: number[] | null;
  result: PlayerQuestionResult | null;
  leaderboard: LeaderboardRow[] | null;
  podium: LeaderboardRow[] | null;
}

/* ------------------------------------------------------------- pieces ---- */

function ref(player: LivePlayer): PlayerRef {
  return { id: player.id, name: player.name, number: player.number };
}

function refsOf(state: LiveState, ids: readonly string[]): PlayerRef[] {
  return ids.flatMap((id) => {
    const player = playerById(state.players, id);
    return player ? [ref(player)] : [];
  });
}

function row({ player, rank }: RankedPlayer): LeaderboardRow {
  return {
    ...ref(player),
    rank,
    team: player.team,
    score: player.score,
    rightAnswers: player.correctCount,
    eliminated: player.eliminated,
  };
}

function mainQuestionCount(state: LiveState): number {
  return state.questions.filter((q) => q.kind !== 'rescue').length;
}

function questionView(state: LiveState): QuestionView | null {
  const run = state.run;
  const question = currentQuestion(state);
  if (run === null || question === null || state.phase === 'lobby') return null;
  const number =
    question.kind === 'rescue'
      ? null
      : state.questions.slice(0, run.index + 1).filter((q) => q.kind !== 'rescue').length;
  return {
    index: run.index,
    seq: run.seq,
    number,
    kind: question.kind,
    type: question.type,
    text: question.text,
    options: [...question.options],
    points: question.points,
    timeLimitMs: question.timeLimitMs,
    voided: run.status === 'skipped',
  };
}

function timerView(state: LiveState): TimerView {
  const run = state.run;
  const phase = state.phase;
  const endsAt =
    run === null
      ? null
      : phase === 'question_intro'
        ? run.introEndsAt
        : phase === 'answering' || phase === 'buzzer_open'
          ? run.deadlineAt
          : null;
  return {
    endsAt,
    pausedRemainingMs: state.paused?.remainingMs ?? null,
    allowedMs: run?.allowedMs ?? null,
  };
}

function answerCount(state: LiveState): AnswerCountView | null {
  const run = state.run;
  if (run === null || run.buzzer !== null || state.phase === 'lobby') return null;
  const eligible =
    run.status === 'revealed' ? (run.outcome?.scored.length ?? 0) : eligiblePlayers(state).length;
  const active = new Set(activePlayers(state).map((p) => p.id));
  return { answered: run.answers.filter((a) => active.has(a.playerId)).length, eligible };
}

/** The only place a correct answer enters a view: a revealed question. */
function revealView(state: LiveState): RevealView | null {
  const run = state.run;
  const question = currentQuestion(state);
  if (run?.status !== 'revealed' || run.outcome === null || question === null) return null;
  return {
    correctChoices: [...question.correct],
    explanation: question.explanation,
    distribution: run.buzzer === null ? [...run.outcome.distribution] : [],
    rightCount: run.outcome.scored.filter((s) => s.isCorrect).length,
    eliminated: refsOf(state, run.outcome.eliminated),
    revived: refsOf(state, run.outcome.revived),
    reverted: run.outcome.reverted,
  };
}

function buzzerView(state: LiveState): BuzzerView | null {
  const buzzer = state.run?.buzzer ?? null;
  if (buzzer === null || state.phase === 'lobby') return null;
  const winnerPlayer = buzzer.winner
    ? state.players.find((p) => p.id === buzzer.winner?.playerId)
    : undefined;
  const open =
    state.phase === 'buzzer_open' ||
    (state.phase === 'paused' && state.paused?.from === 'buzzer_open');
  return {
    open,
    winner:
      buzzer.winner && winnerPlayer
        ? { ...ref(winnerPlayer), responseMs: buzzer.winner.responseMs }
        : null,
    lockedOut: refsOf(state, buzzer.lockedOut),
    attempts: buzzer.attempts.flatMap((attempt) => {
      const player = state.players.find((p) => p.id === attempt.playerId);
      return player
        ? [{ ...ref(player), verdict: attempt.verdict, responseMs: attempt.responseMs }]
        : [];
    }),
  };
}

function common(state: LiveState): CommonView {
  return {
    roomId: state.roomId,
    format: state.settings.format,
    phase: state.phase,
    pausedFrom: state.paused?.from ?? null,
    questionCount: mainQuestionCount(state),
    question: questionView(state),
    timer: timerView(state),
    reveal: revealView(state),
    buzzer: buzzerView(state),
  };
}

function survivorRefs(state: LiveState): PlayerRef[] | null {
  return state.settings.format === 'golden_bell' ? survivors(state).map(ref) : null;
}

function podiumRows(state: LiveState): LeaderboardRow[] | null {
  return state.phase === 'finished' ? podium(state).map(row) : null;
}

/** Between questions and at the end: the phases that show standings to everyone. */
function showsStandings(state: LiveState): boolean {
  const phase = state.phase === 'paused' ? state.paused?.from : state.phase;
  return phase === 'leaderboard' || state.phase === 'finished';
}

/* -------------------------------------------------------------- views ---- */

/** `build`, computed once per state: states are never mutated once a command returned them. */
function oncePerState<T>(build: (state: LiveState) => T): (state: LiveState) => T {
  const built = new WeakMap<LiveState, T>();
  return (state) => {
    const cached = built.get(state);
    if (cached !== undefined) return cached;
    const value = build(state);
    built.set(state, value);
    return value;
  };
}

/**
 * The host's view, built once per state: a host command's reply and the broadcast to the host
 * room after it are the same view.
 */
export const hostView: (state: LiveState) => HostView = oncePerState(buildHostView);

function buildHostView(state: LiveState): HostView {
  const run = state.run;
  const answered = new Set(run?.answers.map((a) => a.playerId) ?? []);
  const nextMain = nextMainIndex(state);
  const ranking = rankPlayers(state);
  return {
    audience: 'host',
    ...common(state),
    answers: answerCount(state),
    playerCount: ranking.length,
    players: ranking.slice(0, HOST_PLAYER_ROWS).map((ranked) => ({
      ...row(ranked),
      answered: answered.has(ranked.player.id),
      eligible: state.phase !== 'lobby' && isEligible(state, ranked.player),
    })),
    teams: teamStandings(state.players, state.settings.teamScoring),
    survivors: survivorRefs(state),
    podium: podiumRows(state),
    allowedCommands: allowedHostCommands(state),
    mainQuestionsLeft:
      nextMain === null
        ? 0
        : state.questions.slice(nextMain).filter((q) => q.kind !== 'rescue').length,
    rescueQuestionsLeft: unusedRescueIndexes(state),
    rosterSize: state.roster?.length ?? null,
  };
}

export function stageView(state: LiveState): StageView {
  const active = activePlayers(state);
  const standings = showsStandings(state);
  const teams = teamStandings(state.players, state.settings.teamScoring);
  return {
    audience: 'stage',
    ...common(state),
    answers: answerCount(state),
    lobby:
      state.phase === 'lobby'
        ? { count: active.length, names: active.slice(-STAGE_LOBBY_NAMES).map((p) => p.name) }
        : null,
    leaderboard: standings ? leaderboard(state).map(row) : null,
    teams: standings && teams.length > 0 ? teams : null,
    survivors: survivorRefs(state),
    podium: podiumRows(state),
  };
}

/** What every player view shares, computed once per broadcast. */
interface PlayersContext {
  common: CommonView;
  ranks: ReadonlyMap<string, number>;
  leaderboard: LeaderboardRow[] | null;
  podium: LeaderboardRow[] | null;
}

/** Ranking and common parts of the player views, once per state. */
const playersContext = oncePerState(buildPlayersContext);

function buildPlayersContext(state: LiveState): PlayersContext {
  const ranking = rankPlayers(state);
  return {
    common: common(state),
    ranks: new Map(ranking.map((r) => [r.player.id, r.rank])),
    leaderboard: showsStandings(state)
      ? ranking.slice(0, state.settings.leaderboardSize).map(row)
      : null,
    podium: state.phase === 'finished' ? ranking.filter((r) => r.rank <= 3).map(row) : null,
  };
}

function buildPlayerView(
  state: LiveState,
  player: LivePlayer,
  context: PlayersContext,
): PlayerView {
  const run = state.run;
  const at = run === null ? -1 : answerIndexOf(run.answers, player.id);
  const mine = at === -1 ? null : (run?.answers.at(at) ?? null);
  const lockedOut = run?.buzzer?.lockedOut.includes(player.id) ?? false;
  return {
    audience: 'player',
    ...context.common,
    me: {
      ...ref(player),
      rank: context.ranks.get(player.id) ?? null,
      team: player.team,
      score: player.score,
      rightAnswers: player.correctCount,
      eliminated: player.eliminated,
      kicked: player.kicked,
    },
    canAnswer:
      state.phase === 'answering' &&
      isEligible(state, player) &&
      (mine === null || state.settings.answerPolicy === 'change_until_lock'),
    canBuzz: state.phase === 'buzzer_open' && !player.kicked && !lockedOut,
    lockedOut,
    myAnswer: mine ? [...mine.choices] : null,
    result: playerResult(state, player.id, context.ranks),
    leaderboard: context.leaderboard,
    podium: context.podium,
  };
}

/** One player's view, or null for an unknown player id. */
export function playerView(state: LiveState, playerId: string): PlayerView | null {
  const player = playerById(state.players, playerId);
  return player === undefined ? null : buildPlayerView(state, player, playersContext(state));
}

/** The views of every player still in the room, ranking computed once (for a broadcast). */
export function playerViews(state: LiveState): PlayerView[] {
  const context = playersContext(state);
  return activePlayers(state).map((player) => buildPlayerView(state, player, context));
}

/**
 * The MC's answer card for the running question: NOT a view. Send it only to the
 * authenticated host, on request (e.g. to judge a buzzer answer); never to the stage or players.
 */
export function hostAnswerKey(
  state: LiveState,
): { questionIndex: number; correctChoices: number[]; explanation: string | null } | null {
  const run = state.run;
  const question = currentQuestion(state);
  if (run === null || question === null || state.phase === 'finished') return null;
  return {
    questionIndex: run.index,
    correctChoices: [...question.correct],
    explanation: question.explanation,
  };
}

/**
 * What every audience shares, with no personal data and no answer before the reveal: what a
 * room of players receives at once while a question runs.
 */
export function commonView(state: LiveState): CommonView {
  return common(state);
}
