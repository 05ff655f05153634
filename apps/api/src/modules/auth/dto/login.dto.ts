import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@stockbridge/shared';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'planner@acme.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Stockbridge-demo-1' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
