import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import { CLOCK, Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type {
  LiveClientToServerEvents,
  LiveCounts,
  LiveJoinReply,
  LiveServerToClientEvents,
  RoomView,
} from '../shared/live/events';
import { createLiveRoom, defaultSettings } from './domain/live-room.create';
import { answerIndexOf, batchOf, playerById, samePlayers } from './domain/lookups';
import { activePlayers, apply, eligiblePlayers, nextTimerAt } from './domain/live-room.machine';
import type {
  HostCommand,
  LiveCommand,
  LiveEffect,
  LiveFormat,
  LiveQuestionInput,
  LiveRejection,
  LiveSettings,
  LiveState,
} from './domain/live-room.types';
import {
  commonView,
  HostView,
  hostView,
  PlayerView,
  playerView,
  playerViews,
  StageView,
  stageView,
} from './domain/views';
import { JoinRateLimiter } from './join-rate-limiter';
import {
  LiveBadReconnectTokenError,
  LiveBadStageTokenError,
  LiveBusyError,
  LiveGameNotFoundError,
  LiveNotEnoughQuestionsError,
  LiveNotHostError,
  LiveNotJoinedError,
  LiveJoinRateLimitedError,
  LiveRejectedError,
} from './live.errors';
import { LEASE_MS, LiveTimers } from './live-timers';
import {
  type AnswerRow,
  LiveRepository,
  type NewPlayerRow,
  type StoredAnswer,
} from './live.repository';

export interface LiveSocketData {
  staff: Principal | null;
  player: { gameId: string; playerId: string } | null;
}
export type LiveSocket = Socket<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveInterServerEvents,
  LiveSocketData
>;
/** Between instances (REDIS_URL): a command for a game whose lease another instance holds. */
export interface LiveInterServerEvents {
  'live:forward': (request: ForwardRequest, reply: (answer: ForwardAnswer) => void) => void;
}
export type LiveNamespace = Namespace<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveInterServerEvents,
  LiveSocketData
>;

/** What a caller wants back from a command: nothing, the player's view, or the host's. */
type Projection = { to: 'none' } | { to: 'player'; playerId: string } | { to: 'host' };
type Executed = { ok: true; view: PlayerView | HostView | null } | LiveRejection;

interface ForwardRequest {
  gameId: string;
  command: LiveCommand;
  now: number;
  tokenHash: string | null;
  projection: Projection;
}
/** `handled: false`: this instance does not hold the game's lease. */
type ForwardAnswer =
  | { handled: false }
  | { handled: true; executed: Executed }
  | { handled: true; error: { kind: DomainError['kind']; code: string; message: string } };

export interface CreateGameInput {
  bankId: string;
  questionIds?: string[];
  count?: number;
  rescueCount?: number;
  format: LiveFormat;
  points?: number;
  timeLimitMs?: number;
  settings?: Partial<Omit<LiveSettings, 'format'>>;
  /** The contestant list (checked by createLiveRoom); absent: anyone with the code may join. */
  roster?: { number: string; name: string; team?: string | null }[];
}

/**
 * Answers and joins applied and committed together (group commit): one transaction, one
 * statement for the answers and one for the players, whatever the size. Commits of one game
 * run one after the other, so this bounds how many commits a burst costs: 10,000 answers in a
 * second were 157 commits of 64 (~25 ms each, 4 s for the last ack).
 */
const MAX_GROUP = 1000;
/** Aggregated counts and lobby views go to host and stage at most this often. */
const THROTTLE_MS = 250;
const CAS_ATTEMPTS = 5;
const SETTING_KEYS = Object.keys(defaultSettings('classic')).filter((k) => k !== 'format');

const hostRoom = (gameId: string) => `live:${gameId}:host`;
const stageRoom = (gameId: string) => `live:${gameId}:stage`;
const playersRoom = (gameId: string) => `live:${gameId}:players`;
const playerRoom = (gameId: string, playerId: string) => `live:${gameId}:player:${playerId}`;

function sha256(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

type Outcome = { ok: true; state: LiveState } | LiveRejection;
/** What one command of a batch did: its effects, or why it was refused. */
type Applied = { ok: true; effects: LiveEffect[] } | LiveRejection;

interface Pending {
  command: LiveCommand;
  /** Server arrival time: the reducer's `now`. */
  now: number;
  /** A new player's reconnect token hash, to store with the player row. */
  tokenHash?: Buffer;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

interface Room {
  gameId: string;
  hostAccountId: string;
  stageTokenHash: Buffer;
  state: LiveState;
  version: number;
  queue: Pending[];
  draining: boolean;
  flush: NodeJS.Timeout | null;
  countsDirty: boolean;
  viewsDirty: boolean;
}

class CasConflict extends Error {}

/**
 * The live final's use cases. One in-process serial queue per game applies commands with the
 * pure reducer at their arrival time; each accepted change is written by compare-and-set on the
 * game's version (answers and new players in the same transaction) before anyone is told; then
 * the effects become broadcasts of rebuilt views. The database is the truth: on a conflict
 * (another process moved the game) the room is reloaded and the commands re-applied.
 *
 * With several instances (REDIS_URL), the instance holding a game's lease is its only writer:
 * commands arriving elsewhere are forwarded to it over the socket.io adapter
 * (`serverSideEmit` with an acknowledgement) and applied there, in its queue; the reply carries
 * the reducer's outcome back. When no instance holds the lease (its holder just died, before
 * another takes it over) the command is applied where it arrived, by the same compare-and-set.
 */
@Injectable()
export class LiveService implements OnModuleInit {
  private readonly logger = new Logger(LiveService.name);
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly joins: JoinRateLimiter;
  private nsp: LiveNamespace | null = null;

  private readonly clustered: boolean;

  constructor(
    private readonly repo: LiveRepository,
    private readonly timers: LiveTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.clustered = config.redis.url !== null;
    const perSecond = config.http.liveJoinsPerSecond;
    this.joins = new JoinRateLimiter(perSecond * 12, perSecond);
  }

  onModuleInit(): void {
    this.timers.setHandlers({
      fire: async (gameId) => {
        const room = await this.room(gameId);
        await this.enqueue(room, { type: 'tick' });
      },
      acquired: async (gameId) => {
        const room = await this.room(gameId);
        await this.reload(room);
        this.timers.arm(gameId, nextTimerAt(room.state));
      },
    });
  }

  attach(nsp: LiveNamespace): void {
    this.nsp = nsp;
    if (this.clustered)
      nsp.on('live:forward', (request, reply) => {
        this.handleForward(request).then(reply, (error: unknown) => {
          reply({ handled: true, error: describeError(error) });
        });
      });
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /* ------------------------------------------------------------ creation ---- */

  async createGame(
    host: Principal,
    input: CreateGameInput,
  ): Promise<{ id: string; code: string; stageToken: string }> {
    if (!(await this.repo.bankExists(input.bankId))) throw new LiveGameNotFoundError();
    const rows = await this.repo.findPublishedQuestions(input.bankId, input.questionIds ?? null);
    const wanted = input.questionIds?.length ?? input.count ?? 10;
    const picked = input.questionIds ? rows : shuffle(rows).slice(0, wanted);
    if (picked.length < wanted || picked.length === 0)
      throw new LiveNotEnoughQuestionsError(rows.length);
    const rescueFrom = picked.length - (input.rescueCount ?? 0);
    const questions: LiveQuestionInput[] = picked.map((q, i) => ({
      id: q.id,
      text: q.text,
      options: q.options,
      correct: q.correct,
      type: q.type,
      points: input.points ?? 1000,
      timeLimitMs: input.timeLimitMs ?? 20_000,
      explanation: q.explanation === '' ? undefined : q.explanation,
      kind: i >= rescueFrom ? 'rescue' : 'normal',
    }));
    const settings = Object.fromEntries(
      Object.entries(input.settings ?? {}).filter(([key]) => SETTING_KEYS.includes(key)),
    );
    const id = randomUUID();
    const created = createLiveRoom({
      roomId: id,
      format: input.format,
      questions,
      settings,
      roster: input.roster ?? null,
    });
    if (!created.ok) throw new LiveRejectedError(created);
    const stageToken = newToken();
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const inserted = await this.repo.insertGameUnlessCodeTaken({
        id,
        code,
        hostAccountId: host.accountId,
        format: input.format,
        state: created.state,
        stageTokenHash: sha256(stageToken),
        leaseOwner: this.timers.owner,
        leaseMs: LEASE_MS,
      });
      if (inserted !== null) {
        this.timers.adopt(id);
        return { id, code, stageToken };
      }
    }
    throw new LiveBusyError();
  }

  /* ------------------------------------------------------------- players ---- */

  /**
   * What a phone must know before `live:join`: whether the game takes a contestant number
   * from its roster instead of a name. The roster never changes, so any cached copy will do.
   */
  async joinInfo(code: string): Promise<{ rosterRequired: boolean }> {
    const gameId = await this.repo.findOpenGameIdByCode(code);
    if (gameId === null) throw new LiveGameNotFoundError();
    const room = await this.room(gameId);
    return { rosterRequired: room.state.roster !== null };
  }

  async join(
    input: { code: string; name: string; number?: string; team?: string; reconnectToken?: string },
    address: string,
  ): Promise<LiveJoinReply> {
    if (!this.joins.take(address, this.now())) throw new LiveJoinRateLimitedError();
    let gameId: string;
    let playerId: string;
    let token: string;
    let tokenHash: Buffer | undefined;
    let name = input.name;
    if (input.reconnectToken !== undefined) {
      const known = await this.repo.findPlayerByTokenHash(sha256(input.reconnectToken));
      if (known === null) throw new LiveBadReconnectTokenError();
      gameId = known.gameId;
      playerId = known.playerId;
      token = input.reconnectToken;
      name = known.name;
    } else {
      const found = await this.repo.findOpenGameIdByCode(input.code);
      if (found === null) throw new LiveGameNotFoundError();
      gameId = found;
      playerId = randomUUID();
      token = newToken();
      tokenHash = sha256(token);
    }
    const outcome = await this.execute(
      gameId,
      { type: 'join', playerId, name, number: input.number ?? null, team: input.team ?? null },
      { to: 'player', playerId },
      this.now(),
      tokenHash,
    );
    if (!outcome.ok) throw new LiveRejectedError(outcome);
    const view = outcome.view as PlayerView | null;
    if (view === null) throw new LiveNotJoinedError();
    return { gameId, playerId, reconnectToken: token, serverNow: this.now(), view };
  }

  /** One live connection per player: the newest replaces the others (told why, then closed). */
  async bindPlayer(socket: LiveSocket, gameId: string, playerId: string): Promise<void> {
    const previous = socket.data.player;
    if (previous && (previous.gameId !== gameId || previous.playerId !== playerId)) {
      await socket.leave(playersRoom(previous.gameId));
      await socket.leave(playerRoom(previous.gameId, previous.playerId));
    }
    const nsp = this.nsp;
    if (nsp) {
      // Across instances this asks every other one; one that does not answer in time (frozen)
      // must not stop the player from joining here.
      const others = await nsp
        .in(playerRoom(gameId, playerId))
        .fetchSockets()
        .catch((error: unknown) => {
          this.logger.warn({ err: error, gameId }, 'Could not look for older player connections');
          return [];
        });
      for (const other of others) {
        if (other.id === socket.id) continue;
        other.emit('live:closed', {
          reason: 'replaced',
          message: 'Bạn đã vào phòng thi từ một thiết bị hoặc thẻ khác.',
        });
        other.disconnect(true);
      }
    }
    socket.data.player = { gameId, playerId };
    await socket.join([playersRoom(gameId), playerRoom(gameId, playerId)]);
  }

  async answer(
    player: { gameId: string; playerId: string } | null,
    questionIndex: number,
    choices: number[],
  ): Promise<{ questionIndex: number; choices: number[]; receivedAt: number }> {
    if (player === null) throw new LiveNotJoinedError();
    const receivedAt = this.now();
    const outcome = await this.execute(
      player.gameId,
      { type: 'answer', playerId: player.playerId, questionIndex, choices },
      { to: 'none' },
      receivedAt,
    );
    if (!outcome.ok) throw new LiveRejectedError(outcome);
    return { questionIndex, choices: [...choices].sort((a, b) => a - b), receivedAt };
  }

  async buzz(
    player: { gameId: string; playerId: string } | null,
    questionIndex: number,
  ): Promise<{ questionIndex: number }> {
    if (player === null) throw new LiveNotJoinedError();
    const outcome = await this.execute(
      player.gameId,
      { type: 'buzz', playerId: player.playerId, questionIndex },
      { to: 'none' },
      this.now(),
    );
    if (!outcome.ok) throw new LiveRejectedError(outcome);
    return { questionIndex };
  }

  /* ---------------------------------------------------------- host, stage ---- */

  /** Subscribes the host's socket and applies the command, if any; replies with the host view. */
  async host(
    socket: LiveSocket,
    gameId: string,
    command: HostCommand | undefined,
  ): Promise<HostView> {
    const staff = socket.data.staff;
    const room = await this.room(gameId).catch(() => {
      throw new LiveGameNotFoundError();
    });
    if (staff === null || (staff.role === 'host' && staff.accountId !== room.hostAccountId))
      throw new LiveNotHostError();
    await socket.join(hostRoom(gameId));
    if (command === undefined) return hostView((await this.fresh(room)).state);
    const outcome = await this.execute(gameId, command, { to: 'host' }, this.now());
    if (!outcome.ok) throw new LiveRejectedError(outcome);
    return outcome.view as HostView;
  }

  async stage(socket: LiveSocket, gameId: string, stageToken: string): Promise<StageView> {
    const room = await this.room(gameId).catch(() => {
      throw new LiveGameNotFoundError();
    });
    if (!timingSafeEqual(sha256(stageToken), room.stageTokenHash))
      throw new LiveBadStageTokenError();
    await socket.join(stageRoom(gameId));
    return stageView((await this.fresh(room)).state);
  }

  /* ------------------------------------------------- commands, forwarding ---- */

  /**
   * Applies a command to a game where its lease is held: here, or on the instance holding it
   * (forwarded), or here by compare-and-set when nobody holds it.
   */
  private async execute(
    gameId: string,
    command: LiveCommand,
    projection: Projection,
    now: number,
    tokenHash?: Buffer,
  ): Promise<Executed> {
    if (this.clustered && !this.timers.holds(gameId)) {
      const forwarded = await this.forward({
        gameId,
        command,
        now,
        tokenHash: tokenHash?.toString('base64') ?? null,
        projection,
      });
      if (forwarded !== null) return forwarded;
    }
    return this.executeHere(gameId, command, projection, now, tokenHash);
  }

  private async executeHere(
    gameId: string,
    command: LiveCommand,
    projection: Projection,
    now: number,
    tokenHash?: Buffer,
  ): Promise<Executed> {
    const room = await this.room(gameId);
    const outcome = await this.enqueue(room, command, tokenHash, now);
    if (!outcome.ok) return outcome;
    const view =
      projection.to === 'player'
        ? playerView(outcome.state, projection.playerId)
        : projection.to === 'host'
          ? hostView(outcome.state)
          : null;
    return { ok: true, view };
  }

  /** Asks the other instances; null when none of them holds the game's lease. */
  private async forward(request: ForwardRequest): Promise<Executed | null> {
    const nsp = this.nsp;
    if (nsp === null) return null;
    // The adapter waits 5 s at most for every other instance; a late one (frozen) yields an
    // error with the answers received so far, among which may be the holder's.
    const { error, answers } = await new Promise<{ error: unknown; answers: ForwardAnswer[] }>(
      (resolve) => {
        nsp.serverSideEmit('live:forward', request, (err: unknown, received: ForwardAnswer[]) => {
          resolve({ error: err, answers: received });
        });
      },
    );
    for (const answer of answers) {
      if (!answer.handled) continue;
      if ('error' in answer) throw rebuildError(answer.error);
      return answer.executed;
    }
    if (error) {
      // The holder may be the instance that did not answer and may still apply the command:
      // applying it here too could apply it twice, so the player is asked to try again.
      this.logger.warn({ err: error, gameId: request.gameId }, 'Forwarded live command timed out');
      throw new LiveBusyError();
    }
    return null;
  }

  /** Another instance forwarded a command: apply it if this one holds the game's lease. */
  private async handleForward(request: ForwardRequest): Promise<ForwardAnswer> {
    if (!this.timers.holds(request.gameId)) return { handled: false };
    const executed = await this.executeHere(
      request.gameId,
      request.command,
      request.projection,
      request.now,
      request.tokenHash === null ? undefined : Buffer.from(request.tokenHash, 'base64'),
    );
    return { handled: true, executed };
  }

  /**
   * The room as stored, for a view read without a command: the cached state is current only on
   * the lease holder (it writes every change); elsewhere it is reloaded.
   */
  private async fresh(room: Room): Promise<Room> {
    if (this.clustered && !this.timers.holds(room.gameId)) await this.reload(room);
    return room;
  }

  /* --------------------------------------------------------------- rooms ---- */

  private async room(gameId: string): Promise<Room> {
    const cached = this.rooms.get(gameId);
    if (cached) return cached;
    const pending = this.loading.get(gameId);
    if (pending) return pending;
    const load = (async () => {
      const game = await this.repo.findGame(gameId);
      if (game === null) throw new LiveGameNotFoundError();
      const room: Room = {
        gameId,
        hostAccountId: game.hostAccountId,
        stageTokenHash: game.stageTokenHash,
        state: withLaterAnswers(game.state, game.laterAnswers, this.logger),
        version: game.version,
        queue: [],
        draining: false,
        flush: null,
        countsDirty: false,
        viewsDirty: false,
      };
      this.rooms.set(gameId, room);
      return room;
    })();
    this.loading.set(gameId, load);
    try {
      return await load;
    } finally {
      this.loading.delete(gameId);
    }
  }

  private async reload(room: Room): Promise<void> {
    const game = await this.repo.findGame(room.gameId);
    if (game === null) throw new LiveGameNotFoundError();
    room.state = withLaterAnswers(game.state, game.laterAnswers, this.logger);
    room.version = game.version;
  }

  private enqueue(
    room: Room,
    command: LiveCommand,
    tokenHash?: Buffer,
    now = this.now(),
  ): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      room.queue.push({ command, now, tokenHash, resolve, reject });
      void this.drain(room);
    });
  }

  private async drain(room: Room): Promise<void> {
    if (room.draining) return;
    room.draining = true;
    try {
      while (room.queue.length > 0) {
        const batch = takeBatch(room.queue);
        try {
          await this.run(room, batch);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      room.draining = false;
    }
  }

  /** Applies a batch in arrival order, commits it in one transaction, then tells everyone. */
  private async run(room: Room, batch: Pending[]): Promise<void> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const before = room.state;
      const expectedVersion = room.version;
      // What each command did, without the state after it: only the batch's last state is
      // kept, so the answer and player lists made within the batch can grow in place
      // (`batchOf`) instead of being copied per answer or join, and no intermediate list
      // outlives the loop.
      const results: Applied[] = [];
      const state = batchOf(() => {
        let last = before;
        for (const item of batch) {
          const result = apply(last, item.command, item.now);
          if (result.ok) {
            last = result.state;
            results.push({ ok: true, effects: result.effects });
          } else results.push(result);
        }
        return last;
      });
      if (state !== before) {
        const version = await this.commit(
          room,
          expectedVersion,
          batch,
          results,
          before,
          state,
        ).catch((error: unknown) => {
          if (error instanceof CasConflict) return null;
          throw error;
        });
        if (version === null) {
          await this.reload(room);
          continue;
        }
        room.state = state;
        room.version = version;
        if (state.phase === 'finished') this.timers.forget(room.gameId);
      }
      // Also after an unchanged state: a timer that fired a little early (setTimeout runs on
      // a monotonic clock) makes `tick` a no-op that asks to be scheduled again.
      if (state !== before || batch.some((item) => item.command.type === 'tick'))
        this.timers.arm(room.gameId, nextTimerAt(room.state));
      // Everyone accepted gets the batch's final state: views built from it share one ranking.
      batch.forEach((item, i) => {
        const result = results.at(i);
        if (result === undefined) return;
        item.resolve(result.ok ? { ok: true, state } : result);
      });
      this.publish(room, batch, results);
      return;
    }
    throw new LiveBusyError();
  }

  private commit(
    room: Room,
    expectedVersion: number,
    batch: Pending[],
    results: Applied[],
    before: LiveState,
    state: LiveState,
  ): Promise<number> {
    return this.repo.transaction(async (manager) => {
      // By question and player: a player who changed an answer within the batch has one row,
      // the last (an upsert may not touch a row twice in one statement). Joins and answers are
      // read from the batch's final state: a batch holds only joins and answers, which never
      // change or remove a player or an answer added before them, so what an accepted command
      // added is there, changed only by the same player's later answer (the one to store).
      const answers = new Map<string, AnswerRow>();
      const joined: NewPlayerRow[] = [];
      for (const [i, item] of batch.entries()) {
        const result = results.at(i);
        if (!result?.ok) continue;
        const command = item.command;
        if (command.type === 'join' && item.tokenHash !== undefined) {
          const player = playerById(state.players, command.playerId);
          if (player === undefined) continue;
          joined.push({
            playerId: player.id,
            tokenHash: item.tokenHash,
            name: player.name,
            number: player.number,
            team: player.team,
            joinedAt: player.joinedAt,
          });
        } else if (command.type === 'answer') {
          const list = state.run?.answers ?? [];
          const at = answerIndexOf(list, command.playerId);
          const given = at === -1 ? undefined : list.at(at);
          if (given === undefined) continue;
          answers.set(`${String(command.questionIndex)}:${command.playerId}`, {
            questionIndex: command.questionIndex,
            playerId: command.playerId,
            choices: given.choices,
            at: given.at,
          });
        }
      }
      await this.repo.insertPlayers(manager, room.gameId, joined);
      await this.repo.upsertAnswers(manager, room.gameId, [...answers.values()]);
      // A batch that only added answers leaves the stored state as it was (the answers are in
      // live_answers, and loading puts them back): O(batch) instead of O(players) per commit.
      const version = onlyAnswersAdded(before, state)
        ? await this.repo.bumpVersion(manager, room.gameId, expectedVersion)
        : await this.repo.compareAndSetState(
            manager,
            room.gameId,
            expectedVersion,
            state,
            nextTimerAt(state),
            !samePlayers(before.players, state.players),
          );
      if (version === null) throw new CasConflict();
      return version;
    });
  }

  /* ----------------------------------------------------------- fan-out ---- */

  private publish(room: Room, batch: Pending[], results: Applied[]): void {
    const effects: LiveEffect[] = results.flatMap((r) => (r.ok ? r.effects : []));
    if (effects.length === 0) return;
    const state = room.state;
    const nsp = this.nsp;
    if (nsp === null) return;
    // Players whose own command is in the batch get their view in the ack.
    const acked = new Set(
      batch.flatMap((item) =>
        item.command.type === 'join' || item.command.type === 'answer'
          ? [item.command.playerId]
          : [],
      ),
    );
    const everyone = effects.some((e) => e.kind === 'broadcast' && e.to === 'players');
    const hostOrStage = effects.some(
      (e) => e.kind === 'broadcast' && (e.to === 'host' || e.to === 'stage'),
    );
    if (everyone) {
      this.broadcastAll(nsp, room);
    } else if (hostOrStage) {
      if (batch.every((item) => item.command.type === 'answer')) room.countsDirty = true;
      else room.viewsDirty = true;
      this.scheduleFlush(nsp, room);
    }
    for (const effect of effects) {
      if (effect.kind === 'send' && !acked.has(effect.playerId)) {
        const view = playerView(state, effect.playerId);
        if (view) nsp.to(playerRoom(room.gameId, effect.playerId)).emit('live:view', view);
      } else if (effect.kind === 'disconnect') {
        const target = playerRoom(room.gameId, effect.playerId);
        nsp.to(target).emit('live:closed', { reason: 'kicked', message: effect.reason });
        nsp.in(target).disconnectSockets(true);
      }
    }
  }

  /**
   * Host and stage views, and the players' views: personal after a reveal, else one per room.
   * An emit writes to every socket of the room before it returns, so the order is the order of
   * arrival: a question reaches the phones first, then the stage (one view); results go to the
   * stage first (one view), then to each phone; the host's view, the largest, comes last.
   */
  private broadcastAll(nsp: LiveNamespace, room: Room): void {
    const state = room.state;
    room.countsDirty = false;
    room.viewsDirty = false;
    const phase = state.phase;
    if (phase === 'revealed' || phase === 'leaderboard' || phase === 'finished') {
      nsp.to(stageRoom(room.gameId)).emit('live:view', stageView(state));
      for (const view of playerViews(state))
        nsp.to(playerRoom(room.gameId, view.me.id)).emit('live:view', view);
    } else {
      const view: RoomView = { ...commonView(state), audience: 'room' };
      nsp.to(playersRoom(room.gameId)).emit('live:view', view);
      nsp.to(stageRoom(room.gameId)).emit('live:view', stageView(state));
    }
    nsp.to(hostRoom(room.gameId)).emit('live:view', hostView(state));
  }

  private scheduleFlush(nsp: LiveNamespace, room: Room): void {
    if (room.flush !== null) return;
    room.flush = setTimeout(() => {
      room.flush = null;
      const state = room.state;
      if (room.viewsDirty) {
        room.viewsDirty = false;
        nsp.to(hostRoom(room.gameId)).emit('live:view', hostView(state));
        nsp.to(stageRoom(room.gameId)).emit('live:view', stageView(state));
      }
      if (room.countsDirty) {
        room.countsDirty = false;
        const run = state.run;
        if (run === null) return;
        const active = new Set(activePlayers(state).map((p) => p.id));
        const counts: LiveCounts = {
          gameId: room.gameId,
          questionIndex: run.index,
          answered: run.answers.filter((a) => active.has(a.playerId)).length,
          eligible: eligiblePlayers(state).length,
        };
        nsp.to([hostRoom(room.gameId), stageRoom(room.gameId)]).emit('live:counts', counts);
      }
    }, THROTTLE_MS);
    room.flush.unref();
  }
}

