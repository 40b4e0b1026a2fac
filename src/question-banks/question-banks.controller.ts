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
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { Actor, Roles } from '../auth/auth.decorators';
import { ValidationFailedError } from '../common/errors/domain-error';
import {
  CreateBankDto,
  CreateTopicDto,
  ExportQueryDto,
  ImportOptionsDto,
  QuestionInputDto,
  QuestionQueryDto,
  StatsQueryDto,
  UpdateBankDto,
} from './dto/question-banks.dto';
import { IMPORT_LIMITS } from './formats';
import { QuestionBanksService } from './question-banks.service';

const UPLOAD = FileInterceptor('file', {
  limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1 },
});

function attachment(response: Response, filename: string, mimeType: string): void {
  response.setHeader('Content-Type', mimeType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
}

@ApiTags('question-banks')
@Roles('admin', 'organizer')
@Controller()
export class QuestionBanksController {
  constructor(private readonly banks: QuestionBanksService) {}

  @Get('banks')
  async list() {
    return { items: await this.banks.listBanks() };
  }

  @Post('banks')
  async create(@Actor() actor: AuditContext, @Body() body: CreateBankDto) {
    const bank = await this.banks.createBank(actor, body);
    return this.banks.getBank(bank.id);
  }

  /** The Excel template with Vietnamese headers, to fill in and import. */
  @Get('banks/template.xlsx')
  async template(@Res() response: Response): Promise<void> {
    attachment(
      response,
      'mau-ngan-hang-cau-hoi.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    response.send(await this.banks.template());
  }

  /** Question counts per topic, difficulty, audience, type and status; all banks or one. */
  @Get('banks/stats')
  stats(@Query() query: StatsQueryDto) {
    return this.banks.stats(query.bankId);
  }

  @Get('banks/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.banks.getBank(id);
  }

  @Patch('banks/:id')
  update(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateBankDto,
  ) {
    return this.banks.updateBank(actor, id, body);
  }

  @Delete('banks/:id')
  @HttpCode(204)
  async remove(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.banks.deleteBank(actor, id);
  }

  @Post('banks/:id/topics')
  createTopic(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateTopicDto,
  ) {
    return this.banks.createTopic(actor, id, body);
  }

  @Get('banks/:id/questions')
  questions(@Param('id', ParseUUIDPipe) id: string, @Query() query: QuestionQueryDto) {
    return this.banks.searchQuestions(id, query);
  }

  @Post('banks/:id/questions')
  createQuestion(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: QuestionInputDto,
  ) {
    return this.banks.createQuestion(actor, id, body);
  }

  /**
   * Upload a file (xlsx, csv, docx, Aiken, GIFT, json). `dryRun` (default true) only previews;
   * send the same file again with `dryRun=false` to import. Answers 200 with the report even
   * when the file has problems: the report lists every one.
   */
  @Post('banks/:id/import')
  @HttpCode(200)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        dryRun: { type: 'boolean' },
        onlyValid: { type: 'boolean' },
        duplicates: { type: 'string', enum: ['skip', 'update'] },
      },
    },
  })
  async import(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() options: ImportOptionsDto,
  ) {
    if (!file)
      throw new ValidationFailedError([{ field: 'file', message: 'Chưa chọn tệp để tải lên.' }]);
    return this.banks.importFile(
      actor,
      id,
      {
        buffer: file.buffer,
        filename: Buffer.from(file.originalname, 'latin1').toString('utf8'),
        mimeType: file.mimetype,
      },
      options,
    );
  }

  @Get('banks/:id/export')
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.banks.exportBank(id, query.format);
    attachment(response, file.filename, file.mimeType);
    response.send(file.buffer);
  }

  @Get('questions/:id')
  question(@Param('id', ParseUUIDPipe) id: string) {
    return this.banks.getQuestion(id);
  }

  @Put('questions/:id')
  updateQuestion(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: QuestionInputDto,
  ) {
    return this.banks.updateQuestion(actor, id, body);
  }

  @Delete('questions/:id')
  @HttpCode(204)
  async deleteQuestion(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.banks.deleteQuestion(actor, id);
  }
}
