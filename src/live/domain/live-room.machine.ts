/**
 * The live final as a pure reducer: `apply(state, command, now)` returns the next state and the
 * effects the outside must perform, or a refusal with a Vietnamese message. It never throws for
 * bad input, never reads the clock (`now`, ms since the epoch, is the server arrival time of
 * the command) and never draws random numbers. The state is plain JSON: store it, reload it,
 * and the game continues identically.
 *
 * Phases
 *
 *   lobby ──start──▶ question_intro ──next / tick(read time over)──▶ answering
 *   answering ──tick(deadline + grace) / lock / everyone answered──▶ locked
 *   answering, locked ──reveal──▶ revealed (scored; golden bell eliminates)
 *   revealed ──next──▶ leaderboard ──next──▶ question_intro of the next main question
 *                                      └──(no question left)──▶ finished
 *
 *   buzzer format, instead of answering/locked:
 *   question_intro ──next / tick──▶ buzzer_armed ──openBuzzer──▶ buzzer_open
 *   question_intro ──openBuzzer──▶ buzzer_open
 *   buzzer_open ──first buzz (by arrival)──▶ buzzer_won ──judge(correct)──▶ revealed
 *   buzzer_won ──judge(wrong): penalty, lock-out──▶ buzzer_armed ──openBuzzer (reopen)──▶ …
 *   buzzer_open ──tick(window over) / lock──▶ buzzer_armed;  buzzer_armed, buzzer_open ──reveal──▶ revealed
 *
 *   any phase but lobby/paused/finished ──pause──▶ paused ──resume──▶ the same phase; a running
 *   timer (read time, answering deadline, buzzer window) keeps its remaining time across the pause.
 *   a running question ──skip──▶ leaderboard (the question is voided: nothing scored)
 *   golden bell, revealed/leaderboard ──startRescue──▶ question_intro of a rescue question
 *   any phase but finished ──end──▶ finished (a running question is voided)
 *
 * Host commands per phase (anything else is refused; `paused` also refuses player commands):
 *   start: lobby · next: question_intro, revealed, leaderboard · lock: answering, buzzer_open
 *   reveal: answering, locked, buzzer_armed, buzzer_open · openBuzzer: question_intro,
 *   buzzer_armed (buzzer) · judge: buzzer_won (buzzer) · pause: all but lobby, paused, finished
 *   resume: paused · skip: question_intro … buzzer_won (a running question)
 *   extendTime: answering, buzzer_open, paused with a running timer · kick, end: all but finished
 *   revive: question_intro, revealed, leaderboard (golden bell) · startRescue: revealed,
 *   leaderboard (golden bell)
 * Player commands: join: lobby (later with allowLateJoin, never in golden bell; a known
 *   player id reconnects in any phase, without any other check) · answer: answering (classic,
 *   golden bell) · buzz: buzzer_open (buzzer). `tick` is accepted in every phase and does
 *   whatever is due. In a room with a roster, a newcomer joins by a number of the roster that
 *   no active player holds, under the roster's name and team.
 *
 * Timing: an answer (or a buzz) is accepted until deadline + graceMs inclusive; the lock timer
 * fires at deadline + graceMs. Response time = window − time left at arrival, so paused time
 * is not counted and extensions enlarge the window T of the speed formula.
 *
 * Concurrency: commands must be applied one at a time in arrival order (one queue per room);
 * the first buzz applied wins the right to answer.
 */
import { MESSAGES, wrongFormatMessage, wrongPhaseMessage } from './live-room.messages';
import {
  type AnswerCommand,
  type BuzzCommand,
  HOST_COMMAND_TYPES,
  type HostCommand,
  type HostCommandType,
  type JoinCommand,
  type LiveCommand,
  type LiveEffect,
  type LiveFormat,
  type LivePhase,
  type LivePlayer,
  type LiveQuestion,
  type LiveRejection,
  type LiveResult,
  type LiveState,
  type PausablePhase,
  type QuestionOutcome,
  type QuestionRun,
  type ScoredAnswer,
  reject,
} from './live-room.types';
import {
  MAX_NAME_LENGTH,
  MAX_NUMBER_LENGTH,
  MAX_TEAM_LENGTH,
  normalizeText,
  optionalText,
  textLength,
} from './player-text';
import {
  activeCount,
  answerIndexOf,
  holdsId,
  numberHeld,
  playerById,
  withAnswer,
  withPlayer,
} from './lookups';
import { rosterIdentity } from './roster';
import { judgeChoices, responseTime, speedPoints, streakBonusFor } from './scoring';

export const MAX_PLAYER_ID_LENGTH = 100;
export const MAX_EXTENSION_MS = 600_000;