/** Commands that are committed together when they queue up: one transaction, one state write. */
const groupable = (item: Pending | undefined): boolean =>
  item?.command.type === 'answer' || item?.command.type === 'join';

/** The head of the queue, plus the answers and joins right behind one (one group commit). */
function takeBatch(queue: Pending[]): Pending[] {
  const first = queue.shift();
  if (first === undefined) return [];
  const batch = [first];
  if (!groupable(first)) return batch;
  while (batch.length < MAX_GROUP && groupable(queue.at(0))) {
    const next = queue.shift();
    if (next) batch.push(next);
  }
  return batch;
}

/**
 * Whether `after` differs from `before` only by answers appended to the current question's list
 * (the reducer shares every untouched part of the state, so anything else that changed is a new
 * object).
 */
export function onlyAnswersAdded(before: LiveState, after: LiveState): boolean {
  const a = after.run;
  const b = before.run;
  if (a === null || b === null || a === b) return false;
  const sameExcept = <T extends object>(x: T, y: T, except: keyof T): boolean => {
    const keys = Object.keys(x) as (keyof T)[];
    return (
      keys.length === Object.keys(y).length && keys.every((k) => k === except || x[k] === y[k])
    );
  };
  // Only appended: a changed answer (change_until_lock) keeps its place in the list, which the
  // log (latest answer per player) could not restore, so it is written in full.
  const appended = b.answers.every((given, i) => a.answers.at(i) === given);
  return appended && sameExcept(after, before, 'run') && sameExcept(a, b, 'answers');
}

/** The stored state with the answers committed after it applied again, in arrival order. */
export function withLaterAnswers(
  state: LiveState,
  answers: readonly StoredAnswer[],
  logger?: Logger,
): LiveState {
  let current = state;
  for (const given of answers) {
    const index = current.run?.index;
    if (index === undefined) break;
    const result = apply(
      current,
      { type: 'answer', playerId: given.playerId, questionIndex: index, choices: given.choices },
      given.at,
    );
    if (result.ok) current = result.state;
    else
      logger?.warn({ playerId: given.playerId, code: result.code }, 'Stored answer not replayed');
  }
  return current;
}

function describeError(error: unknown): {
  kind: DomainError['kind'];
  code: string;
  message: string;
} {
  if (error instanceof DomainError)
    return { kind: error.kind, code: error.code, message: error.message };
  const busy = new LiveBusyError();
  return { kind: busy.kind, code: busy.code, message: busy.message };
}

function rebuildError(error: { kind: DomainError['kind']; code: string; message: string }) {
  return new DomainError(error.kind, error.code, error.message);
}

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]] as [T, T];
  }
  return copy;
}
