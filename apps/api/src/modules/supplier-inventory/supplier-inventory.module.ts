import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MasterDataModule } from '../master-data/master-data.module';
import { SupplierInventoryEntity, SupplierInventoryHistoryEntity, SupplierInventoryUploadEntity } from './persistence/supplier-inventory.entity';
import { SupplierInventoryRepository } from './persistence/supplier-inventory.repository';
import { UploadBatchesRepository } from './persistence/upload-batches.repository';
import { SupplierInventoryController, SupplierInventoryUploadsController } from './supplier-inventory.controller';
import { SupplierInventoryDemo } from './supplier-inventory.demo';
import { SupplierInventoryEvents } from './supplier-inventory.events';
import { SupplierInventoryService } from './supplier-inventory.service';
import { SUPPLIER_INVENTORY_SETTINGS, supplierInventorySettingsFromEnv } from './supplier-inventory.settings';
import { UploadJobs } from './uploads/upload-jobs';
import { UploadProcessor } from './uploads/upload-processor';
import { UploadsService } from './uploads/uploads.service';

/**
 * Collaborative supplier inventory: spreadsheet uploads (parse, validate, dry run, apply,
 * background jobs for large files), the current supplier stock, single-row edits and history.
 * Exports {@link SupplierInventoryEvents} for whoever re-evaluates supplier-side warnings.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SupplierInventoryEntity, SupplierInventoryHistoryEntity, SupplierInventoryUploadEntity]),
    MasterDataModule,
  ],
  // The uploads controller first: its static `uploads/...` paths are registered before the
  // inventory's `:siteCode/:itemCode/...` patterns.
  controllers: [SupplierInventoryUploadsController, SupplierInventoryController],
  providers: [
    {
      provide: SUPPLIER_INVENTORY_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => supplierInventorySettingsFromEnv(config.dataDir, config.env),
    },
    SupplierInventoryEvents,
    UploadBatchesRepository,
    SupplierInventoryRepository,
    UploadProcessor,
    UploadJobs,
    UploadsService,
    SupplierInventoryService,
    SupplierInventoryDemo,
  ],
  exports: [SupplierInventoryEvents, SupplierInventoryService],
})
export class SupplierInventoryModule {}
