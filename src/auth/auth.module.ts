import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from '../accounts/accounts.controller';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthSessionsRepository } from './auth.repository';
import { AuthService } from './auth.service';

/** Staff accounts and their sessions. Global so gateways of every feature can authenticate sockets. */
@Global()
@Module({
  controllers: [AuthController, AccountsController],
  providers: [
    AccountsRepository,
    AccountsService,
    AuthSessionsRepository,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountsService],
})
export class AuthModule {}
