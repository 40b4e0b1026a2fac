import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The join page of a live game: what the stage's QR code opens on a phone. */
export function joinPageUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/choi/${code}`;
}

/**
 * The QR code shown on the stage in the lobby: an SVG of the game's join page (`/choi/123456`),
 * on PUBLIC_URL when it is set, else on the address the stage was opened with. Public: the code
 * is shown to the whole hall anyway.
 */
@ApiTags('live')
@Public()
@Controller('live')
export class LiveQrController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('join-qr/:code')
  joinQr(
    @Param('code') code: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    if (!/^\d{6}$/.test(code))
      throw new DomainError('bad_request', 'LIVE_BAD_CODE', 'Mã phòng thi gồm đúng 6 chữ số.');
    // Set here, not by decorators: an error reply stays JSON.
    res.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=3600');
    const origin = this.config.http.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
    return QRCode.toString(joinPageUrl(origin, code), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 1,
    });
  }
}
