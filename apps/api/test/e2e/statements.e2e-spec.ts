import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { receiveStock } from '../factories/stock';
import { assertLedgerInvariants } from '../support/ledger-invariants';

/**
 * Reconciliation statements end to end: the snapshot (lines = the period's title transfers,
 * frozen prices, reversals negative, totals per currency, opening/closing quantities), issue
 * (period closed for that supplier only, overlapping drafts superseded, stale drafts refused),
 * the supplier's answer, isolation, roles and idempotency.
 */
describe('statements', () => {
  let t: TestApp;
  let w: World;
  let s1: string;
  let s2: string;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    s1 = w.suppliers[0].id;
    s2 = w.suppliers[1].id;
  });
  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const consume = (body: Record<string, unknown>) => t.api('post', '/consumptions', w.users.warehouse).send(body);
  const consumeOk = async (body: Record<string, unknown>): Promise<string> => {
    const res = await consume(body);
    expect(res.status).toBe(201);
    return res.body.journalId as string;
  };
  const reverse = (journalId: string, effectiveDate?: string) =>
    t.api('post', `/ledger/journals/${journalId}/reverse`, w.users.finance).send({ reason: 'booked twice', ...(effectiveDate ? { effectiveDate } : {}) });
  const create = (body: Record<string, unknown>, user: TestUser = w.users.finance) => t.api('post', '/statements', user).send(body);
  const createOk = async (supplierOrgId: string, periodFrom: string, periodTo: string) => {
    const res = await create({ supplierOrgId, periodFrom, periodTo });
    expect(res.status).toBe(201);
    return res.body;
  };
  const issue = (id: string, user: TestUser = w.users.finance) => t.api('post', `/statements/${id}/issue`, user).send();
  const get = (id: string, user: TestUser = w.users.finance) => t.api('get', `/statements/${id}`, user);

  describe('the January statement of supplier 1', () => {
    const journals: Record<string, string> = {};

    beforeAll(async () => {
      const bolt1 = { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt };
      await receiveStock(t, w, { ...bolt1, qty: '100', lotNo: 'B-1', effectiveDate: '2024-12-20' });
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '50', effectiveDate: '2025-01-05' });
      await receiveStock(t, w, { supplier: w.suppliers[1], location: w.locations.vmi1, item: w.items.bolt, qty: '40', effectiveDate: '2024-12-20' });
      // Before the period: counts only in the opening quantity.
      journals['dec'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '2', supplierOrgId: s1, reference: 'WO-DEC', effectiveDate: '2024-12-31' });
      journals['wo1'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '10', supplierOrgId: s1, reference: 'WO-1', effectiveDate: '2025-01-10' });
      // A price change between two consumptions: the second is priced at the new price.
      await t
        .api('put', `/suppliers/${s1}/items/BOLT`, w.users.buyerAdmin)
        .send({ supplierSku: 'S1-BOLT-V2', unitPrice: '0.15', leadTimeDays: 7 })
        .expect(200);
      journals['wo2'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '7', supplierOrgId: s1, reference: 'WO-2', effectiveDate: '2025-01-12' });
      journals['wo3'] = await consumeOk({ locationCode: 'VMI-2', itemCode: 'CABLE', qty: '2.5', supplierOrgId: s1, reference: 'WO-3', effectiveDate: '2025-01-20' });
      journals['wo4'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '3', supplierOrgId: s1, reference: 'WO-4', effectiveDate: '2025-01-25' });
      const rev = await reverse(journals['wo4'] as string, '2025-01-28').expect(201);
      journals['rev4'] = rev.body.id;
      // Not a transfer, but it moves the supplier's stock in the period (closing quantity).
      await t
        .api('post', '/returns', w.users.warehouse)
        .send({ locationCode: 'VMI-1', itemCode: 'BOLT', supplierOrgId: s1, qty: '4', reason: 'damaged', effectiveDate: '2025-01-18' })
        .expect(201);
      // After the period, and another supplier's transfer inside it: neither is a line.
      journals['feb'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s1, reference: 'WO-FEB', effectiveDate: '2025-02-03' });
      journals['s2'] = await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '5', supplierOrgId: s2, reference: 'WO-S2', effectiveDate: '2025-01-15' });
    });

    let jan: Record<string, unknown> & { id: string; lines: Array<Record<string, unknown>> };

    it('creates a DRAFT whose lines are exactly the period\'s title transfers, frozen prices, the reversal negative', async () => {
      jan = await createOk(s1, '2025-01-01', '2025-01-31');
      expect(jan).toMatchObject({
        number: `ST-${year}-000001`,
        status: 'DRAFT',
        supplierOrgId: s1,
        buyerOrgId: w.buyer.id,
        periodFrom: '2025-01-01',
        periodTo: '2025-01-31',
        currency: 'EUR',
        lineCount: 5,
        // 1.25 + 1.05 + 5.88 + 0.45 − 0.45
        totalAmount: '8.18',
        totals: [{ currency: 'EUR', amount: '8.18', lineCount: 5 }],
        linesTruncated: false,
        linesNextCursor: null,
        issuedAt: null,
      });
      expect(jan['contentSha256']).toMatch(/^[0-9a-f]{64}$/);
      const line = (lineNo: number, journalId: string | undefined, o: Record<string, unknown>) => ({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        lineNo,
        journalId,
        currency: 'EUR',
        dispute: null,
        ...o,
      });
      expect(jan.lines).toEqual([
        line(1, journals['wo1'], { journalType: 'CONSUMPTION', effectiveAt: '2025-01-10', itemCode: 'BOLT', supplierSku: 'S1-BOLT', locationCode: 'VMI-1', qty: '10.000000', unitPrice: '0.125000', amount: '1.25', reference: 'WO-1' }),
        line(2, journals['wo2'], { journalType: 'CONSUMPTION', effectiveAt: '2025-01-12', itemCode: 'BOLT', supplierSku: 'S1-BOLT-V2', locationCode: 'VMI-1', qty: '7.000000', unitPrice: '0.150000', amount: '1.05', reference: 'WO-2' }),
        // 2.5 × 2.35 = 5.875 → 5.88 (half-up, per line)
        line(3, journals['wo3'], { journalType: 'CONSUMPTION', effectiveAt: '2025-01-20', itemCode: 'CABLE', supplierSku: 'S1-CABLE', locationCode: 'VMI-2', qty: '2.500000', unitPrice: '2.350000', amount: '5.88', reference: 'WO-3' }),
        line(4, journals['wo4'], { journalType: 'CONSUMPTION', effectiveAt: '2025-01-25', itemCode: 'BOLT', supplierSku: 'S1-BOLT-V2', locationCode: 'VMI-1', qty: '3.000000', unitPrice: '0.150000', amount: '0.45', reference: 'WO-4' }),
        line(5, journals['rev4'], { journalType: 'REVERSAL', effectiveAt: '2025-01-28', itemCode: 'BOLT', supplierSku: 'S1-BOLT-V2', locationCode: 'VMI-1', qty: '-3.000000', unitPrice: '0.150000', amount: '-0.45', reference: 'WO-4' }),
      ]);
      expect(new Set(jan.lines.map((l) => l['id'])).size).toBe(5);

      // The same set as the ledger's own title transfers of that supplier and period.
      const { rows } = await t.sql.query(
        `SELECT journal_id, qty::text AS qty, unit_price::text AS price, amount::text AS amount FROM title_transfers
          WHERE tenant_id = $1 AND supplier_org_id = $2 AND effective_date BETWEEN '2025-01-01' AND '2025-01-31' ORDER BY effective_date, id`,
        [w.buyer.id, s1],
      );
      expect(jan.lines.map((l) => [l['journalId'], l['qty'], l['unitPrice'], l['amount']])).toEqual(rows.map((r) => [r.journal_id, r.qty, r.price, r.amount]));
    });

    it('reports the supplier-owned quantities at the buyer\'s sites at the start and the end of the period', () => {
      // BOLT: 100 received − 2 (Dec 31) = 98 at the start; − 10 − 7 − 3 + 3 (reversal) − 4 (return) = 77 at the end.
      // CABLE: received inside the period: 0, then 50 − 2.5 = 47.5. GREASE never moved: absent.
      expect(jan['openingQty']).toEqual([
        { itemCode: 'BOLT', qty: '98.000000' },
        { itemCode: 'CABLE', qty: '0.000000' },
      ]);
      expect(jan['closingQty']).toEqual([
        { itemCode: 'BOLT', qty: '77.000000' },
        { itemCode: 'CABLE', qty: '47.500000' },
      ]);
    });

    it('reads the same statement back; the supplier sees it, supplier 2 and another buyer get 404', async () => {
      const res = await get(jan.id).expect(200);
      expect(res.body).toEqual(jan);
      await get(jan.id, w.users.buyerAdmin).expect(200);
      const asSupplier = await get(jan.id, w.users.supplierUser).expect(200);
      expect(asSupplier.body.lines).toEqual(jan.lines);
      const other = await get(jan.id, w.users.supplier2Admin).expect(404);
      expect(other.body.code).toBe('NOT_FOUND');
      for (const path of ['', '/lines', '/events', '/export?format=csv']) {
        await t.api('get', `/statements/${jan.id}${path}`, w.users.supplier2Admin).expect(404);
      }
      const w2 = await createWorld(t);
      for (const path of ['', '/lines', '/events', '/export?format=xlsx']) {
        await t.api('get', `/statements/${jan.id}${path}`, w2.users.finance).expect(404);
      }
      await issue(jan.id, w2.users.finance).expect(404);
      await t.api('post', `/statements/${jan.id}/confirm`, w2.users.supplierAdmin).send({}).expect(404);
      await t.api('post', `/statements/${jan.id}/dispute`, w2.users.supplierAdmin).send({ lines: [{ lineId: jan.lines[0]?.['id'], comment: 'x' }] }).expect(404);
      await t.api('get', `/statements/${w2.buyer.id}`, w.users.finance).expect(404);
      // A supplier not linked to this buyer (another buyer's supplier) → 404.
      const notLinked = await create({ supplierOrgId: w2.suppliers[0].id, periodFrom: '2025-01-01', periodTo: '2025-01-31' }).expect(404);
      expect(notLinked.body.code).toBe('NOT_FOUND');
      const list2 = await t.api('get', '/statements', w.users.supplier2Admin).expect(200);
      expect(list2.body.items.map((s: { id: string }) => s.id)).not.toContain(jan.id);
    });

    it('refuses the wrong roles with 403', async () => {
      const body = { supplierOrgId: s1, periodFrom: '2025-01-01', periodTo: '2025-01-31' };
      for (const u of [w.users.planner, w.users.warehouse, w.users.buyerAdmin, w.users.supplierAdmin]) {
        const res = await create(body, u).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await t.api('get', '/statements', w.users.planner).expect(403);
      await t.api('get', `/statements/${jan.id}`, w.users.warehouse).expect(403);
      await issue(jan.id, w.users.buyerAdmin).expect(403);
      await issue(jan.id, w.users.supplierAdmin).expect(403);
      await t.api('post', `/statements/${jan.id}/confirm`, w.users.finance).send({}).expect(403);
      await t.api('post', `/statements/${jan.id}/dispute`, w.users.finance).send({ lines: [{ lineId: jan.lines[0]?.['id'], comment: 'x' }] }).expect(403);
      await t.api('get', `/statements/${jan.id}`).expect(401);
    });

    it('refuses a bad period with 400 and takes no number for it', async () => {
      const before = await t.count('statements');
      for (const body of [
        { supplierOrgId: s1, periodFrom: '2025-01-31', periodTo: '2025-01-01' },
        { supplierOrgId: s1, periodFrom: '2025-02-30', periodTo: '2025-03-01' },
        { supplierOrgId: s1, periodFrom: '2025-01-01' },
        { supplierOrgId: 'nope', periodFrom: '2025-01-01', periodTo: '2025-01-31' },
        { supplierOrgId: s1, periodFrom: '2025-01-01', periodTo: '2025-01-31', currency: 'USD' },
      ]) {
        const res = await create(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await t.count('statements')).toBe(before);
    });

    let overlapping: { id: string; number: string };
    let february: { id: string };
    let supplier2Jan: { id: string };

    it('issues the draft: the period closes for supplier 1, overlapping drafts of supplier 1 are SUPERSEDED', async () => {
      overlapping = await createOk(s1, '2025-01-15', '2025-02-10');
      february = await createOk(s1, '2025-02-11', '2025-02-28');
      supplier2Jan = await createOk(s2, '2025-01-01', '2025-01-31');
      // Every POST /statements is a new draft, even for the same period.
      const twin = await createOk(s1, '2025-01-01', '2025-01-31');
      expect(twin.id).not.toBe(jan.id);
      expect(twin.contentSha256).not.toBe(jan['contentSha256']);
      expect([overlapping.number, twin.number]).toEqual([`ST-${year}-000002`, `ST-${year}-000005`]);

      const res = await issue(jan.id).expect(200);
      expect(res.body).toMatchObject({ id: jan.id, status: 'ISSUED', issuedBy: w.users.finance.id, contentSha256: jan['contentSha256'], lines: jan.lines });
      expect(res.body.issuedAt).toEqual(expect.any(String));
      const { rows } = await t.sql.query(
        `SELECT to_char(period_from, 'YYYY-MM-DD') AS f, to_char(period_to, 'YYYY-MM-DD') AS t, supplier_org_id, closed_by FROM closed_periods WHERE statement_id = $1`,
        [jan.id],
      );
      expect(rows).toEqual([{ f: '2025-01-01', t: '2025-01-31', supplier_org_id: s1, closed_by: w.users.finance.id }]);

      const status = async (id: string) => (await get(id).expect(200)).body;
      expect(await status(overlapping.id)).toMatchObject({ status: 'SUPERSEDED', supersededById: jan.id, supersededByNumber: jan['number'] });
      expect(await status(twin.id)).toMatchObject({ status: 'SUPERSEDED', supersededById: jan.id });
      expect((await status(february.id)).status).toBe('DRAFT');
      expect((await status(supplier2Jan.id)).status).toBe('DRAFT');

      const again = await issue(jan.id).expect(409);
      expect(again.body.code).toBe('INVALID_STATE');
      const superseded = await issue(overlapping.id).expect(409);
      expect(superseded.body.code).toBe('INVALID_STATE');
    });

    it('refuses postings of supplier 1 dated inside the closed period with 409 PERIOD_CLOSED, and nothing else', async () => {
      const before = await t.count('journals');
      const inside = await consume({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s1, effectiveDate: '2025-01-15' }).expect(409);
      expect(inside.body.code).toBe('PERIOD_CLOSED');
      const reversal = await reverse(journals['wo2'] as string, '2025-01-30').expect(409);
      expect(reversal.body.code).toBe('PERIOD_CLOSED');
      await expect(receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi1, item: w.items.bolt, qty: '1', effectiveDate: '2025-01-31' })).rejects.toMatchObject({
        code: 'PERIOD_CLOSED',
      });
      expect(await t.count('journals')).toBe(before);

      // Supplier 2 still posts in January; supplier 1 posts after the period, and a January
      // journal is corrected by a reversal dated in the next open period.
      await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s2, effectiveDate: '2025-01-16' });
      await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '1', supplierOrgId: s1, effectiveDate: '2025-02-01' });
      await reverse(journals['wo2'] as string, '2025-02-12').expect(201);
      // The issued statement never changes.
      expect((await get(jan.id).expect(200)).body).toMatchObject({ lines: jan.lines, totalAmount: '8.18', contentSha256: jan['contentSha256'] });
    });

    it('refuses to issue a draft whose period overlaps a closed one (409 PERIOD_CLOSED) or whose ledger moved (409 INVALID_STATE, stale)', async () => {
      const late = await createOk(s1, '2025-01-20', '2025-02-05');
      const res = await issue(late.id).expect(409);
      expect(res.body.code).toBe('PERIOD_CLOSED');
      expect((await get(late.id).expect(200)).body.status).toBe('DRAFT');

      // February draft made before the consumption of Feb 1 and the reversal of Feb 12: stale.
      const stale = await issue(february.id).expect(409);
      expect(stale.body).toMatchObject({ code: 'INVALID_STATE', reason: 'STALE_DRAFT' });
      expect(stale.body.detail).toMatch(/regenerate/i);
      // Supplier 2's January draft was made before its Jan 16 consumption: stale too.
      await issue(supplier2Jan.id).expect(409);

      // A stock movement (not a transfer) dated in the period also makes a draft stale.
      const march = await createOk(s1, '2025-03-01', '2025-03-31');
      await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.cable, qty: '5', effectiveDate: '2025-03-10' });
      const moved = await issue(march.id).expect(409);
      expect(moved.body).toMatchObject({ code: 'INVALID_STATE', reason: 'STALE_DRAFT' });

      const fresh = await createOk(s2, '2025-01-01', '2025-01-31');
      await issue(fresh.id).expect(200);
    });

    describe('the supplier\'s answer', () => {
      let feb: { id: string; lines: Array<{ id: string }> };

      it('confirm and dispute need an ISSUED statement (409 INVALID_STATE)', async () => {
        feb = await createOk(s1, '2025-02-01', '2025-02-28');
        expect(feb.lines.map((l) => (l as unknown as { reference: string | null }).reference)).toEqual([null, 'WO-FEB', 'WO-2']);
        const draftConfirm = await t.api('post', `/statements/${feb.id}/confirm`, w.users.supplierAdmin).send({}).expect(409);
        expect(draftConfirm.body.code).toBe('INVALID_STATE');
        await t
          .api('post', `/statements/${feb.id}/dispute`, w.users.supplierAdmin)
          .send({ lines: [{ lineId: feb.lines[0]?.id, comment: 'no' }] })
          .expect(409);
        await t.api('post', `/statements/${feb.id}/confirm`, w.users.supplier2Admin).send({}).expect(404);
      });

      it('a dispute names lines of this statement only, each once (400), then records them', async () => {
        const lineId = jan.lines[1]?.['id'] as string;
        const bad = await t
          .api('post', `/statements/${jan.id}/dispute`, w.users.supplierUser)
          .send({ lines: [{ lineId: feb.lines[0]?.id, comment: 'not ours' }] })
          .expect(400);
        expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'lines[0].lineId' })] });
        await t
          .api('post', `/statements/${jan.id}/dispute`, w.users.supplierUser)
          .send({ lines: [{ lineId, comment: 'a' }, { lineId, comment: 'b' }] })
          .expect(400);
        await t.api('post', `/statements/${jan.id}/dispute`, w.users.supplierUser).send({ lines: [] }).expect(400);
        await t.api('post', `/statements/${jan.id}/dispute`, w.users.supplierUser).send({ lines: [{ lineId, comment: '' }] }).expect(400);
        expect((await get(jan.id).expect(200)).body.status).toBe('ISSUED');

        const res = await t
          .api('post', `/statements/${jan.id}/dispute`, w.users.supplierUser)
          .send({ lines: [{ lineId, comment: 'we were paid 0.125 for WO-2' }], comment: 'price of WO-2' })
          .expect(200);
        expect(res.body).toMatchObject({ status: 'DISPUTED', disputedLineCount: 1, respondedBy: w.users.supplierUser.id });
        const disputed = res.body.lines.find((l: { id: string }) => l.id === lineId);
        expect(disputed.dispute).toEqual({ comment: 'we were paid 0.125 for WO-2', by: w.users.supplierUser.id, byEmail: w.users.supplierUser.email, at: expect.any(String) });
        expect(res.body.lines.filter((l: { dispute: unknown }) => l.dispute !== null)).toHaveLength(1);
        // The content (and its hash) is unchanged: a dispute is an annotation.
        expect(res.body.contentSha256).toBe(jan['contentSha256']);

        await t.api('post', `/statements/${jan.id}/confirm`, w.users.supplierAdmin).send({}).expect(409);
        await t.api('post', `/statements/${jan.id}/dispute`, w.users.supplierAdmin).send({ lines: [{ lineId, comment: 'again' }] }).expect(409);
      });

      it('finance finds the disputes: the list by status, the disputed lines', async () => {
        const list = await t.api('get', '/statements?status=DISPUTED', w.users.finance).expect(200);
        expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([jan.id]);
        expect(list.body.items[0]).not.toHaveProperty('lines');
        const lines = await t.api('get', `/statements/${jan.id}/lines?disputed=true`, w.users.finance).expect(200);
        expect(lines.body).toEqual({ items: [expect.objectContaining({ id: jan.lines[1]?.['id'], dispute: expect.objectContaining({ comment: 'we were paid 0.125 for WO-2' }) })], nextCursor: null });
        const undisputed = await t.api('get', `/statements/${jan.id}/lines?disputed=false&limit=2`, w.users.finance).expect(200);
        expect(undisputed.body.items.map((l: { lineNo: number }) => l.lineNo)).toEqual([1, 3]);
        const rest = await t.api('get', `/statements/${jan.id}/lines?disputed=false&limit=2&cursor=${undisputed.body.nextCursor}`, w.users.finance).expect(200);
        expect(rest.body).toEqual({ items: [expect.objectContaining({ lineNo: 4 }), expect.objectContaining({ lineNo: 5 })], nextCursor: null });
      });

      it('the supplier confirms an ISSUED statement once', async () => {
        // Regenerated after the February postings, then issued.
        const fresh = await createOk(s1, '2025-02-01', '2025-02-28');
        await issue(fresh.id).expect(200);
        expect((await get(feb.id).expect(200)).body.status).toBe('SUPERSEDED');
        const res = await t.api('post', `/statements/${fresh.id}/confirm`, w.users.supplierAdmin).send({ comment: 'agreed' }).expect(200);
        expect(res.body).toMatchObject({ status: 'CONFIRMED', respondedBy: w.users.supplierAdmin.id });
        const again = await t.api('post', `/statements/${fresh.id}/confirm`, w.users.supplierAdmin).send({}).expect(409);
        expect(again.body.code).toBe('INVALID_STATE');
        await t.api('post', `/statements/${fresh.id}/confirm`, w.users.supplierAdmin).send({ unknown: 1 }).expect(400);

        const events = await t.api('get', `/statements/${fresh.id}/events`, w.users.supplierUser).expect(200);
        expect(events.body.items).toEqual([
          expect.objectContaining({ fromStatus: null, toStatus: 'DRAFT', by: w.users.finance.id, byEmail: w.users.finance.email, byOrgId: w.buyer.id }),
          expect.objectContaining({ fromStatus: 'DRAFT', toStatus: 'ISSUED', by: w.users.finance.id }),
          expect.objectContaining({ fromStatus: 'ISSUED', toStatus: 'CONFIRMED', by: w.users.supplierAdmin.id, byOrgId: s1, comment: 'agreed' }),
        ]);
      });

      it('records every status change with who, when, from, to and comment', async () => {
        const events = await t.api('get', `/statements/${jan.id}/events`, w.users.finance).expect(200);
        expect(events.body.items).toEqual([
          { id: expect.any(String), fromStatus: null, toStatus: 'DRAFT', at: expect.any(String), by: w.users.finance.id, byEmail: w.users.finance.email, byOrgId: w.buyer.id, comment: null },
          expect.objectContaining({ fromStatus: 'DRAFT', toStatus: 'ISSUED', by: w.users.finance.id }),
          expect.objectContaining({ fromStatus: 'ISSUED', toStatus: 'DISPUTED', by: w.users.supplierUser.id, byOrgId: s1, comment: 'price of WO-2' }),
        ]);
        const superseded = await t.api('get', `/statements/${overlapping.id}/events`, w.users.finance).expect(200);
        expect(superseded.body.items[1]).toMatchObject({ fromStatus: 'DRAFT', toStatus: 'SUPERSEDED', comment: `superseded by ${jan['number']}` });
      });
    });

    it('lists per viewer with filters, newest first, cursor-paged', async () => {
      const all = await t.api('get', '/statements?limit=500', w.users.finance).expect(200);
      const n = all.body.items.length;
      expect(n).toBeGreaterThan(5);
      const created = all.body.items.map((s: { createdAt: string }) => s.createdAt);
      expect([...created].sort().reverse()).toEqual(created);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
          .api('get', `/statements?limit=3${cursor ? `&cursor=${cursor}` : ''}`, w.users.finance)
          .expect(200);
        seen.push(...page.body.items.map((s) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((s: { id: string }) => s.id));

      const s2List = await t.api('get', `/statements?supplierOrgId=${s2}`, w.users.finance).expect(200);
      expect(s2List.body.items.every((s: { supplierOrgId: string }) => s.supplierOrgId === s2)).toBe(true);
      const overlapFeb = await t.api('get', '/statements?from=2025-02-15&to=2025-02-20', w.users.finance).expect(200);
      expect(overlapFeb.body.items.every((s: { periodFrom: string; periodTo: string }) => s.periodFrom <= '2025-02-20' && s.periodTo >= '2025-02-15')).toBe(true);
      expect(overlapFeb.body.items.length).toBeGreaterThan(0);

      const mine = await t.api('get', '/statements?limit=500', w.users.supplierAdmin).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((s: { supplierOrgId: string; buyerOrgId: string }) => s.supplierOrgId === s1 && s.buyerOrgId === w.buyer.id)).toBe(true);
      expect(mine.body.items[0]).toMatchObject({ buyerName: expect.any(String), supplierCode: w.suppliers[0].code });
      await t.api('get', '/statements?status=OPEN', w.users.finance).expect(400);
    });
  });

  it('totals per currency when a price-list entry is in another currency than the agreement', async () => {
    await t.sql.query(`UPDATE price_list_entries SET valid_to = now() WHERE tenant_id = $1 AND supplier_org_id = $2 AND item_id = $3 AND valid_to IS NULL`, [
      w.buyer.id,
      s1,
      w.items.grease.id,
    ]);
    await t.sql.query(
      `INSERT INTO price_list_entries (tenant_id, supplier_org_id, item_id, supplier_sku, unit_price, currency, lead_time_days) VALUES ($1, $2, $3, 'S1-GREASE-US', '9.10', 'USD', 14)`,
      [w.buyer.id, s1, w.items.grease.id],
    );
    await receiveStock(t, w, { supplier: w.suppliers[0], location: w.locations.vmi2, item: w.items.grease, qty: '10', effectiveDate: '2025-06-01' });
    await consumeOk({ locationCode: 'VMI-2', itemCode: 'GREASE', qty: '1.5', supplierOrgId: s1, effectiveDate: '2025-06-10' });
    await consumeOk({ locationCode: 'VMI-1', itemCode: 'BOLT', qty: '4', supplierOrgId: s1, effectiveDate: '2025-06-11' });
    const june = await createOk(s1, '2025-06-01', '2025-06-30');
    // 1.5 × 9.10 USD = 13.65; 4 × 0.15 EUR = 0.60. Different currencies are never added.
    expect(june).toMatchObject({
      currency: 'EUR',
      totalAmount: '0.60',
      totals: [
        { currency: 'EUR', amount: '0.60', lineCount: 1 },
        { currency: 'USD', amount: '13.65', lineCount: 1 },
      ],
      lineCount: 2,
    });
    expect(june.lines.map((l: { currency: string; amount: string }) => [l.currency, l.amount])).toEqual([
      ['USD', '13.65'],
      ['EUR', '0.60'],
    ]);
    const empty = await createOk(s2, '2020-01-01', '2020-01-31');
    expect(empty).toMatchObject({ lineCount: 0, lines: [], totalAmount: '0.00', totals: [{ currency: 'CNY', amount: '0.00', lineCount: 0 }], openingQty: [], closingQty: [] });
  });

  it('Idempotency-Key: a replay returns the same statement and creates nothing; another body with the key → 422', async () => {
    const body = { supplierOrgId: s1, periodFrom: '2025-07-01', periodTo: '2025-07-31' };
    const first = await create(body).set('Idempotency-Key', 'st-july-1').expect(201);
    const count = await t.count('statements');
    const replay = await create(body).set('Idempotency-Key', 'st-july-1').expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await t.count('statements')).toBe(count);
    const reused = await create({ ...body, periodTo: '2025-07-30' }).set('Idempotency-Key', 'st-july-1').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Numbers stay gap-free: the next statement takes the next number.
    const next = await createOk(s1, '2025-08-01', '2025-08-31');
    const seq = (n: string) => parseInt(n.slice(-6), 10);
    expect(seq(next.number)).toBe(seq(first.body.number) + 1);
    const { rows } = await t.sql.query(`SELECT number FROM statements WHERE tenant_id = $1 ORDER BY number`, [w.buyer.id]);
    expect(rows.map((r) => seq(r.number))).toEqual(rows.map((_, i) => i + 1));
  });

  it('publishes every statements endpoint in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/v1/statements', 'post'],
      ['/api/v1/statements', 'get'],
      ['/api/v1/statements/{id}', 'get'],
      ['/api/v1/statements/{id}/lines', 'get'],
      ['/api/v1/statements/{id}/events', 'get'],
      ['/api/v1/statements/{id}/export', 'get'],
      ['/api/v1/statements/{id}/issue', 'post'],
      ['/api/v1/statements/{id}/confirm', 'post'],
      ['/api/v1/statements/{id}/dispute', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]).toBeDefined();
    }
  });

  it('the database refuses to change a statement\'s content or its lines, whoever asks', async () => {
    const [st] = (await t.sql.query(`SELECT id FROM statements WHERE tenant_id = $1 AND line_count > 0 LIMIT 1`, [w.buyer.id])).rows;
    await expect(t.sql.query(`UPDATE statement_lines SET qty = 0 WHERE statement_id = $1`, [st.id])).rejects.toThrow(/immutable/);
    await expect(t.sql.query(`DELETE FROM statement_lines WHERE statement_id = $1`, [st.id])).rejects.toThrow(/immutable/);
    await expect(t.sql.query(`UPDATE statements SET total_amount = 0 WHERE id = $1`, [st.id])).rejects.toThrow(/never changes/);
    const [issued] = (await t.sql.query(`SELECT id FROM statements WHERE status = 'CONFIRMED' LIMIT 1`)).rows;
    await expect(t.sql.query(`UPDATE statements SET status = 'DRAFT' WHERE id = $1`, [issued.id])).rejects.toThrow(/cannot go from CONFIRMED to DRAFT/);
  });
});
