import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Actor, Public, Roles } from '../auth/auth.decorators';
import { ValidationFailedError } from '../common/errors/domain-error';
import type { UnitImportReport, UnitListResponse, UnitView } from '../shared/units';
import { CreateUnitDto, ImportUnitsQueryDto, UpdateUnitDto } from './dto/units.dto';
import { MAX_UNITS_FILE_BYTES } from './import/units-file';
import { UnitsService } from './units.service';

const UPLOAD = FileInterceptor('file', { limits: { fileSize: MAX_UNITS_FILE_BYTES, files: 1 } });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Units of a contest (khối, đơn vị, tổ dân phố): public list, organizer changes and import. */
@ApiTags('units')
@Controller()
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** Public: the registration form lists them. Tree order. */
  @Public()
  @Get('contests/:id/units')
  async list(@Param('id', ParseUUIDPipe) id: string): Promise<UnitListResponse> {
    return { items: await this.units.list(id) };
  }

  /** An example file with the expected columns and a help sheet. */
  @Roles('admin', 'organizer')
  @Get('contests/:id/units/template.xlsx')
  async template(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', 'attachment; filename="mau-danh-sach-don-vi.xlsx"');
    response.send(await this.units.template());
  }

  @Roles('admin', 'organizer')
  @Post('contests/:id/units')
  create(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateUnitDto,
  ): Promise<UnitView> {
    return this.units.create(actor, id, body);
  }

  /**
   * Upload an .xlsx or .csv file. Upsert by code, all or nothing: answers 200 with the report
   * (every problem listed, nothing written when there is one). `dryRun=true` only previews.
   */
  @Roles('admin', 'organizer')
  @Post('contests/:id/units/import')
  @HttpCode(200)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  async import(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ImportUnitsQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<UnitImportReport> {
    if (!file)
      throw new ValidationFailedError([{ field: 'file', message: 'Chưa chọn tệp để tải lên.' }]);
    return this.units.importFile(
      actor,
      id,
      {
        buffer: file.buffer,
        filename: Buffer.from(file.originalname, 'latin1').toString('utf8'),
      },
      query.dryRun,
    );
  }

  @Roles('admin', 'organizer')
  @Patch('units/:id')
  update(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(actor, id, body);
  }

  @Roles('admin', 'organizer')
  @Delete('units/:id')
  @HttpCode(204)
  async remove(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.units.remove(actor, id);
  }
}
