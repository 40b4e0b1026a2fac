import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { AccountView } from '../shared/accounts';
import { AllowPendingPasswordChange, clientIp, CurrentPrincipal, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, SignInDto } from './dto/auth.dto';
import { AuthRateLimited } from '../common/http/throttling';
import { Principal, SESSION_COOKIE } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Rate-limited per address (LOGIN_RATE_LIMIT), on top of the per-account lock-out. */
  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: SignInDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ account: AccountView }> {
    const result = await this.auth.signIn(body.username, body.password, {
      ip: clientIp(request),
      userAgent: request.headers['user-agent'] ?? null,
    });
    response.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.cookieSecure,
      expires: result.expiresAt,
      path: '/',
    });
    return { account: result.account };
  }

  @AllowPendingPasswordChange()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.signOut(principal, clientIp(request));
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @AllowPendingPasswordChange()
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<{ account: AccountView }> {
    return { account: await this.auth.me(principal) };
  }

  @AllowPendingPasswordChange()
  @AuthRateLimited()
  @Post('change-password')
  @HttpCode(200)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<{ account: AccountView }> {
    return {
      account: await this.auth.changePassword(
        principal,
        body.currentPassword,
        body.newPassword,
        clientIp(request),
      ),
    };
  }
}
