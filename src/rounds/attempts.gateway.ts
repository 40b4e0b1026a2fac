import { Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { AppSocket } from '../realtime/socket-auth';
import { socketErrorReply } from '../realtime/socket-error.filter';
import { SocketRateLimits } from '../realtime/socket-rate-limits';
import { validateSocketPayload } from '../realtime/socket-validation.pipe';
import type { Ack } from '../shared/realtime/events';
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
 * The two events are taken here directly, not through Nest's message pipeline (as LiveGateway's
 * `live:answer`): a deadline brings thousands of submits within a second, and the pipeline's
 * per-message observables, pipes and filters were a large share of the server's CPU in the
 * deadline burst (docs/benchmarks.md). Same validation (`validateSocketPayload`, after a fast
 * path for well-formed payloads), same error replies (`socketErrorReply`).
 */
@WebSocketGateway()
export class AttemptsGateway implements OnGatewayConnection {
  private readonly logger = new Logger(AttemptsGateway.name);

  constructor(
    private readonly attempts: AttemptsService,
    private readonly limits: SocketRateLimits,
  ) {}

  handleConnection(client: AppSocket): void {
    client.on('attempt:save', (body: unknown, ack: unknown) => {
      this.reply(ack, this.save(client, body));
    });
    client.on('attempt:submit', (body: unknown, ack: unknown) => {
      this.reply(ack, this.submit(client, body));
    });
  }

  async save(client: AppSocket, body: unknown): Promise<Ack<AnswerSaved>> {
    try {
      const dto = wellFormedSave(body) ?? validateSocketPayload(AttemptSaveDto, body);
      await this.limits.participantWrite('attempt:save', client.handshake, dto.participantToken);
      const saved = await this.attempts.saveAnswer(
        dto.attemptId,
        dto.participantToken,
        dto.position,
        dto.chosen,
      );
      return { ok: true, data: saved };
    } catch (error) {
      return socketErrorReply(error, this.logger);
    }
  }

  async submit(client: AppSocket, body: unknown): Promise<Ack<AttemptResult>> {
    try {
      const dto = wellFormedSubmit(body) ?? validateSocketPayload(AttemptSubmitDto, body);
      await this.limits.participantWrite('attempt:submit', client.handshake, dto.participantToken);
      const result = await this.attempts.submit(
        dto.attemptId,
        dto.participantToken,
        dto.prediction,
      );
      return { ok: true, data: result };
    } catch (error) {
      return socketErrorReply(error, this.logger);
    }
  }

  /** Acknowledges with the reply (a message without an ack callback is handled, unanswered). */
  private reply<T>(ack: unknown, reply: Promise<Ack<T>>): void {
    reply
      .then((value) => {
        if (typeof ack === 'function') (ack as (reply: Ack<T>) => void)(value);
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'Could not acknowledge an attempt message');
      });
  }
}
