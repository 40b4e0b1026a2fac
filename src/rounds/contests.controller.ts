import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { PARTICIPANT_TOKEN_HEADER } from '../shared/rounds';
import type { AuditContext } from '../audit/audit.service';
import { Actor, Public, Roles } from '../auth/auth.decorators';
import { AuthRateLimited } from '../common/http/throttling';
import { ContestsService } from './contests.service';
import {
  CreateContestDto,
  CreateRoundDto,
  ParticipantListQueryDto,
  ParticipantSignInDto,
  RegisterParticipantDto,
  UpdateContestDto,
  UpdateRoundDto,
} from './dto/rounds.dto';
import { ParticipantsAdminService } from './participants-admin.service';
import { ParticipantsService } from './participants.service';

/** Contests and rounds (organizers), registration and sign-in (participants). */
@ApiTags('contests')
@Controller()
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly participants: ParticipantsService,
    private readonly participantsAdmin: ParticipantsAdminService,
  ) {}

  @Roles('admin', 'organizer')
  @Post('contests')
  createContest(@Actor() actor: AuditContext, @Body() body: CreateContestDto) {
    return this.contests.createContest(actor, body);
  }

  @Roles('admin', 'organizer')
  @Get('contests')
  async listContests() {
    return { items: await this.contests.listContests() };
  }

  /** Public: the contests with at least one round that is no longer a draft, newest first. */
  @Public()
  @Get('public/contests')
  async listPublicContests() {
    return { items: await this.contests.listPublicContests() };
  }

  /** Public: what a registration page needs (fields asked, rounds and their times). */
  @Public()
  @Get('contests/:id')
  getContest(@Param('id', ParseUUIDPipe) id: string) {
    return this.contests.publicContest(id);
  }

  @Roles('admin', 'organizer')
  @Post('contests/:id/rounds')
  createRound(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateRoundDto,
  ) {
    return this.contests.createRound(actor, id, body);
  }

  @Roles('admin', 'organizer')
  @Get('contests/:id/rounds')
  async listRounds(@Param('id', ParseUUIDPipe) id: string) {
    return { items: await this.contests.listRounds(id) };
  }

  @Roles('admin', 'organizer')
  @Post('rounds/:id/publish')
  @HttpCode(200)
  publish(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.contests.transition(actor, id, 'publish');
  }

  @Roles('admin', 'organizer')
  @Post('rounds/:id/open')
  @HttpCode(200)
  open(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.contests.transition(actor, id, 'open');
  }

  @Roles('admin', 'organizer')
  @Post('rounds/:id/close')
  @HttpCode(200)
  close(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.contests.transition(actor, id, 'close');
  }

  @Roles('admin', 'organizer')
  @Post('rounds/:id/publish-results')
  @HttpCode(200)
  publishResults(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.contests.transition(actor, id, 'publish_results');
  }

  @Roles('admin', 'organizer')
  @Patch('contests/:id')
  updateContest(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateContestDto,
  ) {
    return this.contests.updateContest(actor, id, body);
  }

  @Roles('admin', 'organizer')
  @Delete('contests/:id')
  @HttpCode(204)
  async deleteContest(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.contests.deleteContest(actor, id);
  }

  @Roles('admin', 'organizer')
  @Patch('rounds/:id')
  updateRound(
    @Actor() actor: AuditContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoundDto,
  ) {
    return this.contests.updateRound(actor, id, body);
  }

  @Roles('admin', 'organizer')
  @Get('rounds/:id')
  getRound(@Param('id', ParseUUIDPipe) id: string) {
    return this.contests.getRound(id);
  }

  @Roles('admin', 'organizer')
  @Delete('rounds/:id')
  @HttpCode(204)
  async deleteRound(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.contests.deleteRound(actor, id);
  }

  @Roles('admin', 'organizer')
  @Get('contests/:id/participants')
  listParticipants(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ParticipantListQueryDto,
  ) {
    return this.participantsAdmin.list(id, query.search, query.limit ?? 50, query.offset ?? 0);
  }

  @Roles('admin', 'organizer')
  @Post('participants/:id/reset-password')
  @HttpCode(200)
  resetPassword(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.participantsAdmin.resetPassword(actor, id);
  }

  @Roles('admin', 'organizer')
  @Post('contests/:id/purge-personal-data')
  @HttpCode(200)
  purge(@Actor() actor: AuditContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.participantsAdmin.purgePersonalData(actor, id);
  }

  @Public()
  @AuthRateLimited()
  @Post('contests/:id/participants')
  register(@Param('id', ParseUUIDPipe) id: string, @Body() body: RegisterParticipantDto) {
    return this.participants.register(id, body);
  }

  /** A participant signs out: the session token (header X-Participant-Token) is revoked. */
  @Public()
  @ApiHeader({ name: PARTICIPANT_TOKEN_HEADER, required: true })
  @Delete('participant-session')
  @HttpCode(204)
  async signOut(@Headers(PARTICIPANT_TOKEN_HEADER) token: string | undefined) {
    await this.participants.signOut(token);
  }

  @Public()
  @AuthRateLimited()
  @Post('contests/:id/sessions')
  signIn(@Param('id', ParseUUIDPipe) id: string, @Body() body: ParticipantSignInDto) {
    return this.participants.signIn(id, body);
  }
}
