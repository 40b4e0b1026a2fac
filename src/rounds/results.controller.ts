import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Actor, Public, Roles } from '../auth/auth.decorators';
import { PARTICIPANT_TOKEN_HEADER } from '../shared/rounds';
import { PrizeQuotasDto, RankingQueryDto } from './dto/rounds.dto';
import { RoundExportKind, RoundExportsService } from './round-exports.service';
import { toRoundView } from './round-views';
import { ResultsService } from './results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rankings, prizes, exports (organizers); leaderboards, public results and review (everyone). */
@ApiTags('results')
@Controller()
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly exports: RoundExportsService,
  ) {}

  @Roles('admin', 'organizer')
  @Get('rounds/:id/ranking')
  ranking(@Param('id', ParseUUIDPipe) id: string, @Query() query: RankingQueryDto) {
    return this.results.ranking(id, query.group ?? null, query.limit ?? 50, query.offset ?? 0);
  }

  @Roles('admin', 'organizer')
  @Get('rounds/:id/prizes')
  prizes(@Param('id', ParseUUIDPipe) id: string) {
    return this.results.prizes(id);
  }

  @Roles('admin', 'organizer')
  @Put('rounds/:id/prize-quotas')
  async setPrizeQuotas(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PrizeQuotasDto,
  ) {
    const quotas: Record<string, unknown> = {
      civil_servant: body.civil_servant,
      citizen: body.citizen,
    };
    return toRoundView(await this.results.setPrizeQuotas(actor, id, quotas));
  }

  @Roles('admin', 'organizer')
  @Get('rounds/:id/exports/attempts.xlsx')
  exportAttempts(@Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    return this.sendExport(id, 'attempts', response);
  }

  @Roles('admin', 'organizer')
  @Get('rounds/:id/exports/ranking.xlsx')
  exportRanking(@Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    return this.sendExport(id, 'ranking', response);
  }

  @Roles('admin', 'organizer')
  @Get('rounds/:id/exports/prizes.xlsx')
  exportPrizes(@Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    return this.sendExport(id, 'prizes', response);
  }

  /** Public or participants-only, per the round's setting; `me` with a participant token. */
  @Public()
  @ApiHeader({ name: PARTICIPANT_TOKEN_HEADER, required: false })
  @Get('rounds/:id/leaderboard')
  leaderboard(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RankingQueryDto,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.results.leaderboard(id, query.group ?? null, query.limit, token);
  }

  @Public()
  @Get('rounds/:id/results')
  publicResults(@Param('id', ParseUUIDPipe) id: string) {
    return this.results.publicResults(id);
  }

  @Public()
  @ApiHeader({ name: PARTICIPANT_TOKEN_HEADER, required: true })
  @Get('rounds/:id/my-attempts')
  myAttempts(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.results.myAttempts(id, token);
  }

  @Public()
  @ApiHeader({ name: PARTICIPANT_TOKEN_HEADER, required: true })
  @Get('attempts/:id/review')
  review(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined,
  ) {
    return this.results.review(id, token);
  }

  private async sendExport(id: string, kind: RoundExportKind, response: Response): Promise<void> {
    const file = await this.exports.build(id, kind);
    response.setHeader('Content-Type', XLSX);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    );
    response.send(file.content);
  }
}
