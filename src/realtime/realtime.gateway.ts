import { Logger, UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { AuthService } from '../auth/auth.service';
import { extractSessionToken } from '../auth/session-token.extractor';
import { MetricsService } from '../metrics/metrics.service';
import { Ack, ClockSyncReply, SOCKET_PROTOCOL_VERSION, WhoAmIReply } from '../shared/realtime/events';
import { ClockSyncDto } from './dto/clock-sync.dto';
import { AppSocket } from './socket-auth';
import { SocketErrorFilter } from './socket-error.filter';
import { socketValidationPipe } from './socket-validation.pipe';

/**
 * Connection-level concerns shared by every realtime feature: who is connected, and the server
 * clock that all countdowns are computed from. Thin: authenticate, validate, reply.
 */
@WebSocketGateway()
@UseFilters(SocketErrorFilter)
@UsePipes(socketValidationPipe)
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
  ) {}

  async handleConnection(client: AppSocket): Promise<void> {
    this.metrics.socketConnections.inc({ namespace: client.nsp.name });
    const token =
      (typeof client.handshake.auth?.token === 'string' ? client.handshake.auth.token : null) ??
      extractSessionToken({ cookie: client.handshake.headers.cookie });
    try {
      client.data.staff = token ? await this.auth.authenticate(token) : null;
    } catch (error) {
      this.logger.warn({ err: error }, 'Socket authentication failed');
      client.data.staff = null;
    }
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
    return { ok: true, data: { staff: staff ? { accountId: staff.accountId, username: staff.username, role: staff.role } : null } };
  }
}
