import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { UNIT_CODE_MAX, UNIT_KINDS, UNIT_NAME_MAX, type UnitKind } from '../../shared/units';

const CODE_MESSAGE = `Mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . (tối đa ${UNIT_CODE_MAX} ký tự).`;
const CODE = /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$/;
const MAX_HEADCOUNT = 10_000_000;

export class CreateUnitDto {
  @ApiProperty({ example: 'TDP1', description: 'Mã, duy nhất trong hội thi (lưu chữ in hoa)' })
  @IsString()
  @MaxLength(UNIT_CODE_MAX + 10)
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Tổ dân phố 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(UNIT_NAME_MAX)
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ description: 'Khối chứa đơn vị; bỏ trống với khối', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ example: 350, description: 'Số người thuộc chính đơn vị này' })
  @IsInt()
  @Min(0)
  @Max(MAX_HEADCOUNT)
  headcount: number;

  @ApiPropertyOptional({ description: 'Thứ tự hiển thị; mặc định: cuối danh sách' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ example: 'TDP1' })
  @IsOptional()
  @IsString()
  @MaxLength(UNIT_CODE_MAX + 10)
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(UNIT_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ description: 'null: không thuộc khối nào', nullable: true })
  @ValidateIf((_: unknown, value: unknown) => value !== null && value !== undefined)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_HEADCOUNT)
  headcount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  sortOrder?: number;
}

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class ImportUnitsQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Chỉ kiểm tra và xem trước, không ghi' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun = false;
}
