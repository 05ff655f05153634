import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /transfers pages TRANSFER journals newest first. Transfers are rare next to consumptions,
 * so walking `journals_tenant_seq_idx` and filtering would read every journal of the tenant for
 * one page; a partial index holds only the transfers (other inserts just evaluate the predicate).
 */
export class AddedTransferJournalIndex1764000500002 implements MigrationInterface {
  name = 'AddedTransferJournalIndex1764000500002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX journals_transfers_idx ON journals (tenant_id, seq) WHERE type = 'TRANSFER'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS journals_transfers_idx`);
  }
}