const ALL_BUT_FINISHED: readonly LivePhase[] = [
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
];
const PAUSABLE: readonly PausablePhase[] = [
  'question_intro',
  'answering',
  'locked',
  'revealed',
  'leaderboard',
  'buzzer_armed',
  'buzzer_open',
  'buzzer_won',
];
const RUNNING_QUESTION: readonly LivePhase[] = [
  'question_intro',
  'answering',
  'locked',
  'buzzer_armed',
  'buzzer_open',
  'buzzer_won',
];

/** The phases in which each host command may be accepted. */
export const HOST_COMMAND_PHASES: Record<HostCommandType, readonly LivePhase[]> = {
  start: ['lobby'],
  next: ['question_intro', 'revealed', 'leaderboard'],
  lock: ['answering', 'buzzer_open'],
  reveal: ['answering', 'locked', 'buzzer_armed', 'buzzer_open'],
  openBuzzer: ['question_intro', 'buzzer_armed'],
  judge: ['buzzer_won'],
  pause: PAUSABLE,
  resume: ['paused'],
  skip: RUNNING_QUESTION,
  extendTime: ['answering', 'buzzer_open', 'paused'],
  kick: ALL_BUT_FINISHED,
  revive: ['question_intro', 'revealed', 'leaderboard'],
  startRescue: ['revealed', 'leaderboard'],
  end: ALL_BUT_FINISHED,
};

/** Host commands that only one format knows. */
const HOST_COMMAND_FORMAT: Partial<Record<HostCommandType, LiveFormat>> = {
  openBuzzer: 'buzzer',
  judge: 'buzzer',
  revive: 'golden_bell',
  startRescue: 'golden_bell',
};

/* ------------------------------------------------------------- queries ---- */

export function currentQuestion(state: LiveState): LiveQuestion | null {
  return state.run === null ? null : (state.questions.at(state.run.index) ?? null);
}

export function activePlayers(state: LiveState): LivePlayer[] {
  return state.players.filter((p) => !p.kicked);
}

/** Whether the player may answer the current question (ignoring the phase). */
export function isEligible(state: LiveState, player: LivePlayer): boolean {
  const question = currentQuestion(state);
  if (player.kicked || question === null) return false;
  if (state.settings.format !== 'golden_bell') return true;
  switch (question.kind) {
    case 'normal':
      return !player.eliminated;
    case 'rescue':
      return player.eliminated;
    case 'audience':
      return true;
  }
}

/** The players who may answer the current question. */
export function eligiblePlayers(state: LiveState): LivePlayer[] {
  return state.players.filter((p) => isEligible(state, p));
}

/** The question indexes already played (voided ones included), current one included. */
function playedIndexes(state: LiveState): number[] {
  return [...state.history, ...(state.run ? [state.run] : [])].map((r) => r.index);
}

/** The next question of the main sequence (rescue questions are a reserve), or null. */
export function nextMainIndex(state: LiveState): number | null {
  const played = playedIndexes(state);
  const lastMain = Math.max(-1, ...played.filter((i) => state.questions.at(i)?.kind !== 'rescue'));
  const next = state.questions.findIndex((q, i) => i > lastMain && q.kind !== 'rescue');
  return next === -1 ? null : next;
}

/** The rescue questions not used yet. */
export function unusedRescueIndexes(state: LiveState): number[] {
  const played = new Set(playedIndexes(state));
  return state.questions.flatMap((q, i) => (q.kind === 'rescue' && !played.has(i) ? [i] : []));
}

/** When the outside must call `tick` next; null when no timer runs. Re-arm it after a reload. */
export function nextTimerAt(state: LiveState): number | null {
  const run = state.run;
  if (run === null) return null;
  switch (state.phase) {
    case 'question_intro':
      return run.introEndsAt;
    case 'answering':
    case 'buzzer_open':
      return run.deadlineAt === null ? null : run.deadlineAt + state.settings.graceMs;
    case 'lobby':
    case 'locked':
    case 'revealed':
    case 'leaderboard':
    case 'buzzer_armed':
    case 'buzzer_won':
    case 'paused':
    case 'finished':
      return null;
  }
}

/**
 * Whether a host command may be accepted now, whatever its arguments: phase, format and the
 * state's preconditions. Returns the refusal, or null. The host view lists the accepted ones.
 */
