import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Clock, CLOCK } from '../common/clock/clock';
import type { AppServer } from '../realtime/socket-auth';
import type {
  LeaderboardRow,
  LeaderboardView,
  ParticipantGroup,
  RankingRow,
} from '../shared/rounds';
import { maskPhone } from './domain/masking';
import type { TieBreakKey } from './domain/ranking';
import type { RoundEntity } from './entities/round.entity';
import { StandingChange, StandingWithPerson, StandingsRepository } from './standings.repository';

export const LEADERBOARD_DEFAULT_LIMIT = 50;
export const LEADERBOARD_MAX_LIMIT = 100;
/** Pushes of one round's leaderboard are at most this often (≤ 1 update per second). */
export const LEADERBOARD_PUSH_INTERVAL_MS = 1000;

/**
 * Score counts kept in memory are reloaded from the database this often, so grades landed by
 * other instances are counted too; this process's own grades update them at once.
 */
export const SCORE_COUNTS_REFRESH_MS = 5000;

/**
 * The top of a public leaderboard is the same for every watcher: it is read once and shared for
 * at most this long (the pace of the pushes), and dropped as soon as a grade lands in the round
 * or a change is announced by another instance, so a request never sees a top older than that.
 */
export const TOP_PAGE_TTL_MS = LEADERBOARD_PUSH_INTERVAL_MS;

/** A shared top page, read (or being read) since `at` (ms). */
interface TopPage {
  at: number;
  rows: Promise<LeaderboardRow[]>;
}

/** How many participants have each counted score, per group, for one round. */
interface ScoreCounts {
  loadedAt: number;
  byGroup: Map<ParticipantGroup, Map<number, number>>;
}

/** The socket.io room of one leaderboard (overall or one group). */
export function leaderboardRoom(roundId: string, group: ParticipantGroup | null): string {
  return `leaderboard:${roundId}:${group ?? 'all'}`;
}

/** Ranked rows of one page, with their competition ranks. */
export interface RankedStanding {
  rank: number;
  standing: StandingWithPerson;
}

type LiveKey = 'score' | 'durationMs' | 'submittedAt';
const LIVE_FIELDS: Record<Exclude<TieBreakKey, 'prediction'>, LiveKey> = {
  score: 'score',
  duration: 'durationMs',
  submittedAt: 'submittedAt',
};

function sameLiveKeys(
  a: StandingWithPerson,
  b: StandingWithPerson,
  chain: readonly TieBreakKey[],
): boolean {
  return chain.every((k) => {
    if (k === 'prediction') return true;
    const field = LIVE_FIELDS[k];
    const x = a[field];
    const y = b[field];
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
  });
}

export function toLeaderboardRow(rank: number, s: StandingWithPerson): LeaderboardRow {
  return {
    rank,
    fullName: s.fullName,
    unit: s.unit,
    phone: maskPhone(s.phone),
    participantGroup: s.participantGroup,
    score: s.score,
    maxScore: s.maxScore,
    durationMs: s.durationMs,
    submittedAt: s.submittedAt.toISOString(),
    predictionError: s.predictionError,
  };
}

export function toRankingRow(rank: number, s: StandingWithPerson): RankingRow {
  return {
    rank,
    participantId: s.participantId,
    attemptId: s.attemptId,
    fullName: s.fullName,
    phone: s.phone,
    cccd: s.cccd,
    unit: s.unit,
    participantGroup: s.participantGroup,
    birthYear: s.birthYear,
    score: s.score,
    maxScore: s.maxScore,
    perfect: s.perfect,
    prediction: s.prediction,
    predictionError: s.predictionError,
    durationMs: s.durationMs,
    startedAt: s.startedAt.toISOString(),
    submittedAt: s.submittedAt.toISOString(),
    prize: s.prize,
  };
}

/** Whether the round's final ranks are written (closed and computed). */
export function isFinal(round: Pick<RoundEntity, 'status' | 'trueValue'>): boolean {
  return (
    (round.status === 'closed' || round.status === 'results_published') && round.trueValue !== null
  );
}

