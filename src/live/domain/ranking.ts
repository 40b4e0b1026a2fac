/**
 * Ranking of a live room, pure: competition ranks (1, 2, 2, 4), the leaderboard, the podium,
 * the golden-bell survivors and each player's result after a reveal.
 *
 * Order of the keys:
 *   1. golden bell only: players still alive first, then the eliminated ones, those eliminated
 *      later before those eliminated earlier;
 *   2. score, higher first;
 *   3. total response time of the correct answers, shorter first.
 * Players equal on every key share a rank. Join order only orders the rows of a shared rank
 * (it is a display order, not a tie-break: two players who did exactly as well are tied).
 * Kicked players are not ranked.
 */
import { withCompetitionRanks } from '../../rounds/domain/compare';
import { type LivePlayer, type LiveState } from './live-room.types';
import { holdsId, playerById, scoredRowOf } from './lookups';

export interface RankedPlayer {
  player: LivePlayer;
  /** 1-based competition rank. */
  rank: number;
}

/** The result a player sees after a reveal. */
export interface PlayerQuestionResult {
  questionIndex: number;
  answered: boolean;
  choices: number[] | null;
  isCorrect: boolean;
  /** Points gained by this question (streak bonus included; negative for a buzzer penalty). */
  pointsGained: number;
  streakBonus: number;
  totalScore: number;
  rank: number | null;
  /** Golden bell: still out (or just eliminated) after this question. */
  eliminated: boolean;
  eliminatedNow: boolean;
  revivedNow: boolean;
}

type RankInput = Pick<LiveState, 'players' | 'settings'>;

function comparePerformance(goldenBell: boolean) {
  return (a: LivePlayer, b: LivePlayer): number => {
    if (goldenBell) {
      if (a.eliminated !== b.eliminated) return a.eliminated ? 1 : -1;
      if (a.eliminated && b.eliminated) {
        const byElimination = (b.eliminatedAtSeq ?? 0) - (a.eliminatedAtSeq ?? 0);
        if (byElimination !== 0) return byElimination;
      }
    }
    if (a.score !== b.score) return b.score - a.score;
    return a.correctTimeMs - b.correctTimeMs;
  };
}

/** Every player still in the room, best first, with competition ranks. */
export function rankPlayers(state: RankInput): RankedPlayer[] {
  const compare = comparePerformance(state.settings.format === 'golden_bell');
  const sorted = state.players
    .filter((p) => !p.kicked)
    .sort((a, b) => compare(a, b) || a.joinOrder - b.joinOrder);
  return withCompetitionRanks(sorted, compare).map(({ item, rank }) => ({ player: item, rank }));
}

/** The first `size` rows of the ranking (settings.leaderboardSize by default). */
export function leaderboard(
  state: RankInput,
  size = state.settings.leaderboardSize,
): RankedPlayer[] {
  return rankPlayers(state).slice(0, Math.max(size, 0));
}

/** Ranks 1 to 3, ties included (two players tied first and one third: three rows). */
export function podium(state: RankInput): RankedPlayer[] {
  return rankPlayers(state).filter((row) => row.rank <= 3);
}

/** Golden bell: the players still alive, in ranking order. */
export function survivors(state: RankInput): LivePlayer[] {
  return rankPlayers(state)
    .map((row) => row.player)
    .filter((p) => !p.eliminated);
}

export function rankOf(state: RankInput, playerId: string): number | null {
  return rankPlayers(state).find((row) => row.player.id === playerId)?.rank ?? null;
}

/**
 * A player's result for the current question, once it is revealed; null before the reveal,
 * for a voided question or an unknown player.
 */
export function playerResult(
  state: Pick<LiveState, 'players' | 'settings' | 'run'>,
  playerId: string,
  /** Ranks by player id, when the caller already ranked the players. */
  ranks?: ReadonlyMap<string, number>,
): PlayerQuestionResult | null {
  const run = state.run;
  const player = playerById(state.players, playerId);
  if (run?.status !== 'revealed' || run.outcome === null || player === undefined) return null;
  const scored = scoredRowOf(run.outcome.scored, playerId);
  return {
    questionIndex: run.index,
    answered: scored?.answered ?? false,
    choices: scored?.choices ?? null,
    isCorrect: scored?.isCorrect ?? false,
    pointsGained: scored?.points ?? 0,
    streakBonus: scored?.streakBonus ?? 0,
    totalScore: player.score,
    rank: player.kicked ? null : ranks ? (ranks.get(playerId) ?? null) : rankOf(state, playerId),
    eliminated: player.eliminated,
    eliminatedNow: holdsId(run.outcome.eliminated, playerId),
    revivedNow: holdsId(run.outcome.revived, playerId),
  };
}
