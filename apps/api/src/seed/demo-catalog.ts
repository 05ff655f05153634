/**
 * The demo world `npm start` seeds (and the README lists): one buyer, two suppliers, a user
 * for every role, two VMI locations and a warehouse, 20 items, agreements and price lists.
 */
export const DEMO_PASSWORD = 'stockbridge-demo';

export const DEMO_BUYER = { code: 'ACME', name: 'Acme Manufacturing (艾克美制造)', type: 'BUYER' as const };
/**
 * `agingClause`: the agreement's consignment aging clause (docs/transfers-and-aging.md). The
 * demo history (ledger-demo.ts) consumes the oldest layers; HUAYANG keeps layers 53–58 days
 * old (due under its 45-day clause: AGING RED until the job's first run passes them to ACME)
 * and 23–28 days old (24 days and older within the 21 days' notice: AGING YELLOW after that
 * run). A demo timeline is compressed (90 days of history), hence the short clause.
 */
export const DEMO_SUPPLIERS: ReadonlyArray<{
  code: string;
  name: string;
  type: 'SUPPLIER';
  currency: string;
  tolerance: string;
  terms: number;
  agingClause: { maxConsignmentDays: number; agingNoticeDays: number } | null;
}> = [
  { code: 'NORDBOLT', name: 'Nordbolt Fasteners GmbH', type: 'SUPPLIER', currency: 'EUR', tolerance: '5', terms: 60, agingClause: null },
  { code: 'HUAYANG', name: '华阳电子 Huayang Electronics', type: 'SUPPLIER', currency: 'CNY', tolerance: '2', terms: 30, agingClause: { maxConsignmentDays: 45, agingNoticeDays: 21 } },
];

export const DEMO_USERS = [
  { email: 'buyer-admin@acme.example', org: 'ACME', roles: ['BUYER_ADMIN'] },
  { email: 'planner@acme.example', org: 'ACME', roles: ['PLANNER'] },
  { email: 'warehouse@acme.example', org: 'ACME', roles: ['WAREHOUSE'] },
  { email: 'finance@acme.example', org: 'ACME', roles: ['FINANCE'] },
  { email: 'admin@nordbolt.example', org: 'NORDBOLT', roles: ['SUPPLIER_ADMIN'] },
  { email: 'sales@nordbolt.example', org: 'NORDBOLT', roles: ['SUPPLIER_USER'] },
  { email: 'admin@huayang.example', org: 'HUAYANG', roles: ['SUPPLIER_ADMIN'] },
  { email: 'sales@huayang.example', org: 'HUAYANG', roles: ['SUPPLIER_USER'] },
] as const;

export const DEMO_LOCATIONS = [
  { code: 'VMI-SH01', name: 'Shanghai line-side store 上海线边库', type: 'VMI' as const },
  { code: 'VMI-SZ02', name: 'Suzhou assembly hub 苏州总装库', type: 'VMI' as const },
  { code: 'WH-MAIN', name: 'Main warehouse 中央仓', type: 'WAREHOUSE' as const },
];

