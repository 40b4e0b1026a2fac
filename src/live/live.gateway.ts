import { Logger, UseFilters, UsePipes } from '@nestjs/common';
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
import { extractSessionToken } from '../auth/session-token.extractor';
import { MetricsService } from '../metrics/metrics.service';
import { SocketErrorFilter } from '../realtime/socket-error.filter';
import { socketValidationPipe } from '../realtime/socket-validation.pipe';
import { LIVE_NAMESPACE, type LiveAck } from '../shared/live/events';
import type { HostCommand } from './domain/live-room.types';
import { LiveAnswerDto, LiveBuzzDto, LiveHostDto, LiveJoinDto, LiveStageDto } from './dto/live.dto';
import { LiveNamespace, LiveService, LiveSocket } from './live.service';

/**
 * The live final over socket.io, namespace `/live` (its own typed event map,
 * src/shared/live/events.ts). Thin: authenticate (staff by session cookie at handshake,
 * players by the game they joined on this connection), validate, forward to LiveService.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(SocketErrorFilter)
@UsePipes(socketValidationPipe)
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly live: LiveService,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
  ) {}

  handleConnection(client: LiveSocket): void {
    this.metrics.socketConnections.inc({ namespace: client.nsp.name });
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
    const reply = await this.live.join(body, client.handshake.address);
    await this.live.bindPlayer(client, reply.gameId, reply.playerId);
    return { ok: true, data: reply };
  }

  @SubscribeMessage('live:answer')
  async answer(
    @ConnectedSocket() client: LiveSocket,
    @MessageBody() body: LiveAnswerDto,
  ): Promise<LiveAck<'live:answer'>> {
    const data = await this.live.answer(client.data.player, body.questionIndex, body.choices);
    return { ok: true, data };
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
