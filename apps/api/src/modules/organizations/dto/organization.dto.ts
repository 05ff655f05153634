import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ORG_TYPES, ROLES, type CreateOrganizationRequest, type CreateUserRequest, type OrgType, type Role } from '@stockbridge/shared';
import { PageQueryDto } from '../../../common/http/paging';

/** Codes are short identifiers people type and print: letters, digits, `-`, `_`, `.`. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationDto implements CreateOrganizationRequest {
  @ApiProperty({ example: 'ACME', pattern: CODE_PATTERN.source })
  @Transform(trim)
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code must be 1–40 letters, digits, ".", "_" or "-"' })
  code!: string;

  @ApiProperty({ example: 'Acme Manufacturing' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORG_TYPES })
  @IsIn(ORG_TYPES)
  type!: OrgType;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'planner@acme.example' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters' })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class OrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORG_TYPES })
  @IsOptional()
  @IsIn(ORG_TYPES)
  type?: OrgType;

  @ApiPropertyOptional({ description: 'Code or name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}
