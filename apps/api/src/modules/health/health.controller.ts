import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { AppError } from '../../common/errors';
import { Db } from '../../database/db.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: '{status:"ok", db:"ok"}' })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE when the database does not answer' })
  async health(): Promise<{ status: 'ok'; db: 'ok' }> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', 'The database does not answer');
    }
    return { status: 'ok', db: 'ok' };
  }
}
