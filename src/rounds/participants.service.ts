import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../accounts/accounts.service';
import {
  dummyPasswordHash,
  generateSessionToken,
  hashPassword,
  hashSessionToken,
  verifyPassword,
} from '../auth/passwords';
import { Clock, CLOCK } from '../common/clock/clock';
import { ErrorDetail, ValidationFailedError } from '../common/errors/domain-error';
import type { ParticipantSignedIn } from '../shared/rounds';
import { UnitsService } from '../units/units.service';
import { maskPhone, normalizeCccd, normalizeVietnamesePhone } from './domain/masking';
import { ParticipantSignInDto, RegisterParticipantDto } from './dto/rounds.dto';
import {
  ContestNotFoundError,
  DuplicateIdentityError,
  ParticipantSignInError,
  ParticipantUnauthenticatedError,
} from './rounds.errors';
import { RoundsRepository, SignedInParticipant } from './rounds.repository';

/** How long a participant stays signed in on a device: a contest's rounds span weeks. */
export const PARTICIPANT_SESSION_DAYS = 60;

/** Registration and sign-in of participants (phone + password), and their sessions. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly repo: RoundsRepository,
    private readonly units: UnitsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Registers a person in a contest and signs them in. One identity per person: the database
   * refuses a phone or a CCCD already registered in the contest.
   */
  async register(contestId: string, input: RegisterParticipantDto): Promise<ParticipantSignedIn> {
    const contest = await this.repo.findContest(contestId);
    if (!contest) throw new ContestNotFoundError();
    const problems: ErrorDetail[] = [];
    const phone = normalizeVietnamesePhone(input.phone);
    if (!phone.ok) problems.push({ field: 'phone', message: phone.reason });
    let cccd: string | null = null;
    if (contest.requiresCccd || (input.cccd !== undefined && input.cccd.trim() !== '')) {
      const checked = normalizeCccd(input.cccd ?? '');
      if (checked.ok) cccd = checked.value;
      else problems.push({ field: 'cccd', message: checked.reason });
    }
    const fullName = input.fullName.trim().replace(/\s+/g, ' ');
    if (fullName.length < 2)
      problems.push({ field: 'fullName', message: 'Vui lòng nhập họ và tên.' });
    const now = this.clock.now();
    if (input.birthYear > now.getUTCFullYear())
      problems.push({ field: 'birthYear', message: 'Năm sinh không hợp lệ.' });
    const unit = await this.units.checkRegistrationUnit(contestId, input.unitId);
    if (!unit.ok) problems.push({ field: 'unitId', message: unit.message });
    if (problems.length > 0 || !phone.ok || !unit.ok) throw new ValidationFailedError(problems);

    let participantId: string;
    try {
      participantId = await this.repo.insertParticipant({
        contestId,
        fullName,
        birthYear: input.birthYear,
        gender: input.gender,
        phone: phone.value,
        cccd,
        unit: unit.unit?.name ?? (input.unit?.trim() || null),
        unitId: unit.unit?.id ?? null,
        participantGroup: input.participantGroup,
        passwordHash: await hashPassword(input.password),
        consentAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateIdentityError(violatedIdentity(error));
      // The unit was deleted between the check and the insert (fk_participants_unit).
      if (isForeignKeyViolation(error))
        throw new ValidationFailedError([
          { field: 'unitId', message: 'Đơn vị đã chọn vừa bị xóa. Vui lòng chọn lại.' },
        ]);
      throw error;
    }
    return this.openSession({
      id: participantId,
      contestId,
      fullName,
      phone: phone.value,
      participantGroup: input.participantGroup,
    });
  }

  /** Sign-in with phone + password; an unknown phone costs the same time as a wrong password. */
  async signIn(contestId: string, input: ParticipantSignInDto): Promise<ParticipantSignedIn> {
    const phone = normalizeVietnamesePhone(input.phone);
    const participant = phone.ok
      ? await this.repo.findParticipantByPhone(contestId, phone.value)
      : null;
    const valid = await verifyPassword(
      participant?.passwordHash ?? (await dummyPasswordHash()),
      input.password,
    );
    if (!participant || !valid) throw new ParticipantSignInError();
    return this.openSession(participant);
  }

  /** Signs out: the token stops working on every device that holds it. */
  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.repo.deleteParticipantSession(hashSessionToken(token));
  }

  /** The participant signed in with this token, or a 401. */
  async requireParticipant(token: string | undefined): Promise<SignedInParticipant> {
    const participant = token
      ? await this.repo.findParticipantBySession(hashSessionToken(token), this.clock.now())
      : null;
    if (!participant) throw new ParticipantUnauthenticatedError();
    return participant;
  }

  private async openSession(participant: SignedInParticipant): Promise<ParticipantSignedIn> {
    const token = generateSessionToken();
    await this.repo.insertParticipantSession({
      tokenHash: hashSessionToken(token),
      participantId: participant.id,
      expiresAt: new Date(this.clock.now().getTime() + PARTICIPANT_SESSION_DAYS * 86_400_000),
    });
    return {
      token,
      participant: {
        id: participant.id,
        contestId: participant.contestId,
        fullName: participant.fullName,
        phone: maskPhone(participant.phone),
        participantGroup: participant.participantGroup,
      },
    };
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23503';
}

function violatedIdentity(error: unknown): 'phone' | 'cccd' {
  const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
  return constraint === 'uq_participants_contest_cccd' ? 'cccd' : 'phone';
}