export function hostPrecheck(state: LiveState, type: HostCommandType): LiveRejection | null {
  const format = HOST_COMMAND_FORMAT[type];
  if (format !== undefined && format !== state.settings.format)
    return reject('wrong_format', wrongFormatMessage(format));
  if (state.phase === 'finished') return reject('finished', MESSAGES.finished);
  if (!HOST_COMMAND_PHASES[type].includes(state.phase)) {
    if (state.phase === 'paused') return reject('paused', MESSAGES.paused);
    return reject('wrong_phase', wrongPhaseMessage(type, state.phase));
  }
  switch (type) {
    case 'start':
      return activePlayers(state).length === 0 ? reject('no_players', MESSAGES.noPlayers) : null;
    case 'openBuzzer': {
      const lockedOut = state.run?.buzzer?.lockedOut ?? [];
      return activePlayers(state).every((p) => lockedOut.includes(p.id))
        ? reject('locked_out', MESSAGES.everyoneLockedOut)
        : null;
    }
    case 'extendTime':
      if (state.phase !== 'paused') return null;
      return state.paused?.remainingMs !== null &&
        (state.paused?.from === 'answering' || state.paused?.from === 'buzzer_open')
        ? null
        : reject('wrong_phase', MESSAGES.noTimer);
    case 'revive':
      return activePlayers(state).some((p) => p.eliminated)
        ? null
        : reject('nobody_to_rescue', MESSAGES.nobodyToRescue);
    case 'startRescue':
      if (!activePlayers(state).some((p) => p.eliminated))
        return reject('nobody_to_rescue', MESSAGES.nobodyToRescue);
      return unusedRescueIndexes(state).length === 0
        ? reject('no_rescue_question', MESSAGES.noRescueLeft)
        : null;
    case 'next':
    case 'lock':
    case 'reveal':
    case 'judge':
    case 'pause':
    case 'resume':
    case 'skip':
    case 'kick':
    case 'end':
      return null;
  }
}

/** The host commands that may be accepted now (buttons to enable on the host screen). */
export function allowedHostCommands(state: LiveState): HostCommandType[] {
  return HOST_COMMAND_TYPES.filter((type) => hostPrecheck(state, type) === null);
}

/* ------------------------------------------------------------- reducer ---- */

const ALL_VIEWS: LiveEffect[] = [
  { kind: 'broadcast', to: 'host' },
  { kind: 'broadcast', to: 'stage' },
  { kind: 'broadcast', to: 'players' },
];

function accepted(before: LiveState, after: LiveState, effects: LiveEffect[]): LiveResult {
  const timerBefore = nextTimerAt(before);
  const timerAfter = nextTimerAt(after);
  const timer: LiveEffect[] =
    timerAfter === timerBefore
      ? []
      : timerAfter === null
        ? [{ kind: 'cancel_timer' }]
        : [{ kind: 'schedule', at: timerAfter }];
  return { ok: true, state: after, effects: [{ kind: 'persist' }, ...timer, ...effects] };
}

