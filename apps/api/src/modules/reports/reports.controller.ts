import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ConsumptionReport } from '@stockbridge/shared';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { ConsumptionReportService } from './consumption-report.service';
import { ConsumptionReportExportQueryDto, ConsumptionReportQueryDto } from './dto/consumption-report.dto';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly consumption: ConsumptionReportService) {}

  @Get('consumption')
  @RequirePermission('reports:read')
  @ApiOperation({
    summary: 'Consumption per supplier / item / month: net quantity, amount per currency, number of title transfers',
    description:
      'Computed over the title transfers (consumptions positive, reversals negative, frozen prices) with a business date in [from, to]. ' +
      'groupBy: supplier (default), item, month, or several comma-separated; the currency is always part of a row. Finance and the buyer admin ' +
      'see their tenant; a supplier sees only its own transfers at the buyers it is linked to. Sort: key (default), qty, amount, transferCount. ' +
      '`totals` covers every matching transfer, not only the page.',
  })
  @ApiOkResponse({ description: '{items, nextCursor, groupBy, from, to, totals: [{currency, qty, amount, transferCount, …}], generatedAt}' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: bad date, to before from, unknown groupBy or sort, bad uuid, unknown parameter' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a role without reports:read (planner, warehouse)' })
  consumptionReport(@CurrentUser() u: Principal, @Query() q: ConsumptionReportQueryDto): Promise<ConsumptionReport> {
    return this.consumption.report(u, q);
  }

  @Get('consumption/export')
  @RequirePermission('reports:read')
  @ApiOperation({
    summary: 'The consumption report as .xlsx (default) or .csv, streamed',
    description:
      'Same filters and rows as GET /reports/consumption (in key order, every row), a header block, one Total row per currency (values, never formulas). ' +
      'Numbers as numeric cells, months as date cells; text cells starting with = + - @, tab, CR or LF neutralised. CSV: UTF-8 with BOM, CRLF.',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file (attachment)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (before the first byte)' })
  async consumptionExport(@CurrentUser() u: Principal, @Query() q: ConsumptionReportExportQueryDto): Promise<StreamableFile> {
    const file = await this.consumption.export(u, q);
    return new StreamableFile(file.stream, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }
}
