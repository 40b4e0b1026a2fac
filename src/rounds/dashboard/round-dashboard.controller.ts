import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/auth.decorators';
import type { RoundDashboard } from '../../shared/dashboard';
import { RoundDashboardQueryDto } from './dashboard.dto';
import { RoundDashboardService } from './round-dashboard.service';

/** The organizers' live dashboard of a round and its participation-by-unit export. */
@ApiTags('round-dashboard')
@Roles('admin', 'organizer')
@Controller()
export class RoundDashboardController {
  constructor(private readonly dashboards: RoundDashboardService) {}

  /** Polled every few seconds while a round is open. */
  @Get('rounds/:id/dashboard')
  dashboard(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RoundDashboardQueryDto,
  ): Promise<RoundDashboard> {
    return this.dashboards.dashboard(id, query.unitRank);
  }

  @Get('rounds/:id/exports/participation.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async participation(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RoundDashboardQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.dashboards.participationExport(id, query.unitRank);
    response.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.send(file.buffer);
  }
}