function isCommand(value: unknown): value is LiveCommand {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * Applies one command at server time `now`. Never throws on bad input and never mutates
 * `state`: returns a new state (or the same one when nothing changed) with its effects, or a
 * refusal.
 */
export function apply(state: LiveState, command: LiveCommand, now: number): LiveResult {
  if (!Number.isFinite(now)) return reject('invalid_input', MESSAGES.invalidNow);
  if (!isCommand(command)) return reject('invalid_input', MESSAGES.invalidCommand);
  switch (command.type) {
    case 'join':
      return join(state, command, now);
    case 'answer':
      return answer(state, command, now);
    case 'buzz':
      return buzz(state, command, now);
    case 'tick':
      return tick(state, now);
    case 'start':
    case 'next':
    case 'lock':
    case 'reveal':
    case 'openBuzzer':
    case 'judge':
    case 'pause':
    case 'resume':
    case 'skip':
    case 'extendTime':
    case 'kick':
    case 'revive':
    case 'startRescue':
    case 'end':
      return host(state, command, now);
    default:
      return reject('invalid_input', MESSAGES.invalidCommand);
  }
}

function host(state: LiveState, command: HostCommand, now: number): LiveResult {
  const refused = hostPrecheck(state, command.type);
  if (refused) return refused;
  const draft = draftOf(state);
  const extra: LiveEffect[] = [];
  switch (command.type) {
    case 'start':
      draft.startedAt = now;
      openQuestion(draft, firstMainIndex(draft), now);
      break;
    case 'next':
      if (draft.phase === 'question_intro') afterIntro(draft, now);
      else if (draft.phase === 'revealed') draft.phase = 'leaderboard';
      else {
        const index = nextMainIndex(draft);
        if (index === null) finish(draft, now);
        else openQuestion(draft, index, now);
      }
      break;
    case 'lock':
      if (draft.phase === 'answering') draft.phase = 'locked';
      else closeBuzzer(draft);
      break;
    case 'reveal':
      reveal(draft);
      break;
    case 'openBuzzer':
      openBuzzer(draft, now);
      break;
    case 'judge': {
      const correct: unknown = command.correct;
      if (typeof correct !== 'boolean') return reject('invalid_input', MESSAGES.invalidCommand);
      judge(draft, correct);
      break;
    }
    case 'pause':
      pause(draft, now);
      break;
    case 'resume':
      resume(draft, now);
      break;
    case 'skip':
      voidRun(draft);
      draft.phase = 'leaderboard';
      break;
    case 'extendTime': {
      const ms = command.ms;
      if (!Number.isInteger(ms) || ms < 1 || ms > MAX_EXTENSION_MS)
        return reject('invalid_input', MESSAGES.invalidExtension);
      extendTime(draft, ms, now);
      break;
    }
    case 'kick': {
      const player = draft.players.find((p) => p.id === command.playerId);
      if (player === undefined) return reject('unknown_player', MESSAGES.unknownPlayer);
      if (player.kicked) return reject('kicked', MESSAGES.alreadyKicked);
      kick(draft, player);
      extra.push({ kind: 'disconnect', playerId: player.id, reason: MESSAGES.kickedReason });
      break;
    }
    case 'revive': {
      const refusal = revive(draft, command.playerIds);
      if (refusal) return refusal;
      break;
    }
    case 'startRescue': {
      const index = pickRescue(draft, command.questionIndex);
      if (typeof index !== 'number') return index;
      openQuestion(draft, index, now);
      break;
    }
    case 'end':
      if (draft.run?.status === 'running') voidRun(draft);
      finish(draft, now);
      break;
  }
  return accepted(state, draft, [...ALL_VIEWS, ...extra]);
}

/* ---------------------------------------------------------- transitions ---- */

/**
 * The copy a host command, a tick or a buzz changes: a deep copy of the state, except the
 * current question's answers and scored rows, the two lists of O(players) entries, which those
 * commands only read (they are replaced, never changed in place: `withAnswer` makes a new list
 * outside a batch, `reveal` a new outcome, `archived` empties both), so the copy shares them.
 * Cloning them made every host command after a reveal cost O(players) (~50 ms at 5,000).
 */
function draftOf(state: LiveState): LiveState {
  const run = state.run;
  if (run === null) return structuredClone(state);
  const outcome = run.outcome;
  const shell: LiveState & { run: QuestionRun } = {
    ...state,
    run: { ...run, answers: [], outcome: outcome === null ? null : { ...outcome, scored: [] } },
  };
  const draft = structuredClone(shell);
  draft.run.answers = run.answers;
  if (draft.run.outcome !== null && outcome !== null) draft.run.outcome.scored = outcome.scored;
  return draft;
}

function firstMainIndex(state: LiveState): number {
  // createLiveRoom guarantees a main question.
  return state.questions.findIndex((q) => q.kind !== 'rescue');
}

/**
 * A finished run as kept in `history`: without its answers and scored rows, which nothing reads
 * once the next question opens (scores are in the players; every answer is in `live_answers`),
 * so the state that is written at every host command does not grow by O(players) per question.
 */
function archived(run: QuestionRun): QuestionRun {
  return {
    ...run,
    answers: [],
    outcome: run.outcome === null ? null : { ...run.outcome, scored: [] },
  };
}

function openQuestion(draft: LiveState, index: number, now: number): void {
  const question = draft.questions.at(index);
  if (question === undefined) return;
  if (draft.run !== null) draft.history.push(archived(draft.run));
  const run: QuestionRun = {
    index,
    seq: draft.history.length + 1,
    status: 'running',
    introEndsAt: draft.settings.readTimeMs > 0 ? now + draft.settings.readTimeMs : null,
    openedAt: null,
    deadlineAt: null,
    allowedMs: question.timeLimitMs,
    answers: [],
    buzzer:
      draft.settings.format === 'buzzer'
        ? { openedAt: null, winner: null, lockedOut: [], attempts: [] }
        : null,
    outcome: null,
  };
  draft.run = run;
  draft.phase = 'question_intro';
}

/** End of the read time: answering opens (or the buzzer gets ready). */
function afterIntro(draft: LiveState, now: number): void {
  const run = draft.run;
  const question = currentQuestion(draft);
  if (run === null || question === null) return;
  run.introEndsAt = null;
  if (draft.settings.format === 'buzzer') {
    draft.phase = 'buzzer_armed';
    return;
  }
  draft.phase = 'answering';
  run.openedAt = now;
  run.allowedMs = question.timeLimitMs;
  run.deadlineAt = now + question.timeLimitMs;
  lockIfAllAnswered(draft);
}

function lockIfAllAnswered(
  draft: LiveState,
  eligible: readonly LivePlayer[] = eligiblePlayers(draft),
): void {
  const run = draft.run;
  if (
    run === null ||
    draft.phase !== 'answering' ||
    !draft.settings.lockWhenAllAnswered ||
    draft.settings.answerPolicy !== 'first_final'
  )
    return;
  // Fewer answers than eligible players cannot cover them all: the common case, in O(1).
  if (run.answers.length < eligible.length) return;
  if (eligible.every((p) => answerIndexOf(run.answers, p.id) !== -1)) draft.phase = 'locked';
}

const eligibleCache = new WeakMap<readonly LivePlayer[], Map<string, readonly LivePlayer[]>>();

/**
 * `eligiblePlayers` of a state the reducer received (never mutated: its players array and
 * their objects are shared, not changed), computed once per players array and question kind:
 * an answer must not filter every player again.
 */
function eligibleOf(state: LiveState): readonly LivePlayer[] {
  const key = `${state.settings.format}:${currentQuestion(state)?.kind ?? '-'}`;
  let byKey = eligibleCache.get(state.players);
  if (byKey === undefined) {
    byKey = new Map();
    eligibleCache.set(state.players, byKey);
  }
  let eligible = byKey.get(key);
  if (eligible === undefined) {
    eligible = eligiblePlayers(state);
    byKey.set(key, eligible);
  }
  return eligible;
}

function openBuzzer(draft: LiveState, now: number): void {
  const run = draft.run;
  const question = currentQuestion(draft);
  if (run?.buzzer == null || question === null) return;
  run.introEndsAt = null;
  run.buzzer.openedAt = now;
  run.buzzer.winner = null;
  run.allowedMs = question.timeLimitMs;
  run.deadlineAt = now + question.timeLimitMs;
  draft.phase = 'buzzer_open';
}

function closeBuzzer(draft: LiveState): void {
  const run = draft.run;
  if (run?.buzzer) run.buzzer.openedAt = null;
  if (run) run.deadlineAt = null;
  draft.phase = 'buzzer_armed';
}

function judge(draft: LiveState, correct: boolean): void {
  const run = draft.run;
  const question = currentQuestion(draft);
  const winner = run?.buzzer?.winner ?? null;
  if (run?.buzzer == null || question === null || winner === null) return;
  const player = draft.players.find((p) => p.id === winner.playerId);
  if (player === undefined) return;
  const scored = question.kind !== 'audience';
  if (correct) {
    if (scored) {
      player.score += question.points;
      player.correctCount += 1;
      player.correctTimeMs += winner.responseMs;
    }
    run.buzzer.attempts.push({
      playerId: player.id,
      verdict: 'right',
      responseMs: winner.responseMs,
    });
    reveal(draft);
    return;
  }
  if (scored) player.score -= draft.settings.buzzerPenalty;
  run.buzzer.attempts.push({
    playerId: player.id,
    verdict: 'wrong',
    responseMs: winner.responseMs,
  });
  run.buzzer.lockedOut.push(player.id);
  run.buzzer.winner = null;
  closeBuzzer(draft);
}

/** Points of a buzzer attempt, as already added to the player's score when judged. */
function attemptPoints(
  draft: LiveState,
  question: LiveQuestion,
  verdict: 'right' | 'wrong',
): number {
  if (question.kind === 'audience') return 0;
  return verdict === 'right' ? question.points : -draft.settings.buzzerPenalty;
}

/** Scores the current question, eliminates or revives (golden bell), shows the answer. */
function reveal(draft: LiveState): void {
  const run = draft.run;
  const question = currentQuestion(draft);
  if (run === null || question === null) return;
  const distribution = question.options.map(() => 0);
  const outcome: QuestionOutcome = {
    scored: [],
    distribution,
    eliminated: [],
    revived: [],
    reverted: false,
  };
  if (run.buzzer !== null) {
    outcome.scored = run.buzzer.attempts.map((attempt) => ({
      playerId: attempt.playerId,
      answered: true,
      choices: null,
      isCorrect: attempt.verdict === 'right',
      responseMs: attempt.responseMs,
      points: attemptPoints(draft, question, attempt.verdict),
      streakBonus: 0,
    }));
  } else {
    const eligible = eligiblePlayers(draft);
    const answers = new Map(run.answers.map((a) => [a.playerId, a]));
    for (const player of eligible) {
      const given = answers.get(player.id);
      for (const choice of given?.choices ?? []) {
        if (choice < distribution.length) distribution[choice] = (distribution.at(choice) ?? 0) + 1;
      }
      const isCorrect = given !== undefined && judgeChoices(question, given.choices);
      const row: ScoredAnswer = {
        playerId: player.id,
        answered: given !== undefined,
        choices: given?.choices ?? null,
        isCorrect,
        responseMs: given?.responseMs ?? null,
        points: 0,
        streakBonus: 0,
      };
      if (question.kind === 'normal') {
        if (isCorrect) {
          player.streak += 1;
          row.streakBonus = streakBonusFor(player.streak, draft.settings);
          row.points =
            speedPoints(
              question.points,
              given.responseMs,
              run.allowedMs,
              draft.settings.speedBonus,
            ) + row.streakBonus;
          player.score += row.points;
          player.correctCount += 1;
          player.correctTimeMs += given.responseMs;
        } else {
          player.streak = 0;
        }
      }
      outcome.scored.push(row);
    }
    if (draft.settings.format === 'golden_bell') {
      const failing = outcome.scored.filter((s) => !s.isCorrect).map((s) => s.playerId);
      const passing = outcome.scored.filter((s) => s.isCorrect).map((s) => s.playerId);
      if (question.kind === 'normal') {
        if (
          failing.length > 0 &&
          failing.length === eligible.length &&
          draft.settings.allEliminatedRevert
        ) {
          outcome.reverted = true;
        } else {
          outcome.eliminated = failing;
        }
      } else if (question.kind === 'rescue') {
        outcome.revived = passing;
      }
      for (const player of draft.players) {
        if (holdsId(outcome.eliminated, player.id)) {
          player.eliminated = true;
          player.eliminatedAtSeq = run.seq;
        }
        if (holdsId(outcome.revived, player.id)) {
          player.eliminated = false;
          player.eliminatedAtSeq = null;
        }
      }
    }
  }
  run.outcome = outcome;
  run.status = 'revealed';
  run.introEndsAt = null;
  if (run.buzzer) run.buzzer.openedAt = null;
  draft.phase = 'revealed';
}

/** Voids the running question: nothing scored, buzzer penalties given back. */
function voidRun(draft: LiveState): void {
  const run = draft.run;
  const question = currentQuestion(draft);
  if (run === null || question === null || run.status !== 'running') return;
  for (const attempt of run.buzzer?.attempts ?? []) {
    const player = draft.players.find((p) => p.id === attempt.playerId);
    if (player) player.score -= attemptPoints(draft, question, attempt.verdict);
  }
  run.status = 'skipped';
  run.introEndsAt = null;
  run.deadlineAt = null;
  if (run.buzzer) {
    run.buzzer.openedAt = null;
    run.buzzer.winner = null;
  }
}

function finish(draft: LiveState, now: number): void {
  draft.phase = 'finished';
  draft.paused = null;
  draft.finishedAt = now;
}

function pause(draft: LiveState, now: number): void {
  const run = draft.run;
  const from = draft.phase;
  if (run === null || from === 'lobby' || from === 'paused' || from === 'finished') return;
  const timerEnd =
    from === 'question_intro'
      ? run.introEndsAt
      : from === 'answering' || from === 'buzzer_open'
        ? run.deadlineAt
        : null;
  draft.paused = {
    from,
    remainingMs: timerEnd === null ? null : Math.max(timerEnd - now, 0),
    at: now,
  };
  draft.phase = 'paused';
}

function resume(draft: LiveState, now: number): void {
  const paused = draft.paused;
  const run = draft.run;
  if (paused === null || run === null) return;
  if (paused.remainingMs !== null) {
    if (paused.from === 'question_intro') run.introEndsAt = now + paused.remainingMs;
    else run.deadlineAt = now + paused.remainingMs;
  }
  draft.phase = paused.from;
  draft.paused = null;
  lockIfAllAnswered(draft); // someone may have been kicked during the pause
}

function extendTime(draft: LiveState, ms: number, now: number): void {
  const run = draft.run;
  if (run === null) return;
  if (draft.paused !== null) {
    if (draft.paused.remainingMs !== null) draft.paused.remainingMs += ms;
    run.allowedMs += ms;
    return;
  }
  const deadline = run.deadlineAt ?? now;
  const extended = Math.max(deadline, now) + ms;
  run.allowedMs += extended - deadline;
  run.deadlineAt = extended;
}

function kick(draft: LiveState, player: LivePlayer): void {
  player.kicked = true;
  const run = draft.run;
  const winner = run?.buzzer?.winner ?? null;
  if (run?.buzzer != null && winner?.playerId === player.id) {
    run.buzzer.winner = null;
    if (draft.phase === 'buzzer_won') closeBuzzer(draft);
    else if (draft.paused?.from === 'buzzer_won') draft.paused.from = 'buzzer_armed';
  }
  lockIfAllAnswered(draft);
}

function revive(draft: LiveState, playerIds: unknown): LiveRejection | null {
  if (!Array.isArray(playerIds) || playerIds.length === 0)
    return reject('invalid_input', MESSAGES.nobodyToRevive);
  const targets: LivePlayer[] = [];
  for (const id of playerIds) {
    const player = draft.players.find((p) => p.id === id && !p.kicked);
    if (player === undefined) return reject('unknown_player', MESSAGES.unknownPlayer);
    if (!player.eliminated)
      return reject('not_eliminated', `${MESSAGES.notEliminated} (${player.name})`);
    targets.push(player);
  }
  for (const player of targets) {
    player.eliminated = false;
    player.eliminatedAtSeq = null;
  }
  return null;
}

function pickRescue(draft: LiveState, questionIndex: unknown): number | LiveRejection {
  const unused = unusedRescueIndexes(draft);
  if (questionIndex === undefined || questionIndex === null) {
    return unused.at(0) ?? reject('no_rescue_question', MESSAGES.noRescueLeft);
  }
  return typeof questionIndex === 'number' && unused.includes(questionIndex)
    ? questionIndex
    : reject('no_rescue_question', MESSAGES.notARescue);
}

/* --------------------------------------------------------------- timer ---- */

function tick(state: LiveState, now: number): LiveResult {
  const due = nextTimerAt(state);
  if (due === null || now < due) {
    // Nothing due (a stale or early timer): keep the state, re-arm the timer if one runs.
    return { ok: true, state, effects: due === null ? [] : [{ kind: 'schedule', at: due }] };
  }
  const draft = draftOf(state);
  switch (draft.phase) {
    case 'question_intro':
      afterIntro(draft, now);
      break;
    case 'answering':
      draft.phase = 'locked';
      break;
    case 'buzzer_open':
      closeBuzzer(draft);
      break;
    case 'lobby':
    case 'locked':
    case 'revealed':
    case 'leaderboard':
    case 'buzzer_armed':
    case 'buzzer_won':
    case 'paused':
    case 'finished':
      break;
  }
  return accepted(state, draft, ALL_VIEWS);
}

/* ------------------------------------------------------------- players ---- */

function join(state: LiveState, command: JoinCommand, now: number): LiveResult {
  const id: unknown = command.playerId;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_PLAYER_ID_LENGTH)
    return reject('invalid_input', MESSAGES.invalidPlayerId);
  const known = playerById(state.players, id);
  if (known !== undefined) {
    // A reconnection: always allowed, changes nothing.
    if (known.kicked) return reject('kicked', MESSAGES.kickedSelf);
    return { ok: true, state, effects: [{ kind: 'send', playerId: id }] };
  }
  if (state.phase === 'finished') return reject('finished', MESSAGES.finished);
  if (state.phase === 'paused') return reject('paused', MESSAGES.paused);
  if (
    state.phase !== 'lobby' &&
    (!state.settings.allowLateJoin || state.settings.format === 'golden_bell')
  )
    return reject('late_join_closed', MESSAGES.lateJoinClosed);

  const identity =
    state.roster === null ? typedIdentity(command) : rosterIdentity(state.roster, command.number);
  if (!identity.ok) return identity;
  const { name, number, team } = identity.entry;

  // Both are normalized already: comparing lower cases is numberKey, without re-normalizing.
  if (number !== null && numberHeld(state.players, number.toLowerCase()))
    return state.roster === null
      ? reject('duplicate_number', `Số báo danh ${number} đã có người sử dụng.`)
      : reject('number_taken', MESSAGES.numberTaken(number));
  if (activeCount(state.players) >= state.settings.maxPlayers)
    return reject('room_full', `Phòng thi đã đủ ${state.settings.maxPlayers} người chơi.`);

  // Structural sharing: a join only adds a player (a deep copy per join grows with the lobby),
  // and the new list keeps the old one's index.
  const draft: LiveState = {
    ...state,
    players: withPlayer(state.players, {
      id,
      name,
      number,
      team,
      joinOrder: state.players.length + 1,
      joinedAt: now,
      kicked: false,
      score: 0,
      correctCount: 0,
      correctTimeMs: 0,
      streak: 0,
      eliminated: false,
      eliminatedAtSeq: null,
    }),
  };
  return accepted(state, draft, [
    { kind: 'broadcast', to: 'host' },
    { kind: 'broadcast', to: 'stage' },
    { kind: 'send', playerId: id },
  ]);
}

