import { Inject, UseFilters, UseInterceptors, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { AppServer, AppSocket } from '../realtime/socket-auth';
import { SocketErrorFilter } from '../realtime/socket-error.filter';
import { SocketMetricsInterceptor } from '../realtime/socket-metrics.interceptor';
import { socketValidationPipe } from '../realtime/socket-validation.pipe';
import type { Ack } from '../shared/realtime/events';
import type { LeaderboardView } from '../shared/rounds';
import { LeaderboardUnwatchDto, LeaderboardWatchDto } from './dto/leaderboard-watch.dto';
import {
  LEADERBOARD_DEFAULT_LIMIT,
  LeaderboardService,
  leaderboardRoom,
} from './leaderboard.service';
import { ResultsService } from './results.service';
import { RoundsRepository } from './rounds.repository';

/** A socket watches at most this many leaderboards at once. */
const MAX_WATCHED = 4;

/**
 * Live leaderboards over socket.io: a client joins a round's leaderboard room (after the same
 * access check as the HTTP leaderboard) and receives `leaderboard:update` at most once a second.
 */
@WebSocketGateway()
@UseFilters(SocketErrorFilter)
@UseInterceptors(SocketMetricsInterceptor)
@UsePipes(socketValidationPipe)
export class LeaderboardGateway implements OnGatewayInit {
  constructor(
    private readonly leaderboards: LeaderboardService,
    private readonly results: ResultsService,
    private readonly repo: RoundsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: AppServer): void {
    this.leaderboards.attach(
      server,
      (id) => this.repo.findRound(id),
      this.config.redis.url !== null,
    );
  }

  @SubscribeMessage('leaderboard:watch')
  async watch(
    @ConnectedSocket() client: AppSocket,
    @MessageBody() body: LeaderboardWatchDto,
  ): Promise<Ack<LeaderboardView>> {
    const round = await this.results.requireRound(body.roundId);
    const participantId = await this.results.leaderboardAccess(round, body.participantToken);
    const group = body.group ?? null;
    const room = leaderboardRoom(round.id, group);
    const watching = [...client.rooms].filter((r) => r.startsWith('leaderboard:'));
    if (!watching.includes(room) && watching.length >= MAX_WATCHED) {
      const oldest = watching.at(0);
      if (oldest) await client.leave(oldest);
    }
    await client.join(room);
    const view = await this.leaderboards.view(
      round,
      group,
      LEADERBOARD_DEFAULT_LIMIT,
      participantId,
    );
    return { ok: true, data: view };
  }

  @SubscribeMessage('leaderboard:unwatch')
  async unwatch(
    @ConnectedSocket() client: AppSocket,
    @MessageBody() body: LeaderboardUnwatchDto,
  ): Promise<Ack<Record<string, never>>> {
    for (const room of client.rooms) {
      if (room.startsWith(`leaderboard:${body.roundId}:`)) await client.leave(room);
    }
    return { ok: true, data: {} };
  }
}
