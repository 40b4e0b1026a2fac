import { Logger, UseFilters, UseInterceptors, UsePipes } from '@nestjs/common';
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
import {
  Ack,
  ClockSyncReply,
  SOCKET_PROTOCOL_VERSION,
  WhoAmIReply,
} from '../shared/realtime/events';
import { ClockSyncDto } from './dto/clock-sync.dto';
import { AppServer, AppSocket } from './socket-auth';
import { SocketErrorFilter } from './socket-error.filter';
import { SocketMetricsInterceptor } from './socket-metrics.interceptor';
import { socketValidationPipe } from './socket-validation.pipe';

/**
 * Connection-level concerns shared by every realtime feature: who is connected, and the server
 * clock that all countdowns are computed from. Thin: authenticate, validate, reply.
 */
@WebSocketGateway()
@UseFilters(SocketErrorFilter)
@UseInterceptors(SocketMetricsInterceptor)
@UsePipes(socketValidationPipe)
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
  ) {}

  /** Authenticates in the handshake middleware, so no message is handled before we know who it is. */
  afterInit(server: AppServer): void {
    server.use((socket, next) => {
      const token =
        (typeof socket.handshake.auth.token === 'string' ? socket.handshake.auth.token : null) ??
        extractSessionToken({ cookie: socket.handshake.headers.cookie });
      if (!token) {
        socket.data.staff = null;
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
          this.logger.warn({ err: error }, 'Socket authentication failed');
          socket.data.staff = null;
          next();
        });
    });
  }

  handleConnection(client: AppSocket): void {
    this.metrics.socketConnections.inc({ namespace: client.nsp.name });
    client.emit('server:hello', { serverNow: Date.now(), protocol: SOCKET_PROTOCOL_VERSION });
  }

  handleDisconnect(client: AppSocket): void {
    this.metrics.socketConnections.dec({ namespace: client.nsp.name });
  }

  @SubscribeMessage('clock:sync')
  clockSync(@MessageBody() body: ClockSyncDto): Ack<ClockSyncReply> {
    return { ok: true, data: { clientSentAt: body.clientSentAt, serverNow: Date.now() } };
  }

  @SubscribeMessage('session:whoami')
  whoami(@ConnectedSocket() client: AppSocket): Ack<WhoAmIReply> {
    const staff = client.data.staff;
    return {
      ok: true,
      data: {
        staff: staff
          ? { accountId: staff.accountId, username: staff.username, role: staff.role }
          : null,
      },
    };
  }
}