/** Who a player says they are, in a room without a roster: the typed name, number and team. */
function typedIdentity(
  command: JoinCommand,
): { ok: true; entry: Pick<LivePlayer, 'name' | 'number' | 'team'> } | LiveRejection {
  const rawName: unknown = command.name;
  const name = typeof rawName === 'string' ? normalizeText(rawName) : '';
  if (textLength(name) < 1 || textLength(name) > MAX_NAME_LENGTH)
    return reject('invalid_name', MESSAGES.invalidName);
  const number = optionalText(command.number, MAX_NUMBER_LENGTH);
  if (number === false) return reject('invalid_input', MESSAGES.invalidNumber);
  const team = optionalText(command.team, MAX_TEAM_LENGTH);
  if (team === false) return reject('invalid_input', MESSAGES.invalidTeam);
  return { ok: true, entry: { name, number, team } };
}

/** The checks shared by answer and buzz: who, and which question. */
function playerPrecheck(
  state: LiveState,
  playerId: unknown,
  questionIndex: unknown,
): { player: LivePlayer; run: QuestionRun; question: LiveQuestion } | LiveRejection {
  const player = playerById(state.players, playerId);
  if (player === undefined) return reject('unknown_player', MESSAGES.notJoined);
  if (player.kicked) return reject('kicked', MESSAGES.kickedSelf);
  if (state.phase === 'finished') return reject('finished', MESSAGES.finished);
  if (state.phase === 'paused') return reject('paused', MESSAGES.paused);
  const run = state.run;
  const question = currentQuestion(state);
  if (run === null || question === null) return reject('not_open_yet', MESSAGES.notStarted);
  if (!Number.isInteger(questionIndex)) return reject('invalid_input', MESSAGES.invalidCommand);
  if (questionIndex !== run.index) return reject('wrong_question', MESSAGES.questionOver);
  return { player, run, question };
}

