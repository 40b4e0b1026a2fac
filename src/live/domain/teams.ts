/**
 * Team standings (e.g. one team per unit, đơn vị), pure. A team's score is the sum or the
 * average of its members' scores; kicked players and players without a team do not count.
 * Teams with equal scores share a rank (1, 2, 2, 4) and are listed by name.
 */
import { compareStrings, withCompetitionRanks } from '../../rounds/domain/compare';
import { type LivePlayer, type TeamScoringMode } from './live-room.types';

export interface TeamStanding {
  team: string;
  /** Sum of the members' scores, or their average rounded to 2 decimals. */
  score: number;
  memberCount: number;
  /** Member ids, in join order. */
  memberIds: string[];
  rank: number;
}

export function teamStandings(
  players: readonly LivePlayer[],
  mode: TeamScoringMode,
): TeamStanding[] {
  const byTeam = new Map<string, LivePlayer[]>();
  for (const player of [...players].sort((a, b) => a.joinOrder - b.joinOrder)) {
    if (player.kicked || player.team === null) continue;
    const members = byTeam.get(player.team) ?? [];
    members.push(player);
    byTeam.set(player.team, members);
  }
  const rows = [...byTeam.entries()].map(([team, members]) => {
    const sum = members.reduce((total, p) => total + p.score, 0);
    const score = mode === 'sum' ? sum : Math.round((sum / members.length) * 100) / 100;
    return { team, score, memberCount: members.length, memberIds: members.map((p) => p.id) };
  });
  rows.sort((a, b) => b.score - a.score || compareStrings(a.team, b.team));
  return withCompetitionRanks(rows, (a, b) => b.score - a.score).map(({ item, rank }) => ({
    ...item,
    rank,
  }));
}
