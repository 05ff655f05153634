import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The VMI chain's documents: call-offs (consignment orders) and their lines, shipments (ASNs)
 * and their lines, receipts and their lines. The stock itself lives on the ledger; these
 * tables hold what was ordered, confirmed, declared, received and closed short, and the ids
 * of the journals that put each step on the ledger.
 *
 * Every table carries `tenant_id` (the buyer); children reference their parent through
 * (tenant_id, id), so a line can never hang under another tenant's document. Statuses are
 * derived from the quantities (libs/domain chain rules) and stored for filtering.
 */
export class CreatedCallOffsAndShipments1764000150000 implements MigrationInterface {
  name = 'CreatedCallOffsAndShipments1764000150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_offs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        number text NOT NULL,
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        status text NOT NULL DEFAULT 'OPEN',
        reject_reason text NULL,
        cancel_reason text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz NULL,
        confirmed_by uuid NULL,
        rejected_at timestamptz NULL,
        rejected_by uuid NULL,
        cancelled_at timestamptz NULL,
        cancelled_by uuid NULL,
        CONSTRAINT call_offs_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT call_offs_tenant_number_uq UNIQUE (tenant_id, number),
        -- Only a linked supplier can receive a call-off.
        CONSTRAINT call_offs_agreement_fk FOREIGN KEY (tenant_id, supplier_org_id)
          REFERENCES supplier_agreements (tenant_id, supplier_org_id),
        CONSTRAINT call_offs_status_ck CHECK (status IN
          ('OPEN', 'CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'REJECTED', 'CANCELLED')),
        CONSTRAINT call_offs_reject_reason_ck CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX call_offs_tenant_created_idx ON call_offs (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX call_offs_tenant_status_idx ON call_offs (tenant_id, status)`);
    await q.query(`CREATE INDEX call_offs_supplier_created_idx ON call_offs (supplier_org_id, created_at, id)`);

    await q.query(`
      CREATE TABLE call_off_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        call_off_id uuid NOT NULL,
        line_no integer NOT NULL,
        item_id uuid NOT NULL REFERENCES items (id),
        qty numeric(20, 6) NOT NULL,
        need_by date NOT NULL,
        confirmed_qty numeric(20, 6) NULL,
        promised_date date NULL,
        shipped_qty numeric(20, 6) NOT NULL DEFAULT 0,
        received_qty numeric(20, 6) NOT NULL DEFAULT 0,
        short_closed_qty numeric(20, 6) NOT NULL DEFAULT 0,
        CONSTRAINT call_off_lines_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT call_off_lines_line_no_uq UNIQUE (tenant_id, call_off_id, line_no),
        CONSTRAINT call_off_lines_call_off_fk FOREIGN KEY (tenant_id, call_off_id) REFERENCES call_offs (tenant_id, id),
        CONSTRAINT call_off_lines_qty_ck CHECK (qty > 0),
        CONSTRAINT call_off_lines_confirmed_ck CHECK (confirmed_qty IS NULL OR (confirmed_qty >= 0 AND confirmed_qty <= qty)),
        CONSTRAINT call_off_lines_promised_ck CHECK ((confirmed_qty IS NULL) = (promised_date IS NULL)),
        CONSTRAINT call_off_lines_progress_ck CHECK (shipped_qty >= 0 AND received_qty >= 0 AND short_closed_qty >= 0 AND short_closed_qty <= shipped_qty)
      )`);
    await q.query(`CREATE INDEX call_off_lines_item_idx ON call_off_lines (tenant_id, item_id)`);

    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        number text NOT NULL,
        call_off_id uuid NOT NULL,
        supplier_org_id uuid NOT NULL REFERENCES organizations (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        status text NOT NULL DEFAULT 'IN_TRANSIT',
        -- Posted before the row is written, in the same transaction: never without a journal.
        journal_id uuid NOT NULL,
        short_close_journal_id uuid NULL,
        close_reason text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz NULL,
        closed_by uuid NULL,
        CONSTRAINT shipments_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT shipments_tenant_number_uq UNIQUE (tenant_id, number),
        CONSTRAINT shipments_call_off_fk FOREIGN KEY (tenant_id, call_off_id) REFERENCES call_offs (tenant_id, id),
        CONSTRAINT shipments_status_ck CHECK (status IN ('IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED')),
        CONSTRAINT shipments_short_close_ck CHECK ((short_close_journal_id IS NULL) = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX shipments_tenant_created_idx ON shipments (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX shipments_call_off_idx ON shipments (tenant_id, call_off_id)`);
    await q.query(`CREATE INDEX shipments_supplier_created_idx ON shipments (supplier_org_id, created_at, id)`);

    await q.query(`
      CREATE TABLE shipment_lines (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        shipment_id uuid NOT NULL,
        line_no integer NOT NULL,
        call_off_line_id uuid NOT NULL,
        item_id uuid NOT NULL REFERENCES items (id),
        qty numeric(20, 6) NOT NULL,
        lot_no text NULL,
        expiry_date date NULL,
        received_qty numeric(20, 6) NOT NULL DEFAULT 0,
        short_closed_qty numeric(20, 6) NOT NULL DEFAULT 0,
        CONSTRAINT shipment_lines_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT shipment_lines_line_no_uq UNIQUE (tenant_id, shipment_id, line_no),
        CONSTRAINT shipment_lines_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
        CONSTRAINT shipment_lines_call_off_line_fk FOREIGN KEY (tenant_id, call_off_line_id) REFERENCES call_off_lines (tenant_id, id),
        CONSTRAINT shipment_lines_qty_ck CHECK (qty > 0),
        -- What was closed short is at most what was still in transit (received may exceed qty
        -- within tolerance; that excess never was in transit).
        CONSTRAINT shipment_lines_progress_ck CHECK (received_qty >= 0 AND short_closed_qty >= 0 AND short_closed_qty <= GREATEST(qty - received_qty, 0))
      )`);
    await q.query(`CREATE INDEX shipment_lines_call_off_line_idx ON shipment_lines (tenant_id, call_off_line_id)`);

    await q.query(`
      CREATE TABLE receipts (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES organizations (id),
        number text NOT NULL,
        shipment_id uuid NOT NULL,
        journal_id uuid NOT NULL,
        -- The SHIPMENT journal of what arrived beyond the ASN (within tolerance), if any.
        over_delivery_journal_id uuid NULL,
        effective_date date NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT receipts_tenant_id_uq UNIQUE (tenant_id, id),
        CONSTRAINT receipts_tenant_number_uq UNIQUE (tenant_id, number),
        CONSTRAINT receipts_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX receipts_shipment_idx ON receipts (tenant_id, shipment_id)`);

    await q.query(`
      CREATE TABLE receipt_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        receipt_id uuid NOT NULL,
        shipment_line_id uuid NOT NULL,
        qty numeric(20, 6) NOT NULL,
        over_delivered_qty numeric(20, 6) NOT NULL DEFAULT 0,
        CONSTRAINT receipt_lines_receipt_line_uq UNIQUE (tenant_id, receipt_id, shipment_line_id),
        CONSTRAINT receipt_lines_receipt_fk FOREIGN KEY (tenant_id, receipt_id) REFERENCES receipts (tenant_id, id),
        CONSTRAINT receipt_lines_shipment_line_fk FOREIGN KEY (tenant_id, shipment_line_id) REFERENCES shipment_lines (tenant_id, id),
        CONSTRAINT receipt_lines_qty_ck CHECK (qty > 0 AND over_delivered_qty >= 0 AND over_delivered_qty <= qty)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['receipt_lines', 'receipts', 'shipment_lines', 'shipments', 'call_off_lines', 'call_offs']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
