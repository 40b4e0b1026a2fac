import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '../audit/audit.service';
import { Actor, Roles } from '../auth/auth.decorators';
import type { AccountView } from '../shared/accounts';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, ResetPasswordDto, UpdateAccountDto } from './dto/accounts.dto';

@ApiTags('accounts')
@Roles('admin')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  async list(): Promise<{ items: AccountView[] }> {
    return { items: await this.accounts.list() };
  }

  @Post()
  async create(
    @Actor() actor: AuditContext,
    @Body() body: CreateAccountDto,
  ): Promise<{ account: AccountView }> {
    return { account: await this.accounts.create(actor, body) };
  }

  @Patch(':id')
  async update(
    @Actor() actor: AuditContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAccountDto,
  ): Promise<{ account: AccountView }> {
    return { account: await this.accounts.update(actor, id, body) };
  }

  @Post(':id/reset-password')
  async resetPassword(
    @Actor() actor: AuditContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<{ account: AccountView }> {
    return { account: await this.accounts.resetPassword(actor, id, body.password) };
  }
}
