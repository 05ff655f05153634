import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Organization, Page, User } from '@stockbridge/shared';
import { RequirePermission } from '../../common/auth/decorators';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { CreateOrganizationDto, CreateUserDto, OrganizationQueryDto, UserQueryDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('admin')
@Controller('admin')
@RequirePermission('admin:manage')
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Post('organizations')
  @Idempotent()
  @ApiOperation({ summary: 'Create a buyer or supplier organization' })
  @ApiCreatedResponse({ description: '{id, code, name, type}' })
  @ApiConflictResponse({ description: 'DUPLICATE code' })
  createOrganization(@Body() dto: CreateOrganizationDto): Promise<Organization> {
    return this.orgs.createOrganization(dto);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'List organizations (filter by type, search code/name)' })
  listOrganizations(@Query() q: OrganizationQueryDto): Promise<Page<Organization>> {
    return this.orgs.listOrganizations(q);
  }

  @Get('organizations/:id')
  getOrganization(@Param('id', new ParseUUIDPipe()) id: string): Promise<Organization> {
    return this.orgs.getOrganization(id);
  }

  @Post('users')
  @Idempotent()
  @ApiOperation({ summary: 'Create a user in an organization (never returns the password or its hash)' })
  @ApiCreatedResponse({ description: '{id, email, orgId, roles}' })
  createUser(@Body() dto: CreateUserDto): Promise<User> {
    return this.orgs.createUser(dto);
  }

  @Get('users')
  listUsers(@Query() q: UserQueryDto): Promise<Page<User>> {
    return this.orgs.listUsers(q);
  }
}
