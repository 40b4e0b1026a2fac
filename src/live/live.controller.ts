import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/errors/domain-error';
import {
  ROSTER_FILE_MAX_BYTES,
  type LiveJoinInfo,
  type RosterParseReply,
} from '../shared/live/roster';
import { CreateLiveGameDto } from './dto/live.dto';
import { LiveGameNotFoundError, LiveRosterFileError } from './live.errors';
import { LiveService } from './live.service';
import { readRosterFile } from './roster/roster-file';
import { buildRosterTemplate } from './roster/roster-template';

const UPLOAD = FileInterceptor('file', { limits: { fileSize: ROSTER_FILE_MAX_BYTES, files: 1 } });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('live')
@Roles('admin', 'organizer', 'host')
@Controller('live')
export class LiveController {
  constructor(private readonly live: LiveService) {}

  /** A new live game in the lobby; the creator hosts it. `stageToken` is shown only once. */
  @Post('games')
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateLiveGameDto) {
    return this.live.createGame(principal, body);
  }

  /** Public: what a phone's join form must ask for this code (a roster game asks the number). */
  @Public()
  @Get('games/by-code/:code')
  joinInfo(@Param('code') code: string): Promise<LiveJoinInfo> {
    if (!/^[0-9]{6}$/.test(code)) throw new LiveGameNotFoundError();
    return this.live.joinInfo(code);
  }

  /** The example contestant list: the expected columns, two example rows and a help sheet. */
  @Get('rosters/template')
  async rosterTemplate(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', 'attachment; filename="mau-danh-sach-thi-sinh.xlsx"');
    response.send(await buildRosterTemplate());
  }

  /**
   * Reads an uploaded contestant list (.xlsx or .csv) without storing anything: the rows, to
   * send as `roster` when creating the game, or a 422 `LIVE_ROSTER_FILE_INVALID` whose
   * `details` list every problem (sheet, row, column, Vietnamese message).
   */
  @Post('rosters/parse')
  @HttpCode(200)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  async parseRoster(
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RosterParseReply> {
    if (!file)
      throw new ValidationFailedError([{ field: 'file', message: 'Chưa chọn tệp để tải lên.' }]);
    const read = await readRosterFile(
      file.buffer,
      Buffer.from(file.originalname, 'latin1').toString('utf8'),
    );
    if (read.problems.length > 0) throw new LiveRosterFileError(read.problems);
    return { rows: read.rows };
  }
}
