import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ParticipantRateLimited } from '../common/http/throttling';
import { PARTICIPANT_TOKEN_HEADER } from '../shared/rounds';
import { AttemptsService } from './attempts.service';
import { SaveAnswerDto, SubmitAttemptDto } from './dto/rounds.dto';

/** A participant's attempts, reached with the token from registration or sign-in. */
@ApiTags('attempts')
@ApiHeader({ name: PARTICIPANT_TOKEN_HEADER, required: true })
@Public()
@Controller()
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @ParticipantRateLimited()
  @Post('rounds/:id/attempts')
  start(
    @Param('id', ParseUUIDPipe) roundId: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.attempts.start(roundId, token);
  }

  @Get('attempts/:id')
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.attempts.get(id, token);
  }

  @ParticipantRateLimited()
  @Put('attempts/:id/answers/:position')
  saveAnswer(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('position', ParseIntPipe) position: number,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
    @Body() body: SaveAnswerDto,
  ) {
    return this.attempts.saveAnswer(id, token, position, body.chosen);
  }

  @ParticipantRateLimited()
  @Post('attempts/:id/submit')
  @HttpCode(200)
  submit(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
    @Body() body: SubmitAttemptDto,
  ) {
    return this.attempts.submit(id, token, body.prediction);
  }

  @Get('attempts/:id/result')
  result(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.attempts.result(id, token);
  }
}