function choicesProblem(question: LiveQuestion, choices: unknown): LiveRejection | null {
  if (
    !Array.isArray(choices) ||
    choices.length === 0 ||
    choices.some(
      (c) => !Number.isInteger(c) || (c as number) < 0 || (c as number) >= question.options.length,
    ) ||
    new Set(choices).size !== choices.length
  )
    return reject('invalid_choice', MESSAGES.invalidChoice);
  if (question.type !== 'multiple' && choices.length !== 1)
    return reject('invalid_choice', MESSAGES.singleChoice);
  return null;
}

function answer(state: LiveState, command: AnswerCommand, now: number): LiveResult {
  if (state.settings.format === 'buzzer') return reject('wrong_format', MESSAGES.answerByBuzzer);
  const checked = playerPrecheck(state, command.playerId, command.questionIndex);
  if ('ok' in checked) return checked;
  const { player, run, question } = checked;
  switch (state.phase) {
    case 'question_intro':
      return reject('not_open_yet', MESSAGES.notOpenYet);
    case 'answering':
      break;
    case 'locked':
      return reject('too_late', MESSAGES.tooLate);
    case 'lobby':
    case 'revealed':
    case 'leaderboard':
    case 'buzzer_armed':
    case 'buzzer_open':
    case 'buzzer_won':
    case 'paused':
    case 'finished':
      return reject('wrong_question', MESSAGES.questionOver);
  }
  if (run.deadlineAt === null || now > run.deadlineAt + state.settings.graceMs)
    return reject('too_late', MESSAGES.tooLate);
  if (!isEligible(state, player))
    return reject(
      'not_eligible',
      question.kind === 'rescue' ? MESSAGES.rescueOnlyEliminated : MESSAGES.eliminatedOnlyRescue,
    );
  const problem = choicesProblem(question, command.choices);
  if (problem) return problem;
  const previous = answerIndexOf(run.answers, player.id);
  if (previous !== -1 && state.settings.answerPolicy === 'first_final')
    return reject('already_answered', MESSAGES.alreadyAnswered);

  const given = {
    playerId: player.id,
    choices: [...command.choices].sort((a, b) => a - b),
    at: now,
    responseMs: responseTime(now, run.deadlineAt, run.allowedMs),
  };
  // Structural sharing, not a deep copy: an answer is the hot path and the state holds every
  // player and every past question; only the run's answer list and the top level change.
  const answers = withAnswer(run.answers, given);
  const draft: LiveState = { ...state, run: { ...run, answers } };
  lockIfAllAnswered(draft, eligibleOf(state));
  const locked = draft.phase === 'locked';
  return accepted(
    state,
    draft,
    locked
      ? ALL_VIEWS
      : [
          { kind: 'broadcast', to: 'host' },
          { kind: 'broadcast', to: 'stage' },
          { kind: 'send', playerId: player.id },
        ],
  );
}

