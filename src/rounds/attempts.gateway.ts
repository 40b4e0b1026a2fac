import { Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { MetricsService } from '../metrics/metrics.service';
import type { AppSocket } from '../realtime/socket-auth';
import { DirectMessageContext, onDirectMessage } from '../realtime/direct-message';
import { SocketRateLimits } from '../realtime/socket-rate-limits';
import { validateSocketPayload } from '../realtime/socket-validation.pipe';
import type { AnswerSaved, AttemptResult } from '../shared/rounds';
import { AttemptsService } from './attempts.service';
import {
  AttemptSaveDto,
  AttemptSubmitDto,
  wellFormedSave,
  wellFormedSubmit,
} from './dto/attempt-socket.dto';

/**
 * A participant's autosave and submit over the connection the attempt page keeps open: the
 * same service calls, checks, limits and errors as the HTTP routes (AttemptsController), without
 * an HTTP request per answer. Thin: validate, limit, call, reply.
 *
 * The two events are taken directly (`onDirectMessage`, as LiveGateway's `live:answer`): a
 * deadline brings thousands of submits within a second, and Nest's message pipeline was a large
 * share of the server's CPU in the deadline burst (docs/benchmarks.md). Same validation
 * (`validateSocketPayload`, after a fast path for well-formed payloads), same error replies.
 */
@WebSocketGateway()
export class AttemptsGateway implements OnGatewayConnection {
  private readonly direct: DirectMessageContext;

  constructor(
    private readonly attempts: AttemptsService,
    private readonly limits: SocketRateLimits,
    metrics: MetricsService,
  ) {
    this.direct = { logger: new Logger(AttemptsGateway.name), metrics };
  }

  handleConnection(client: AppSocket): void {
    onDirectMessage(client, 'attempt:save', this.direct, (body) => this.save(client, body));
    onDirectMessage(client, 'attempt:submit', this.direct, (body) => this.submit(client, body));
  }

  async save(client: AppSocket, body: unknown): Promise<AnswerSaved> {
    const dto = wellFormedSave(body) ?? validateSocketPayload(AttemptSaveDto, body);
    await this.limits.participantWrite('attempt:save', client.handshake, dto.participantToken);
    return this.attempts.saveAnswer(dto.attemptId, dto.participantToken, dto.position, dto.chosen);
  }

  async submit(client: AppSocket, body: unknown): Promise<AttemptResult> {
    const dto = wellFormedSubmit(body) ?? validateSocketPayload(AttemptSubmitDto, body);
    await this.limits.participantWrite('attempt:submit', client.handshake, dto.participantToken);
    return this.attempts.submit(dto.attemptId, dto.participantToken, dto.prediction);
  }
}
