import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Decimal } from '@stockbridge/domain';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createWorld, type World } from '../factories/world';
import { assertLedgerInvariants } from '../support/ledger-invariants';
import { settleWarnings } from '../support/db-snapshot';

/**
 * Property-based ledger test (fast-check): random programs of receipts (ship + receive),
 * consumptions (of one supplier's stock or FIFO across owners), returns, cycle-count
 * adjustments, reversals and idempotent retries, run by several clients at once over HTTP.
 * After each run the invariants of PRODUCT.md hold (test/support/ledger-invariants.ts) and
 * GET /stock equals an in-memory model: the stock at the start plus the effect of every
 * acknowledged request (the model takes from an answer only what the request cannot say:
 * which owners FIFO took, and the counted difference). A single client's program is also
 * predicted request by request: the model says which requests must succeed and which must be
 * refused with 409, and what an adjustment's difference is.
 */

type Loc = 'VMI-1' | 'VMI-2';
type ItemCode = 'BOLT' | 'CABLE';
type Sup = 0 | 1;
type Cmd =
  | { kind: 'receive'; loc: Loc; item: ItemCode; sup: Sup; qty: string }
  | { kind: 'consume'; loc: Loc; item: ItemCode; sup: Sup | null; qty: string }
  | { kind: 'return'; loc: Loc; item: ItemCode; sup: Sup; qty: string }
  | { kind: 'adjust'; loc: Loc; item: ItemCode; sup: Sup; counted: string }
  | { kind: 'reverse'; pick: number }
  | { kind: 'retry'; pick: number };

interface Effect {
  key: string;
  delta: Decimal;
}
/** A posted journal a later command may reverse. */
interface Posted {
  journalId: string;
  kind: 'consume' | 'return' | 'adjust';
  effects: Effect[];
  reversed: boolean;
}
/** A request as sent, for an idempotent retry. */
interface Sent {
  method: 'post';
  path: string;
  body: Record<string, unknown>;
  key: string;
  user: TestUser;
  status: number;
  response: unknown;
}

const key = (loc: string, item: string, owner: string) => `${loc}|${item}|${owner}`;
const LOCS: Loc[] = ['VMI-1', 'VMI-2'];
const ITEMS: ItemCode[] = ['BOLT', 'CABLE'];

const qtyArb = (item: ItemCode, min = 1) =>
  item === 'BOLT' ? fc.integer({ min, max: 40 }).map(String) : fc.integer({ min, max: 4000 }).map((n) => new Decimal(n).div(100).toString());
const locArb = fc.constantFrom<Loc>('VMI-1', 'VMI-2');
const itemArb = fc.constantFrom<ItemCode>('BOLT', 'CABLE');
const supArb = fc.constantFrom<Sup>(0, 1);
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ loc: locArb, item: itemArb, sup: supArb }).chain((r) => qtyArb(r.item).map((qty) => ({ kind: 'receive' as const, ...r, qty }))) },
  {
    weight: 4,
    arbitrary: fc.record({ loc: locArb, item: itemArb, sup: fc.constantFrom<Sup | null>(0, 1, null) }).chain((r) => qtyArb(r.item).map((qty) => ({ kind: 'consume' as const, ...r, qty }))),
  },
  { weight: 2, arbitrary: fc.record({ loc: locArb, item: itemArb, sup: supArb }).chain((r) => qtyArb(r.item).map((qty) => ({ kind: 'return' as const, ...r, qty }))) },
  { weight: 2, arbitrary: fc.record({ loc: locArb, item: itemArb, sup: supArb }).chain((r) => qtyArb(r.item, 0).map((counted) => ({ kind: 'adjust' as const, ...r, counted }))) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'reverse' as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'retry' as const, pick })) },
);

