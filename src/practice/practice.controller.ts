import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '../auth/auth.decorators';
import { Clock, CLOCK } from '../common/clock/clock';
import { PracticeAnswerDto, PracticeStatsQueryDto, StartPracticeDto } from './dto/practice.dto';
import { InvalidDateRangeError } from './practice.errors';
import { PracticeService } from './practice.service';
import { vietnamDayRange } from './vietnam-days';

const TOKEN_HEADER = 'x-practice-token';

/** Public practice: no account. A session is reached with its id and the token given at start. */
@ApiTags('practice')
@Controller('practice')
export class PracticeController {
  constructor(
    private readonly practice: PracticeService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get('topics')
  async topics() {
    return { items: await this.practice.listTopics() };
  }

  @Public()
  @Post('sessions')
  start(@Body() body: StartPracticeDto) {
    return this.practice.start(body);
  }

  @Public()
  @ApiHeader({ name: TOKEN_HEADER, required: true })
  @Get('sessions/:id')
  get(@Param('id', ParseUUIDPipe) id: string, @Headers(TOKEN_HEADER) token: string | undefined) {
    return this.practice.get(id, token ?? '');
  }

  @Public()
  @ApiHeader({ name: TOKEN_HEADER, required: true })
  @Post('sessions/:id/answers')
  @HttpCode(200)
  answer(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(TOKEN_HEADER) token: string | undefined,
    @Body() body: PracticeAnswerDto,
  ) {
    return this.practice.answer(id, token ?? '', body.position, body.chosen);
  }

  @Public()
  @ApiHeader({ name: TOKEN_HEADER, required: true })
  @Get('sessions/:id/summary')
  summary(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(TOKEN_HEADER) token: string | undefined,
  ) {
    return this.practice.summary(id, token ?? '');
  }

  /** Organizer statistics: activity per day and topic, and the most-missed questions. */
  @Roles('admin', 'organizer')
  @Get('stats')
  stats(@Query() query: PracticeStatsQueryDto) {
    const { from, to } = this.range(query);
    return this.practice.stats(from, to);
  }

  @Roles('admin', 'organizer')
  @Get('stats/export.xlsx')
  async export(@Query() query: PracticeStatsQueryDto, @Res() response: Response): Promise<void> {
    const { from, to } = this.range(query);
    response.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    response.setHeader('Content-Disposition', 'attachment; filename="thong-ke-luyen-tap.xlsx"');
    response.send(await this.practice.statsWorkbook(from, to));
  }

  private range(query: PracticeStatsQueryDto): { from: Date; to: Date } {
    const range = vietnamDayRange(query.from, query.to, this.clock.now());
    if (!range) throw new InvalidDateRangeError();
    return range;
  }
}
