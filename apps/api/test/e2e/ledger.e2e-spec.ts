import { randomUUID } from 'node:crypto';
import { Db } from '../../src/database/db.service';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

describe('ledger: chain postings, returns, adjustments, journals, verify, database invariants', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let ledger: LedgerService;
  let db: Db;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t);
    ledger = t.app.get(LedgerService);
    db = t.app.get(Db);
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const post = (path: string, body: Record<string, unknown>, user = w.users.warehouse) => t.api('post', path, user).send(body);
  const balances = async (itemId: string) =>
    (
      await t.sql.query(
        `SELECT location_kind AS kind, owner_org_id AS owner, qty::text FROM balances WHERE tenant_id = $1 AND item_id = $2 ORDER BY id`,
        [w.buyer.id, itemId],
      )
    ).rows;

  describe('the VMI chain through LedgerPostingPort', () => {
    it('ships (SUPPLIER → IN_TRANSIT), receives (IN_TRANSIT → site layer) and closes short (IN_TRANSIT → SUPPLIER)', async () => {
      const lineId = randomUUID();
      const base = { tenantId: w.buyer.id, supplierOrgId: w.suppliers[0].id, locationId: w.locations.vmi1.id, createdBy: w.users.warehouse.id };
      const ship = await ledger.postShipment({ ...base, reference: 'ASN-1', lines: [{ itemId: w.items.grease.id, qty: '10.5', shipmentLineId: lineId }] });
      const part = await ledger.postReceipt({
        ...base,
        reference: 'RC-1',
        receiptId: randomUUID(),
        lines: [{ itemId: w.items.grease.id, qty: '6.25', shipmentLineId: lineId, lotNo: 'L-77', expiryDate: '2027-01-31' }],
      });
      const close = await ledger.postShortClose({ ...base, reference: 'ASN-1', lines: [{ itemId: w.items.grease.id, qty: '4.25', shipmentLineId: lineId }] });
      expect(await balances(w.items.grease.id)).toEqual([
        { kind: 'IN_TRANSIT', owner: w.suppliers[0].id, qty: '0.000000' },
        { kind: 'SITE', owner: w.suppliers[0].id, qty: '6.250000' },
      ]);
      const types = await Promise.all([ship, part, close].map(async (j) => (await t.api('get', `/ledger/journals/${j.journalId}`, w.users.planner).expect(200)).body));
      expect(types.map((j) => j.type)).toEqual(['SHIPMENT', 'RECEIPT', 'SHORT_CLOSE']);
      expect(types[0].postings).toEqual([
        expect.objectContaining({ locationCode: 'SUPPLIER', locationKind: 'SUPPLIER', qty: '-10.500000' }),
        expect.objectContaining({ locationCode: 'IN_TRANSIT', siteCode: 'VMI-1', qty: '10.500000', balanceAfter: '10.500000', accountVersion: 1 }),
      ]);
      expect(types[1].postings).toEqual([
        expect.objectContaining({ locationCode: 'IN_TRANSIT', qty: '-6.250000', balanceAfter: '4.250000', accountVersion: 2 }),
        expect.objectContaining({ locationCode: 'VMI-1', lotNo: 'L-77', qty: '6.250000', balanceAfter: '6.250000', accountVersion: 1 }),
      ]);
      expect(types[2].postings).toEqual([
        expect.objectContaining({ locationCode: 'IN_TRANSIT', qty: '-4.250000', balanceAfter: '0.000000' }),
        expect.objectContaining({ locationCode: 'SUPPLIER', qty: '4.250000' }),
      ]);
      const layer = await t.api('get', '/stock/layers?itemCode=GREASE', w.users.planner).expect(200);
      expect(layer.body.items).toEqual([expect.objectContaining({ lotNo: 'L-77', expiryDate: '2027-01-31', remainingQty: '6.250000', originalQty: '6.250000', ageDays: 0 })]);
    });

    it('refuses receiving or closing more than is in transit, and lines that were never shipped', async () => {
      const lineId = randomUUID();
      const base = { tenantId: w.buyer.id, supplierOrgId: w.suppliers[1].id, locationId: w.locations.vmi2.id, createdBy: null, reference: 'ASN-2' };
      await ledger.postShipment({ ...base, lines: [{ itemId: w.items.bolt.id, qty: '5', shipmentLineId: lineId }] });
      const before = await t.count('journals');
      await expect(ledger.postReceipt({ ...base, receiptId: randomUUID(), lines: [{ itemId: w.items.bolt.id, qty: '6', shipmentLineId: lineId }] })).rejects.toMatchObject({
        code: 'INSUFFICIENT_STOCK',
      });
      await expect(ledger.postShortClose({ ...base, lines: [{ itemId: w.items.bolt.id, qty: '5.5', shipmentLineId: lineId }] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(ledger.postReceipt({ ...base, receiptId: randomUUID(), lines: [{ itemId: w.items.bolt.id, qty: '1', shipmentLineId: randomUUID() }] })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(ledger.postShipment({ ...base, lines: [{ itemId: other.items.bolt.id, qty: '1', shipmentLineId: randomUUID() }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ledger.postShipment({ ...base, lines: [{ itemId: w.items.bolt.id, qty: '0', shipmentLineId: randomUUID() }] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await t.count('journals')).toBe(before);
      // A second shipment on the same ASN line (an over-delivery) adds to what is in transit.
      await ledger.postShipment({ ...base, lines: [{ itemId: w.items.bolt.id, qty: '1', shipmentLineId: lineId }] });
      await ledger.postReceipt({ ...base, receiptId: randomUUID(), lines: [{ itemId: w.items.bolt.id, qty: '6', shipmentLineId: lineId }] });
    });

    it('runs inside the caller\'s transaction: a failure later in it rolls the journal back', async () => {
      const before = await t.count('journals');
      await expect(
        db.transaction(async () => {
          await ledger.postShipment({
            tenantId: w.buyer.id,
            supplierOrgId: w.suppliers[0].id,
            locationId: w.locations.vmi1.id,
            createdBy: null,
            reference: 'ASN-X',
            lines: [{ itemId: w.items.bolt.id, qty: '1', shipmentLineId: randomUUID() }],
          });
          throw new Error('document insert failed');
        }),
      ).rejects.toThrow('document insert failed');
      expect(await t.count('journals')).toBe(before);
    });
  });

  describe('POST /returns', () => {
    it('sends a supplier\'s oldest layers back: SITE −q, SUPPLIER +q', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '4', lotNo: 'R1' });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '4', lotNo: 'R2' });
      const res = await post('/returns', { locationCode: 'VMI-2', itemCode: 'CABLE', supplierOrgId: w.suppliers[0].id, qty: '5.5', reason: 'damaged' }).expect(201);
      const j = await t.api('get', `/ledger/journals/${res.body.journalId}`, w.users.finance).expect(200);
      expect(j.body).toMatchObject({ type: 'RETURN', reason: 'damaged', transfers: [] });
      expect(j.body.postings).toEqual([
        expect.objectContaining({ locationCode: 'VMI-2', lotNo: 'R1', qty: '-4.000000' }),
        expect.objectContaining({ locationCode: 'SUPPLIER', qty: '4.000000' }),
        expect.objectContaining({ locationCode: 'VMI-2', lotNo: 'R2', qty: '-1.500000' }),
        expect.objectContaining({ locationCode: 'SUPPLIER', qty: '1.500000' }),
      ]);
    });

    it('refuses more than that supplier has (409), another supplier\'s stock does not count', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi2, item: w.items.cable, qty: '100' });
      const before = await t.count('postings');
      const res = await post('/returns', { locationCode: 'VMI-2', itemCode: 'CABLE', supplierOrgId: w.suppliers[0].id, qty: '2.51', reason: 'x' }).expect(409);
      expect(res.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: '2.5' });
      expect(await t.count('postings')).toBe(before);
    });

    it('validates: reason required, decimals, unknown codes and suppliers, role', async () => {
      const body = { locationCode: 'VMI-2', itemCode: 'CABLE', supplierOrgId: w.suppliers[0].id, qty: '1', reason: 'x' };
      await post('/returns', { ...body, reason: undefined }).expect(400);
      await post('/returns', { ...body, qty: '1.001' }).expect(400);
      await post('/returns', { ...body, itemCode: 'NOPE' }).expect(404);
      await post('/returns', { ...body, supplierOrgId: other.suppliers[0].id }).expect(404);
      await post('/returns', body, w.users.finance).expect(403);
    });
  });

  describe('POST /adjustments', () => {
    it('posts a loss FIFO and a gain as a new layer; difference = counted − book', async () => {
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '3', lotNo: 'A1' });
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.cable, qty: '3', lotNo: 'A2' });
      const body = { locationCode: 'VMI-1', itemCode: 'CABLE', supplierOrgId: w.suppliers[1].id, reason: 'cycle count' };
      const loss = await post('/adjustments', { ...body, countedQty: '2.5' }).expect(201);
      expect(loss.body).toMatchObject({ difference: '-3.5', bookQty: '6' });
      const lj = await t.api('get', `/ledger/journals/${loss.body.journalId}`, w.users.finance).expect(200);
      expect(lj.body.postings).toEqual([
        expect.objectContaining({ locationCode: 'VMI-1', lotNo: 'A1', qty: '-3.000000' }),
        expect.objectContaining({ locationCode: 'ADJUSTMENT', siteCode: 'VMI-1', ownerOrgId: w.suppliers[1].id, qty: '3.000000' }),
        expect.objectContaining({ locationCode: 'VMI-1', lotNo: 'A2', qty: '-0.500000' }),
        expect.objectContaining({ locationCode: 'ADJUSTMENT', qty: '0.500000' }),
      ]);
      const same = await post('/adjustments', { ...body, countedQty: 2.5 }).expect(201);
      expect(same.body).toEqual({ journalId: null, difference: '0', bookQty: '2.5' });
      const gain = await post('/adjustments', { ...body, countedQty: '4' }).expect(201);
      expect(gain.body).toMatchObject({ difference: '1.5', bookQty: '2.5' });
      const gj = await t.api('get', `/ledger/journals/${gain.body.journalId}`, w.users.finance).expect(200);
      expect(gj.body.postings).toEqual([
        expect.objectContaining({ locationCode: 'ADJUSTMENT', qty: '-1.500000' }),
        expect.objectContaining({ locationCode: 'VMI-1', lotNo: null, qty: '1.500000', balanceAfter: '1.500000', accountVersion: 1 }),
      ]);
      const zero = await post('/adjustments', { ...body, countedQty: '0' }).expect(201);
      expect(zero.body).toMatchObject({ difference: '-4', bookQty: '4' });
      const gainFromNothing = await post('/adjustments', { ...body, locationCode: 'VMI-2', itemCode: 'GREASE', countedQty: '7' }).expect(201);
      expect(gainFromNothing.body).toMatchObject({ difference: '7', bookQty: '0' });
    });

    it('validates countedQty and the supplier', async () => {
      const body = { locationCode: 'VMI-1', itemCode: 'BOLT', supplierOrgId: w.suppliers[1].id, reason: 'count' };
      await post('/adjustments', { ...body, countedQty: '-1' }).expect(400);
      await post('/adjustments', { ...body, countedQty: '1.5' }).expect(400);
      await post('/adjustments', { ...body, countedQty: '1', supplierOrgId: randomUUID() }).expect(404);
      await post('/adjustments', { ...body, countedQty: '1', locationCode: other.locations.vmi1.code + '-X' }).expect(404);
    });
  });

  describe('GET /ledger/journals', () => {
    it('pages newest first with a cursor and filters by type, dates and supplier', async () => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .api('get', `/ledger/journals?limit=3${cursor ? `&cursor=${cursor}` : ''}`, w.users.finance)
          .expect(200);
        all.push(...res.body.items.map((j) => j.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      const { rows } = await t.sql.query(`SELECT id FROM journals WHERE tenant_id = $1 ORDER BY seq DESC`, [w.buyer.id]);
      expect(all).toEqual(rows.map((r) => r.id));

      const receipts = await t.api('get', '/ledger/journals?type=RECEIPT&limit=500', w.users.finance).expect(200);
      expect(receipts.body.items.length).toBeGreaterThan(0);
      expect(receipts.body.items.every((j: { type: string }) => j.type === 'RECEIPT')).toBe(true);

      await post('/consumptions', { locationCode: 'VMI-2', itemCode: 'CABLE', qty: '1', effectiveDate: '2026-01-15' }).expect(201);
      const dated = await t.api('get', '/ledger/journals?from=2026-01-01&to=2026-01-31', w.users.finance).expect(200);
      expect(dated.body.items.map((j: { effectiveAt: string }) => j.effectiveAt)).toEqual(['2026-01-15']);

      const s1 = await t.api('get', `/ledger/journals?supplierOrgId=${w.suppliers[0].id}&limit=500`, w.users.finance).expect(200);
      expect(s1.body.items.every((j: { supplierOrgIds: string[] }) => j.supplierOrgIds.includes(w.suppliers[0].id))).toBe(true);

      await t.api('get', '/ledger/journals?type=NOPE', w.users.finance).expect(400);
      await t.api('get', '/ledger/journals?from=2026-13-01', w.users.finance).expect(400);
      await t.api('get', '/ledger/journals?cursor=!!', w.users.finance).expect(400);
      await t.api('get', '/ledger/journals?limit=501', w.users.finance).expect(400);
    });

    it('shows a supplier only journals touching its own stock, and only its own postings', async () => {
      // One consumption across both owners.
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.wh, item: w.items.bolt, qty: '2' });
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.wh, item: w.items.bolt, qty: '2' });
      const mixed = await post('/consumptions', { locationCode: 'WH-1', itemCode: 'BOLT', qty: '3' }).expect(201);

      const s2 = await t.api('get', '/ledger/journals?limit=500', w.users.supplier2Admin).expect(200);
      expect(s2.body.items.length).toBeGreaterThan(0);
      for (const j of s2.body.items) {
        expect(j.supplierOrgIds).toEqual([w.suppliers[1].id]);
        for (const p of j.postings) expect([w.suppliers[1].id, w.buyer.id]).toContain(p.ownerOrgId);
      }
      const seen = await t.api('get', `/ledger/journals/${mixed.body.journalId}`, w.users.supplier2Admin).expect(200);
      expect(seen.body.postings).toHaveLength(2);
      expect(seen.body.transfers).toEqual([expect.objectContaining({ supplierOrgId: w.suppliers[1].id, qty: '1.000000' })]);

      const s1Only = await t.api('get', '/ledger/journals?type=RETURN&limit=500', w.users.supplierUser).expect(200);
      expect(s1Only.body.items.length).toBeGreaterThan(0);
      const s2Return = await t.api('get', '/ledger/journals?type=RETURN', w.users.supplier2Admin).expect(200);
      expect(s2Return.body.items).toEqual([]);
      const s1ReturnId = s1Only.body.items[0].id as string;
      await t.api('get', `/ledger/journals/${s1ReturnId}`, w.users.supplier2Admin).expect(404);
      // Filtering on another supplier gives nothing, never their journals.
      const peek = await t.api('get', `/ledger/journals?supplierOrgId=${w.suppliers[0].id}`, w.users.supplier2Admin).expect(200);
      expect(peek.body.items).toEqual([]);
    });

    it('answers another tenant\'s journal with 404, for reading and for reversing', async () => {
      const theirs = await receiveStock(t, other, { supplier: other.suppliers[0], location: other.locations.vmi1, item: other.items.bolt, qty: '1' });
      await t.api('get', `/ledger/journals/${theirs.receiptJournalId}`, w.users.finance).expect(404);
      await t.api('get', `/ledger/journals/${theirs.receiptJournalId}`, other.users.finance).expect(200);
      await t.api('post', `/ledger/journals/${theirs.receiptJournalId}/reverse`, w.users.finance).send({ reason: 'x' }).expect(404);
      await t.api('get', `/ledger/journals/${randomUUID()}`, w.users.finance).expect(404);
      await t.api('get', '/ledger/journals/not-a-uuid', w.users.finance).expect(400);
      const mine = await t.api('get', '/ledger/journals?limit=500', w.users.finance).expect(200);
      expect(mine.body.items.map((j: { id: string }) => j.id)).not.toContain(theirs.receiptJournalId);
    });
  });

  describe('GET /ledger/verify', () => {
    it('is balanced and counts what it checked; FINANCE and BUYER_ADMIN only', async () => {
      const res = await t.api('get', '/ledger/verify', w.users.finance).expect(200);
      expect(res.body).toMatchObject({ balanced: true, mismatches: [] });
      expect(res.body.journalsChecked).toBe(Number((await t.sql.query(`SELECT count(*) FROM journals WHERE tenant_id = $1`, [w.buyer.id])).rows[0].count));
      expect(res.body.accountsChecked).toBeGreaterThan(0);
      await t.api('get', '/ledger/verify', w.users.buyerAdmin).expect(200);
      await t.api('get', '/ledger/verify', w.users.warehouse).expect(403);
      await t.api('get', '/ledger/verify', w.users.supplierAdmin).expect(403);
    });

    it('reports a balance tampered with behind the ledger\'s back', async () => {
      const [b] = (await t.sql.query(`SELECT id FROM balances WHERE tenant_id = $1 AND qty > 0 ORDER BY id LIMIT 1`, [other.buyer.id])).rows;
      await t.sql.query(`UPDATE balances SET qty = qty + 1 WHERE tenant_id = $1 AND id = $2`, [other.buyer.id, b.id]);
      const res = await t.api('get', '/ledger/verify', other.users.finance).expect(200);
      expect(res.body.balanced).toBe(false);
      expect(res.body.mismatches).toEqual([expect.objectContaining({ kind: 'BALANCE_MISMATCH', balanceId: String(b.id) })]);
      await t.sql.query(`UPDATE balances SET qty = qty - 1 WHERE tenant_id = $1 AND id = $2`, [other.buyer.id, b.id]);
      expect((await t.api('get', '/ledger/verify', other.users.finance).expect(200)).body.balanced).toBe(true);
    });
  });

  describe('the database itself refuses what would break the ledger', () => {
    it('refuses UPDATE, DELETE and TRUNCATE on journals, postings, title transfers and receipt layers', async () => {
      for (const table of ['journals', 'postings', 'title_transfers', 'receipt_layers']) {
        await expect(t.sql.query(`UPDATE ${table} SET tenant_id = tenant_id`)).rejects.toMatchObject({ code: 'SBAO1' });
        await expect(t.sql.query(`DELETE FROM ${table}`)).rejects.toMatchObject({ code: 'SBAO1' });
        await expect(t.sql.query(`TRUNCATE ${table} CASCADE`)).rejects.toMatchObject({ code: 'SBAO1' });
      }
      await expect(t.sql.query(`UPDATE postings SET qty = qty * 2 WHERE false`)).rejects.toMatchObject({ code: 'SBAO1' });
    });

    it('refuses postings that do not sum to zero per journal and item', async () => {
      const [j] = (await t.sql.query(`SELECT id FROM journals WHERE tenant_id = $1 LIMIT 1`, [w.buyer.id])).rows;
      await expect(
        t.sql.query(
          `INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, owner_org_id, supplier_org_id, qty)
           VALUES ($1, $2, $3, 'SUPPLIER', $4, $4, 1)`,
          [w.buyer.id, j.id, w.items.bolt.id, w.suppliers[0].id],
        ),
      ).rejects.toMatchObject({ code: 'SBZS1' });
    });

    it('refuses postings and title transfers without their journal', async () => {
      await expect(
        t.sql.query(
          `INSERT INTO postings (tenant_id, journal_id, item_id, location_kind, owner_org_id, supplier_org_id, qty)
           VALUES ($1, $2, $3, 'SUPPLIER', $4, $4, 1), ($1, $2, $3, 'ADJUSTMENT', $4, $4, -1)`,
          [w.buyer.id, randomUUID(), w.items.bolt.id, w.suppliers[0].id],
        ),
      ).rejects.toMatchObject({ code: 'SBOR1' });
      const [receipt] = (await t.sql.query(`SELECT id FROM journals WHERE tenant_id = $1 AND type = 'RECEIPT' LIMIT 1`, [w.buyer.id])).rows;
      const [layer] = (await t.sql.query(`SELECT id FROM receipt_layers WHERE tenant_id = $1 LIMIT 1`, [w.buyer.id])).rows;
      await expect(
        t.sql.query(
          `INSERT INTO title_transfers (tenant_id, journal_id, supplier_org_id, item_id, location_id, layer_id, qty, unit_price, currency, amount, effective_date, transferred_at)
           VALUES ($1, $2, $3, $4, $5, $6, 1, 1, 'EUR', 1, current_date, now())`,
          [w.buyer.id, receipt.id, w.suppliers[0].id, w.items.bolt.id, w.locations.vmi1.id, layer.id],
        ),
      ).rejects.toMatchObject({ code: 'SBOR1' });
    });

    it('refuses a negative balance, a second reversal and a reversal of a reversal', async () => {
      await expect(t.sql.query(`UPDATE balances SET qty = -1 WHERE tenant_id = $1`, [w.buyer.id])).rejects.toMatchObject({ code: '23514' });
      const c = await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '1' });
      const insert = (id: string, reverses: string) =>
        t.sql.query(
          `INSERT INTO journals (tenant_id, id, type, effective_date, reverses_journal_id, supplier_org_ids) VALUES ($1, $2, 'REVERSAL', current_date, $3, '{}')`,
          [w.buyer.id, id, reverses],
        );
      const client = await t.sql.connect();
      try {
        await client.query('BEGIN');
        const r1 = randomUUID();
        await client.query(
          `INSERT INTO journals (tenant_id, id, type, effective_date, reverses_journal_id, supplier_org_ids) VALUES ($1, $2, 'REVERSAL', current_date, $3, '{}')`,
          [w.buyer.id, r1, c.shipmentJournalId],
        );
        await expect(
          client.query(`INSERT INTO journals (tenant_id, id, type, effective_date, reverses_journal_id, supplier_org_ids) VALUES ($1, $2, 'REVERSAL', current_date, $3, '{}')`, [
            w.buyer.id,
            randomUUID(),
            r1,
          ]),
        ).rejects.toMatchObject({ code: 'SBRR1' });
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      await ledger.reverse({ tenantId: w.buyer.id, userId: null }, c.receiptJournalId, 'test');
      await expect(insert(randomUUID(), c.receiptJournalId)).rejects.toMatchObject({ code: '23505', constraint: 'journals_reverses_uq' });
    });
  });
});