describe('ledger properties (fast-check, concurrent clients over HTTP)', () => {
  let t: TestApp;
  let w: World;
  const lines: Record<string, { callOffId: string; lineId: string }> = {};

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '8' });
    w = await createWorld(t);
    // One confirmed call-off per (supplier, site) with room for every receipt of the test.
    for (const sup of [0, 1] as const) {
      for (const loc of LOCS) {
        const co = await t
          .api('post', '/call-offs', w.users.planner)
          .send({ supplierOrgId: w.suppliers[sup].id, locationCode: loc, lines: ITEMS.map((itemCode) => ({ itemCode, qty: '10000000', needBy: '2030-12-31' })) })
          .expect(201);
        const supplier = sup === 0 ? w.users.supplierAdmin : w.users.supplier2Admin;
        await t
          .api('post', `/call-offs/${co.body.id}/confirm`, supplier)
          .send({ lines: co.body.lines.map((l: { id: string }) => ({ lineId: l.id, confirmedQty: '10000000', promisedDate: '2030-12-01' })) })
          .expect(200);
        for (const l of co.body.lines as Array<{ id: string; itemCode: string }>) lines[`${sup}|${loc}|${l.itemCode}`] = { callOffId: co.body.id, lineId: l.id };
      }
    }
  }, 60_000);

  afterAll(async () => {
    await assertLedgerInvariants(t);
    await t.close();
  });

  const owner = (sup: Sup) => w.suppliers[sup].id;

  async function stockNow(): Promise<Map<string, Decimal>> {
    const out = new Map<string, Decimal>();
    let cursor: string | null = null;
    do {
      const res = await t.api('get', '/stock', w.users.buyerAdmin).query({ limit: '500', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      for (const r of res.body.items as Array<{ locationCode: string; itemCode: string; ownerOrgId: string; onHand: string; inTransit: string }>) {
        if (!new Decimal(r.inTransit).isZero()) out.set(`transit|${key(r.locationCode, r.itemCode, r.ownerOrgId)}`, new Decimal(r.inTransit));
        if (!new Decimal(r.onHand).isZero()) out.set(key(r.locationCode, r.itemCode, r.ownerOrgId), new Decimal(r.onHand));
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }
  const plain = (m: Map<string, Decimal>) => Object.fromEntries([...m.entries()].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toString()]).sort());

  /**
   * Runs clients' programs concurrently (each client one request after the other). `predict`
   * (single client only) checks every answer against the model before applying it.
   */
  async function run(programs: Cmd[][], predict: boolean): Promise<void> {
    const model = await stockNow();
    const start = plain(model);
    const posted: Posted[] = [];
    const failures: string[] = [];
    const apply = (effects: Effect[]) => {
      for (const e of effects) model.set(e.key, (model.get(e.key) ?? new Decimal(0)).plus(e.delta));
    };
    const have = (k: string) => model.get(k) ?? new Decimal(0);
    const expectStatus = (cmd: Cmd, got: number, allowed: number[]) => {
      if (predict && !allowed.includes(got)) failures.push(`${JSON.stringify(cmd)}: expected ${allowed.join('/')}, got ${got}`);
    };

    const client = async (program: Cmd[]) => {
      const sent: Sent[] = [];
      const post = async (path: string, body: Record<string, unknown>, user: TestUser) => {
        const k = randomUUID();
        const res = await t.api('post', path, user).set('Idempotency-Key', k).send(body);
        if (res.status >= 500) failures.push(`${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
        sent.push({ method: 'post', path, body, key: k, user, status: res.status, response: res.body });
        return res;
      };
      for (const cmd of program) {
        switch (cmd.kind) {
          case 'receive': {
            const line = lines[`${cmd.sup}|${cmd.loc}|${cmd.item}`] as { callOffId: string; lineId: string };
            const supplier = cmd.sup === 0 ? w.users.supplierAdmin : w.users.supplier2Admin;
            const ship = await post('/shipments', { callOffId: line.callOffId, lines: [{ callOffLineId: line.lineId, qty: cmd.qty }] }, supplier);
            if (ship.status !== 201) {
              failures.push(`ship ${JSON.stringify(cmd)} → ${ship.status} ${JSON.stringify(ship.body)}`);
              break;
            }
            const transit = `transit|${key(cmd.loc, cmd.item, owner(cmd.sup))}`;
            apply([{ key: transit, delta: new Decimal(cmd.qty) }]);
            const rec = await post(`/shipments/${ship.body.id}/receive`, { lines: [{ shipmentLineId: ship.body.lines[0].id, receivedQty: cmd.qty }] }, w.users.warehouse);
            if (rec.status !== 201) {
              failures.push(`receive ${JSON.stringify(cmd)} → ${rec.status} ${JSON.stringify(rec.body)}`);
              break;
            }
            apply([
              { key: transit, delta: new Decimal(cmd.qty).neg() },
              { key: key(cmd.loc, cmd.item, owner(cmd.sup)), delta: new Decimal(cmd.qty) },
            ]);
            break;
          }
          case 'consume': {
            const total = cmd.sup === null ? [0, 1].reduce((s, x) => s.plus(have(key(cmd.loc, cmd.item, owner(x as Sup)))), new Decimal(0)) : have(key(cmd.loc, cmd.item, owner(cmd.sup)));
            const ok = total.gte(cmd.qty);
            const res = await post('/consumptions', { locationCode: cmd.loc, itemCode: cmd.item, qty: cmd.qty, ...(cmd.sup === null ? {} : { supplierOrgId: owner(cmd.sup) }) }, w.users.warehouse);
            expectStatus(cmd, res.status, ok ? [201] : [409]);
            if (res.status === 201) {
              const transfers = res.body.transfers as Array<{ supplierOrgId: string; qty: string }>;
              const taken = transfers.reduce((s, x) => s.plus(x.qty), new Decimal(0));
              if (!taken.eq(cmd.qty)) failures.push(`consume ${JSON.stringify(cmd)}: transfers sum to ${taken}`);
              if (cmd.sup !== null && transfers.some((x) => x.supplierOrgId !== owner(cmd.sup as Sup))) failures.push(`consume ${JSON.stringify(cmd)}: took another owner's stock`);
              const effects = transfers.map((x) => ({ key: key(cmd.loc, cmd.item, x.supplierOrgId), delta: new Decimal(x.qty).neg() }));
              apply(effects);
              posted.push({ journalId: res.body.journalId, kind: 'consume', effects, reversed: false });
            } else if (res.status !== 409 || res.body.code !== 'INSUFFICIENT_STOCK') failures.push(`consume ${JSON.stringify(cmd)} → ${res.status} ${res.body.code}`);
            break;
          }
          case 'return': {
            const k = key(cmd.loc, cmd.item, owner(cmd.sup));
            const res = await post('/returns', { locationCode: cmd.loc, itemCode: cmd.item, supplierOrgId: owner(cmd.sup), qty: cmd.qty, reason: 'property test' }, w.users.warehouse);
            expectStatus(cmd, res.status, have(k).gte(cmd.qty) ? [201] : [409]);
            if (res.status === 201) {
              const effects = [{ key: k, delta: new Decimal(cmd.qty).neg() }];
              apply(effects);
              posted.push({ journalId: res.body.journalId, kind: 'return', effects, reversed: false });
            } else if (res.status !== 409 || res.body.code !== 'INSUFFICIENT_STOCK') failures.push(`return ${JSON.stringify(cmd)} → ${res.status} ${res.body.code}`);
            break;
          }
          case 'adjust': {
            const k = key(cmd.loc, cmd.item, owner(cmd.sup));
            const book = have(k);
            const res = await post('/adjustments', { locationCode: cmd.loc, itemCode: cmd.item, supplierOrgId: owner(cmd.sup), countedQty: cmd.counted, reason: 'property test' }, w.users.warehouse);
            if (res.status !== 201) {
              failures.push(`adjust ${JSON.stringify(cmd)} → ${res.status} ${JSON.stringify(res.body)}`);
              break;
            }
            const diff = new Decimal(res.body.difference);
            if (predict && !diff.eq(new Decimal(cmd.counted).minus(book))) failures.push(`adjust ${JSON.stringify(cmd)}: difference ${diff}, model says ${new Decimal(cmd.counted).minus(book)}`);
            if (!diff.isZero()) {
              const effects = [{ key: k, delta: diff }];
              apply(effects);
              posted.push({ journalId: res.body.journalId, kind: 'adjust', effects, reversed: false });
            }
            break;
          }
          case 'reverse': {
            if (!posted.length) break;
            const target = posted[cmd.pick % posted.length] as Posted;
            const res = await post(`/ledger/journals/${target.journalId}/reverse`, { reason: 'property test' }, w.users.finance);
            // Putting stock back always fits; taking it away (a counted gain) needs that layer to still hold it.
            const takesStock = target.effects.some((e) => e.delta.gt(0));
            expectStatus(cmd, res.status, target.reversed ? [409] : takesStock ? [201, 409] : [201]);
            if (res.status === 201) {
              target.reversed = true;
              apply(target.effects.map((e) => ({ key: e.key, delta: e.delta.neg() })));
            } else if (res.status !== 409 || !['ALREADY_REVERSED', 'INSUFFICIENT_STOCK'].includes(res.body.code)) failures.push(`reverse → ${res.status} ${res.body.code}`);
            else if (predict && target.reversed && res.body.code !== 'ALREADY_REVERSED') failures.push(`reverse twice → ${res.body.code}`);
            break;
          }
          case 'retry': {
            const earlier = sent.filter((s) => !s.path.endsWith('/receive') && s.path !== '/shipments');
            if (!earlier.length) break;
            const s = earlier[cmd.pick % earlier.length] as Sent;
            const res = await t.api('post', s.path, s.user).set('Idempotency-Key', s.key).send(s.body);
            const strip = (b: unknown) => ({ ...(b as Record<string, unknown>), correlationId: undefined });
            if (res.status !== s.status || !isDeepStrictEqual(strip(res.body), strip(s.response))) {
              failures.push(`retry of ${s.path} ${JSON.stringify(s.body)}: first ${s.status}, replay ${res.status} ${JSON.stringify(res.body)}`);
            }
            break;
          }
        }
      }
    };

    await Promise.all(programs.map(client));
    await settleWarnings(t);
    const after = await stockNow();
    if (failures.length) throw new Error(`${failures.join('\n')}\n(start ${JSON.stringify(start)})`);
    expect(plain(after)).toEqual(plain(model));
    await assertLedgerInvariants(t);
  }

  it('concurrent clients: invariants hold and stock equals the model of the acknowledged requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cmdArb, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 4 }), (programs) => run(programs, false)),
      // Modest: each run is tens of HTTP requests on a shared machine (the suite stays under a minute).
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('one client: every answer is the one the model predicts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 14 }), (program) => run([program], true)),
      { numRuns: 20, endOnFailure: true },
    );
  });
});
