import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateLiveGameDto } from './dto/live.dto';
import { LiveService } from './live.service';

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
}
