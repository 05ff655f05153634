import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser, LoginResponse } from '@stockbridge/shared';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived bearer token' })
  @ApiOkResponse({ description: '{accessToken, tokenType, expiresIn, user}' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS after repeated failures' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password, req.ip);
  }

  @Get('me')
  @RequirePermission()
  @ApiOperation({ summary: 'The user behind the token' })
  me(@CurrentUser() user: Principal): Promise<AuthUser> {
    return this.auth.me(user);
  }
}