/**
 * Leaderboards from `round_standings`: pages and ranks by index range scans (live while the
 * round is open, by the stored final ranks once it is closed), and the throttled push of the
 * top of each watched leaderboard over socket.io — at most once a second per round, only when
 * a grade landed, one message per room (never one per answer).
 *
 * Several instances (REDIS_URL): a round is marked changed by the instance that graded the
 * attempt, which tells the others once per tick (`leaderboard:changed`, one inter-server message
 * per second at most, whatever the number of grades); every instance then pushes to the watchers
 * connected to it only (`server.local`), so each watcher gets one update, not one per instance.
 * The score counts behind "my rank" are a per-instance cache of the stored standings, refreshed
 * from PostgreSQL every few seconds, and at once when another instance announces a change.
 */
@Injectable()
export class LeaderboardService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LeaderboardService.name);
  private server: AppServer | undefined;
  /** Rounds where a grade landed in this process since the last tick (announced to the others). */
  private readonly changed = new Set<string>();
  /** Rounds another instance announced: pushed here, not announced again. */
  private readonly changedElsewhere = new Set<string>();
  private readonly scoreCounts = new Map<string, ScoreCounts>();
  /** Shared top pages per round, by `group|limit|final`. */
  private readonly topPages = new Map<string, Map<string, TopPage>>();
  private readonly loadingCounts = new Map<string, Promise<ScoreCounts>>();
  /** Grades landed per round in this process: a load that overlapped one may have missed it. */
  private readonly gradesLanded = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private clustered = false;
  private pushing: Promise<void> | undefined;
  private stopped = true;
  /** Looks a round up for a push (set by the results service, which owns round access). */
  private roundLookup: ((roundId: string) => Promise<RoundEntity | null>) | undefined;

  constructor(
    private readonly standings: StandingsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * One push per tick, and the next tick is armed only once the push is done: a push whose
   * queries were slow cannot be followed by a quick one less than a second later, so each
   * room gets at most one update a second whatever the database's pace.
   */
  onApplicationBootstrap(): void {
    this.stopped = false;
    this.armTick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pushing;
  }

  private armTick(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pruneTopPages();
      if (this.changed.size === 0 && this.changedElsewhere.size === 0) {
        this.armTick();
        return;
      }
      this.pushing = this.pushChanged()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'Leaderboard push failed');
        })
        .finally(() => {
          this.pushing = undefined;
          this.armTick();
        });
    }, LEADERBOARD_PUSH_INTERVAL_MS);
    this.timer.unref();
  }

  attach(
    server: AppServer,
    roundLookup: (roundId: string) => Promise<RoundEntity | null>,
    clustered: boolean,
  ): void {
    this.server = server;
    this.roundLookup = roundLookup;
    this.clustered = clustered;
    if (clustered)
      server.on('leaderboard:changed', (roundIds) => {
        if (!Array.isArray(roundIds)) return;
        for (const id of roundIds)
          if (typeof id === 'string') {
            this.changedElsewhere.add(id);
            this.dropTopPages(id);
          }
      });
  }

  /** A grade landed in this round: its watched leaderboards are pushed at the next tick. */
  markChanged(roundId: string): void {
    this.changed.add(roundId);
    this.dropTopPages(roundId);
  }

  /**
   * The round's shared top pages are stale (a grade, a close, an organizer's change): the next
   * request reads them again. Also what changes the names shown (a purge) calls.
   */
  dropTopPages(roundId: string): void {
    this.topPages.delete(roundId);
  }

  /** Every round's shared top pages are stale (a purge of personal data). */
  dropAllTopPages(): void {
    this.topPages.clear();
  }

  /** A grade landed: count the new counted score at once, and push at the next tick. */
  gradeLanded(change: StandingChange): void {
    this.markChanged(change.roundId);
    this.gradesLanded.set(change.roundId, (this.gradesLanded.get(change.roundId) ?? 0) + 1);
    const counts = this.scoreCounts.get(change.roundId);
    if (!counts || change.score === null) return;
    const scores = counts.byGroup.get(change.participantGroup) ?? new Map<number, number>();
    counts.byGroup.set(change.participantGroup, scores);
    if (change.previousScore !== null)
      scores.set(change.previousScore, (scores.get(change.previousScore) ?? 1) - 1);
    scores.set(change.score, (scores.get(change.score) ?? 0) + 1);
  }

  /** The round's score counts, loaded once and refreshed every few seconds. */
  private async counts(roundId: string): Promise<ScoreCounts> {
    const cached = this.scoreCounts.get(roundId);
    const now = Date.now();
    if (cached && now - cached.loadedAt < SCORE_COUNTS_REFRESH_MS) return cached;
    let loading = this.loadingCounts.get(roundId);
    if (!loading) {
      const landedBefore = this.gradesLanded.get(roundId) ?? 0;
      loading = this.standings
        .scoreCounts(roundId)
        .then((rows) => {
          const byGroup = new Map<ParticipantGroup, Map<number, number>>();
          for (const r of rows) {
            const scores = byGroup.get(r.group) ?? new Map<number, number>();
            scores.set(r.score, r.n);
            byGroup.set(r.group, scores);
          }
          // A grade landed while loading: the load may have missed it, so it is reloaded at the
          // next use (meanwhile a rank may be off by the grades of that instant).
          const overlapped = (this.gradesLanded.get(roundId) ?? 0) !== landedBefore;
          const fresh: ScoreCounts = { loadedAt: overlapped ? 0 : Date.now(), byGroup };
          this.scoreCounts.set(roundId, fresh);
          return fresh;
        })
        .finally(() => {
          this.loadingCounts.delete(roundId);
        });
      this.loadingCounts.set(roundId, loading);
    }
    return cached ?? loading;
  }

  private static sum(
    counts: ScoreCounts,
    group: ParticipantGroup | null,
    include: (score: number) => boolean,
  ): number {
    // forEach, not for…of over entries: no [key, value] pair per score (two sums per submit).
    let total = 0;
    counts.byGroup.forEach((scores, g) => {
      if (group && g !== group) return;
      scores.forEach((n, score) => {
        if (include(score)) total += n;
      });
    });
    return total;
  }

  /** A live rank with the score first: 1 + every higher score (counts) + `before` within it. */
  private static rankWithinScore(
    counts: ScoreCounts,
    group: ParticipantGroup | null,
    score: number,
    before: number,
  ): number {
    return 1 + LeaderboardService.sum(counts, group, (s) => s > score) + before;
  }

  /** How many participants are ranked (from the in-memory score counts). */
  async rankedCount(roundId: string, group: ParticipantGroup | null): Promise<number> {
    return LeaderboardService.sum(await this.counts(roundId), group, () => true);
  }

  /**
   * A live rank: 1 + the rows strictly before. With the score first in the chain (the default),
   * the rows with a higher score come from the in-memory counts and only the rows with the same
   * score are counted in the database (an index range), so a rank costs the same at 100,000
   * participants as at 100. Another chain counts over the index.
   */
  async liveRank(
    roundId: string,
    group: ParticipantGroup | null,
    chain: readonly TieBreakKey[],
    row: Pick<StandingWithPerson, 'score' | 'durationMs' | 'submittedAt'>,
  ): Promise<number> {
    const first = chain.find((k) => k !== 'prediction');
    if (first !== 'score') return this.standings.liveRankOf(roundId, group, chain, row);
    const [counts, within] = await Promise.all([
      this.counts(roundId),
      this.standings.countBeforeWithinScore(roundId, group, chain, row),
    ]);
    return LeaderboardService.rankWithinScore(counts, group, row.score, within);
  }

  /** One page of a round's ranking with competition ranks (1, 2, 2, 4). */
  async page(
    round: RoundEntity,
    group: ParticipantGroup | null,
    limit: number,
    offset: number,
  ): Promise<RankedStanding[]> {
    if (isFinal(round)) {
      const rows = await this.standings.pageFinal(round.id, group, limit, offset);
      return rows.map((standing) => ({
        rank: (group ? standing.groupRank : standing.finalRank) ?? 0,
        standing,
      }));
    }
    const chain = round.tieBreakChain;
    const rows = await this.standings.pageLive(round.id, group, chain, limit, offset);
    const ranked: RankedStanding[] = [];
    for (const [i, standing] of rows.entries()) {
      const previous = ranked.at(-1);
      let rank: number;
      if (previous && sameLiveKeys(previous.standing, standing, chain)) rank = previous.rank;
      else if (i === 0 && offset > 0) rank = await this.liveRank(round.id, group, chain, standing);
      else rank = offset + i + 1;
      ranked.push({ rank, standing });
    }
    return ranked;
  }

  /**
   * The first `limit` rows, shared by every request and push for up to `TOP_PAGE_TTL_MS` and
   * until the round's leaderboard may have changed (`dropTopPages`). Requests that miss at once
   * share one read.
   */
  private topPage(
    round: RoundEntity,
    group: ParticipantGroup | null,
    limit: number,
  ): Promise<LeaderboardRow[]> {
    const key = `${group ?? ''}|${String(limit)}|${isFinal(round) ? 'final' : 'live'}`;
    const now = Date.now();
    let pages = this.topPages.get(round.id);
    const cached = pages?.get(key);
    if (cached && now - cached.at < TOP_PAGE_TTL_MS) return cached.rows;
    const rows = this.page(round, group, limit, 0).then((page) =>
      page.map((r) => toLeaderboardRow(r.rank, r.standing)),
    );
    // Kept from the start of the read, so a grade that lands during it drops it too.
    if (!pages) this.topPages.set(round.id, (pages = new Map<string, TopPage>()));
    pages.set(key, { at: now, rows });
    // A read that fails is not kept: the next request tries again.
    rows.catch(() => {
      const current = this.topPages.get(round.id);
      if (current?.get(key)?.rows === rows) current.delete(key);
    });
    return rows;
  }

  /** Shared top pages past their time: dropped at each tick, so the map holds only live ones. */
  private pruneTopPages(): void {
    const now = Date.now();
    for (const [roundId, pages] of this.topPages) {
      for (const [key, page] of pages) if (now - page.at >= TOP_PAGE_TTL_MS) pages.delete(key);
      if (pages.size === 0) this.topPages.delete(roundId);
    }
  }

  /**
   * The rank of one participant's standing (null when they have none). Live with the score first
   * in the chain (the default): the standing and the rows before it within its score in one
   * statement, the higher scores from the in-memory counts.
   */
  async rankOf(
    round: RoundEntity,
    group: ParticipantGroup | null,
    participantId: string,
  ): Promise<RankedStanding | null> {
    const chain = round.tieBreakChain;
    if (!isFinal(round) && chain.find((k) => k !== 'prediction') === 'score') {
      const [found, counts] = await Promise.all([
        this.standings.findStandingWithinScore(round.id, participantId, group, chain),
        this.counts(round.id),
      ]);
      if (!found || (group && found.standing.participantGroup !== group)) return null;
      const { standing, before } = found;
      const rank = LeaderboardService.rankWithinScore(counts, group, standing.score, before);
      return { rank, standing };
    }
    const standing = await this.standings.findStanding(round.id, participantId);
    if (!standing) return null;
    if (group && standing.participantGroup !== group) return null;
    if (isFinal(round)) {
      const rank = group ? standing.groupRank : standing.finalRank;
      return rank === null ? null : { rank, standing };
    }
    return { rank: await this.liveRank(round.id, group, chain, standing), standing };
  }

  /** The public view: top `limit`, and `me` for a signed-in participant. */
  async view(
    round: RoundEntity,
    group: ParticipantGroup | null,
    limit: number,
    participantId: string | null,
  ): Promise<LeaderboardView> {
    const [rows, total, me] = await Promise.all([
      this.topPage(round, group, limit),
      this.rankedCount(round.id, group),
      participantId ? this.rankOf(round, group, participantId) : Promise.resolve(null),
    ]);
    return {
      roundId: round.id,
      group,
      provisional: !isFinal(round),
      total,
      generatedAt: this.clock.now().toISOString(),
      rows,
      me: me ? toLeaderboardRow(me.rank, me.standing) : null,
    };
  }

  /** Pushes the top of every watched leaderboard of the rounds that changed, to this instance's watchers. */
  async pushChanged(): Promise<void> {
    const server = this.server;
    const lookup = this.roundLookup;
    const mine = [...this.changed];
    const roundIds = new Set([...mine, ...this.changedElsewhere]);
    this.changed.clear();
    this.changedElsewhere.clear();
    if (!server || !lookup) return;
    if (this.clustered && mine.length > 0) server.serverSideEmit('leaderboard:changed', mine);
    // Grades landed on another instance: this one's score counts miss them, so they are loaded
    // again (one GROUP BY per such round and second) before the push is built from them.
    for (const roundId of roundIds) if (!mine.includes(roundId)) this.scoreCounts.delete(roundId);
    for (const roundId of roundIds) {
      const round = await lookup(roundId);
      if (!round || round.leaderboardVisibility === 'hidden') continue;
      for (const group of [null, ...round.eligibleGroups]) {
        const room = leaderboardRoom(roundId, group);
        if ((server.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
        const view = await this.view(round, group, LEADERBOARD_DEFAULT_LIMIT, null);
        server.local.to(room).emit('leaderboard:update', view);
      }
    }
  }
}
