import { Inject, Logger, UseFilters, UseInterceptors, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { extractSessionToken } from '../auth/session-token.extractor';
import { MetricsService } from '../metrics/metrics.service';
import { onDirectMessage } from '../realtime/direct-message';
import { socketClientAddress } from '../realtime/socket-address';
import { SocketErrorFilter } from '../realtime/socket-error.filter';
import { SocketMetricsInterceptor } from '../realtime/socket-metrics.interceptor';
import { socketValidationPipe, validateSocketPayload } from '../realtime/socket-validation.pipe';
import { LIVE_NAMESPACE, type LiveAck, type LiveClientEventReply } from '../shared/live/events';
import type { HostCommand } from './domain/live-room.types';
import {
  LiveAnswerDto,
  LiveBuzzDto,
  LiveHostDto,
  LiveJoinDto,
  LiveStageDto,
  wellFormedAnswer,
} from './dto/live.dto';
import { LiveNamespace, LiveService, LiveSocket } from './live.service';

/**
 * The live final over socket.io, namespace `/live` (its own typed event map,
 * src/shared/live/events.ts). Thin: authenticate (staff by session cookie at handshake,
 * players by the game they joined on this connection), validate, forward to LiveService.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(SocketErrorFilter)
@UseInterceptors(SocketMetricsInterceptor)
@UsePipes(socketValidationPipe)
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly live: LiveService,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handleConnection(client: LiveSocket): void {
    this.metrics.socketConnections.inc({ namespace: client.nsp.name });
    // The hottest event of a game (every phone, every question) is taken here directly, not
    // through Nest's message pipeline, whose per-message observables, pipes and filters cost
    // 20–35 % of the server's CPU per question at 10,000 players (docs/benchmarks.md); same
    // validation, same replies as the other events.
    onDirectMessage(client, 'live:answer', { logger: this.logger, metrics: this.metrics }, (body) =>
      this.answer(client, body),
    );
  }

  handleDisconnect(client: LiveSocket): void {
    this.metrics.socketConnections.dec({ namespace: client.nsp.name });
  }

  afterInit(nsp: LiveNamespace): void {
    this.live.attach(nsp);
    nsp.use((socket, next) => {
      socket.data.player = null;
      socket.data.staff = null;
      const token =
        (typeof socket.handshake.auth.token === 'string' ? socket.handshake.auth.token : null) ??
        extractSessionToken({ cookie: socket.handshake.headers.cookie });
      if (!token) {
        next();
        return;
      }
      this.auth
        .authenticate(token)
        .then((principal) => {
          socket.data.staff = principal;
          next();
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'Live socket authentication failed');
          next();
        });
    });
  }

  @SubscribeMessage('live:join')
  async join(
    @ConnectedSocket() client: LiveSocket,
    @MessageBody() body: LiveJoinDto,
  ): Promise<LiveAck<'live:join'>> {
    const reply = await this.live.join(
      body,
      socketClientAddress(client.handshake, this.config.http.trustProxy),
    );
    await this.live.bindPlayer(client, reply.gameId, reply.playerId);
    return { ok: true, data: reply };
  }

  /**
   * `live:answer`, validated as `socketValidationPipe` does (`validateSocketPayload`), a
   * well-formed payload recognised without class-validator first (`wellFormedAnswer`).
   */
  async answer(client: LiveSocket, body: unknown): Promise<LiveClientEventReply<'live:answer'>> {
    const dto = wellFormedAnswer(body) ?? validateSocketPayload(LiveAnswerDto, body);
    return this.live.answer(client.data.player, dto.questionIndex, dto.choices);
  }

  @SubscribeMessage('live:buzz')
  async buzz(
    @ConnectedSocket() client: LiveSocket,
    @MessageBody() body: LiveBuzzDto,
  ): Promise<LiveAck<'live:buzz'>> {
    const data = await this.live.buzz(client.data.player, body.questionIndex);
    return { ok: true, data };
  }

  @SubscribeMessage('live:host')
  async host(
    @ConnectedSocket() client: LiveSocket,
    @MessageBody() body: LiveHostDto,
  ): Promise<LiveAck<'live:host'>> {
    const view = await this.live.host(client, body.gameId, body.command as HostCommand | undefined);
    return { ok: true, data: { view } };
  }

  @SubscribeMessage('live:stage')
  async stage(
    @ConnectedSocket() client: LiveSocket,
    @MessageBody() body: LiveStageDto,
  ): Promise<LiveAck<'live:stage'>> {
    const view = await this.live.stage(client, body.gameId, body.stageToken);
    return { ok: true, data: { view } };
  }
}
