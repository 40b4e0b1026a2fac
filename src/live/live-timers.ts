import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../common/clock/clock';
import { LiveRepository } from './live.repository';

export const LEASE_MS = 3_000;
/** Renewal, and the look for expired leases of other processes: a dead holder is replaced 3–3.5 s after its last renewal (a frozen one too: 6 missed renewals). */
export const LEASE_RENEW_MS = 500;
const ACQUIRE_BATCH = 50;

export interface LiveTimerHandlers {
  /** The timer of a game is due: apply `tick` through the game's queue. */
  fire(gameId: string): Promise<void>;
  /** This process just took the game's lease: reload it and re-arm its timer. */
  acquired(gameId: string): Promise<void>;
}

/**
 * Which process drives which game's timer. The process holding a game's lease row (owner =
 * this process's random id, expiry 3 s, renewed every 0.5 s) arms one setTimeout per game at
 * the state's next timer; every 0.5 s it also takes the games whose lease expired (a crashed
 * or stopped process, or this process after a restart) and re-arms them from the stored state.
 * Firing only enqueues `tick`: the transition itself is a compare-and-set on the state's version,
 * so a stale holder can never apply it twice.
 */
@Injectable()
export class LiveTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveTimers.name);
  readonly owner = `live-${randomUUID()}`;
  private readonly held = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private loop: NodeJS.Timeout | null = null;
  private ticking = false;
  private handlers: LiveTimerHandlers | null = null;

  constructor(
    private readonly repo: LiveRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  setHandlers(handlers: LiveTimerHandlers): void {
    this.handlers = handlers;
  }

  onApplicationBootstrap(): void {
    this.loop = setInterval(() => {
      void this.renewAndAcquire();
    }, LEASE_RENEW_MS);
    this.loop.unref();
    void this.renewAndAcquire();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.loop) clearInterval(this.loop);
    this.loop = null;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.held.clear();
    try {
      await this.repo.releaseLeases(this.owner);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not release live-game leases');
    }
  }

  holds(gameId: string): boolean {
    return this.held.has(gameId);
  }

  /** A game created by this process starts leased by it. */
  adopt(gameId: string): void {
    this.held.add(gameId);
  }

  /** Arms (or cancels, with null) the one timer of a game; only the lease holder arms. */
  arm(gameId: string, at: number | null): void {
    const previous = this.timers.get(gameId);
    if (previous) clearTimeout(previous);
    this.timers.delete(gameId);
    if (at === null || !this.held.has(gameId) || this.loop === null) return;
    const delay = Math.min(Math.max(at - this.clock.now().getTime(), 0), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(gameId);
      if (!this.held.has(gameId)) return;
      this.handlers?.fire(gameId).catch((error: unknown) => {
        this.logger.error({ err: error, gameId }, 'Live timer failed');
      });
    }, delay);
    this.timers.set(gameId, timer);
  }

  /** The game is over: no timer, no lease to renew. */
  forget(gameId: string): void {
    this.arm(gameId, null);
    this.held.delete(gameId);
  }

  private async renewAndAcquire(): Promise<void> {
    if (this.ticking || this.loop === null) return;
    this.ticking = true;
    try {
      const renewed = new Set(await this.repo.renewLeases(this.owner, LEASE_MS));
      for (const gameId of [...this.held]) {
        if (!renewed.has(gameId)) {
          this.logger.warn({ gameId }, 'Lost the lease of a live game');
          this.forget(gameId);
        }
      }
      const taken = await this.repo.acquireExpiredLeases(this.owner, LEASE_MS, ACQUIRE_BATCH);
      for (const gameId of taken) {
        this.held.add(gameId);
        this.logger.log({ gameId }, 'Took the lease of a live game');
        await this.handlers?.acquired(gameId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Live-game lease round failed');
    } finally {
      this.ticking = false;
    }
  }
}
