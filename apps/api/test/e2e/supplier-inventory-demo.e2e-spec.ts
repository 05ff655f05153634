import { SeedService } from '../../src/seed/seed.service';
import { createTestApp, type TestApp } from '../support/test-app';

/** The demo world (npm start) publishes each demo supplier's stock through the real upload path. */
describe('supplier inventory demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds an applied upload and stock rows for every demo supplier', async () => {
    expect(await t.app.get(SeedService).seedDemo()).toBe(true);
    const { rows } = await t.sql.query(
      `SELECT o.code, u.status, u.valid_rows, (SELECT count(*)::int FROM supplier_inventory s WHERE s.supplier_org_id = o.id) AS stock
         FROM supplier_inventory_uploads u JOIN organizations o ON o.id = u.supplier_org_id ORDER BY o.code`,
    );
    expect(rows.map((r) => r.code)).toEqual(['HUAYANG', 'NORDBOLT']);
    for (const r of rows) {
      expect(r.status).toBe('APPLIED');
      expect(r.valid_rows).toBeGreaterThan(0);
      expect(r.stock).toBe(r.valid_rows);
    }
  });
});