/** [code, description, uom, decimals, supplier(s) with [sku, unitPrice, leadTimeDays]] */
export const DEMO_ITEMS: Array<{
  code: string;
  description: string;
  uom: string;
  decimals: number;
  offers: Array<{ supplier: string; sku: string; unitPrice: string; leadTimeDays: number }>;
  policy: { minQty: string; maxQty: string };
}> = [
  ['BOLT-M6', 'Hex bolt M6×30 8.8 zinc', 'PCS', 0, [['NORDBOLT', 'NB-6030', '0.042', 5]], ['2000', '8000']],
  ['BOLT-M8', 'Hex bolt M8×40 8.8 zinc', 'PCS', 0, [['NORDBOLT', 'NB-8040', '0.068', 5], ['HUAYANG', 'HY-B840', '0.55', 9]], ['1500', '6000']],
  ['BOLT-M10', 'Hex bolt M10×50 10.9', 'PCS', 0, [['NORDBOLT', 'NB-1050', '0.121', 7]], ['1000', '4000']],
  ['NUT-M6', 'Hex nut M6 class 8', 'PCS', 0, [['NORDBOLT', 'NB-N6', '0.011', 5]], ['3000', '10000']],
  ['NUT-M8', 'Hex nut M8 class 8', 'PCS', 0, [['NORDBOLT', 'NB-N8', '0.016', 5]], ['3000', '10000']],
  ['WASHER-8', 'Flat washer 8.4 DIN 125', 'PCS', 0, [['NORDBOLT', 'NB-W8', '0.006', 5]], ['4000', '15000']],
  ['RIVET-4', 'Blind rivet 4.0×10 alu', 'PCS', 0, [['NORDBOLT', 'NB-R410', '0.019', 10]], ['2000', '9000']],
  ['SCREW-T20', 'Torx screw T20 4×16', 'PCS', 0, [['NORDBOLT', 'NB-T2016', '0.027', 6]], ['2500', '9000']],
  ['GREASE-LI2', 'Lithium grease NLGI 2', 'KG', 3, [['NORDBOLT', 'NB-G2', '8.90', 14]], ['20', '80']],
  ['THREADLOCK', 'Thread locker medium strength 50 ml', 'PCS', 0, [['NORDBOLT', 'NB-TL50', '6.45', 12]], ['30', '120']],
  ['CAP-100UF', 'Electrolytic capacitor 100 µF 25 V', 'PCS', 0, [['HUAYANG', 'HY-C10025', '0.38', 12]], ['5000', '20000']],
  ['RES-10K', 'Resistor 10 kΩ 0603 1%', 'PCS', 0, [['HUAYANG', 'HY-R10K', '0.012', 10]], ['10000', '50000']],
  ['LED-RED', 'LED red 0805', 'PCS', 0, [['HUAYANG', 'HY-LR0805', '0.09', 10]], ['4000', '16000']],
  ['MCU-F103', 'Microcontroller STM32F103 LQFP48', 'PCS', 0, [['HUAYANG', 'HY-F103', '11.80', 28]], ['300', '1200']],
  ['PCB-CTRL', 'Controller PCB rev C', 'PCS', 0, [['HUAYANG', 'HY-PCB-C', '23.50', 21]], ['200', '800']],
  ['CABLE-2C', 'Cable 2×0.75 mm² (per metre)', 'M', 2, [['HUAYANG', 'HY-CB275', '2.35', 7], ['NORDBOLT', 'NB-CB2', '0.31', 12]], ['500', '2500']],
  ['CONN-4P', 'Connector 4-pin JST-XH', 'PCS', 0, [['HUAYANG', 'HY-XH4', '0.21', 10]], ['3000', '12000']],
  ['FUSE-2A', 'Fuse 2 A 5×20 slow', 'PCS', 0, [['HUAYANG', 'HY-F2A', '0.33', 10]], ['1000', '5000']],
  ['SOLDER-SAC', 'Solder wire SAC305 0.8 mm', 'KG', 3, [['HUAYANG', 'HY-SAC08', '268.00', 14]], ['5', '25']],
  ['HEATSHRINK', 'Heat-shrink tube 6 mm (per metre)', 'M', 1, [['HUAYANG', 'HY-HS6', '1.10', 7]], ['200', '1000']],
].map(([code, description, uom, decimals, offers, policy]) => ({
  code: code as string,
  description: description as string,
  uom: uom as string,
  decimals: decimals as number,
  offers: (offers as Array<[string, string, string, number]>).map(([supplier, sku, unitPrice, leadTimeDays]) => ({ supplier, sku, unitPrice, leadTimeDays })),
  policy: { minQty: (policy as string[])[0] as string, maxQty: (policy as string[])[1] as string },
}));
