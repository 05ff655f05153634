import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DemandUploadsController, DemandsController } from './demands.controller';
import { DemandUploadsService } from './demand-uploads.service';
import { DemandsService } from './demands.service';
import { DEMANDS_SETTINGS, demandsSettingsFromEnv } from './demands.settings';

/**
 * Demands: a buyer's requirements (item, location, quantity, need-by), entered one by one or
 * imported from a spreadsheet through the supplier upload's parsing pipeline. The replenishment
 * proposals (warnings module) net the OPEN ones due within the lead time (docs/warnings.md).
 */
@Module({
  // The uploads controller first: its static `demands/uploads` paths before `demands/:id`.
  controllers: [DemandUploadsController, DemandsController],
  providers: [
    {
      provide: DEMANDS_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => demandsSettingsFromEnv(config.dataDir, config.env),
    },
    DemandsService,
    DemandUploadsService,
  ],
})
export class DemandsModule {}