function buzz(state: LiveState, command: BuzzCommand, now: number): LiveResult {
  if (state.settings.format !== 'buzzer') return reject('wrong_format', MESSAGES.noBuzzer);
  const checked = playerPrecheck(state, command.playerId, command.questionIndex);
  if ('ok' in checked) return checked;
  const { player, run } = checked;
  switch (state.phase) {
    case 'question_intro':
    case 'buzzer_armed':
      return reject('buzzer_closed', MESSAGES.buzzerClosed);
    case 'buzzer_open':
      break;
    case 'buzzer_won':
      return reject('buzzer_taken', MESSAGES.buzzerTaken);
    case 'lobby':
    case 'answering':
    case 'locked':
    case 'revealed':
    case 'leaderboard':
    case 'paused':
    case 'finished':
      return reject('wrong_question', MESSAGES.questionOver);
  }
  if (run.deadlineAt === null || now > run.deadlineAt + state.settings.graceMs)
    return reject('buzzer_closed', MESSAGES.buzzerExpired);
  if (run.buzzer?.lockedOut.includes(player.id))
    return reject('locked_out', MESSAGES.lockedOutSelf);

  const draft = draftOf(state);
  const draftRun = draft.run;
  if (draftRun?.buzzer == null) return reject('invalid_input', MESSAGES.invalidCommand);
  draftRun.buzzer.winner = {
    playerId: player.id,
    at: now,
    responseMs: responseTime(now, run.deadlineAt, run.allowedMs),
  };
  draftRun.deadlineAt = null;
  draft.phase = 'buzzer_won';
  return accepted(state, draft, ALL_VIEWS);
}
