import { CallOffStatus, ShipmentStatus } from '../constants';
import { BusinessDate, DecimalString, Timestamp } from './common';

// Contract interfaces of the VMI chain: call-offs, shipments (ASNs) and receipts.
// Requests accept quantities as decimal strings or JSON numbers; responses always carry
// decimal strings written with the item's decimals ("12", "2.50", "1.250").

// ---- call-offs ----

export interface CreateCallOffLineRequest {
  itemCode: string;
  qty: DecimalString | number;
  needBy: BusinessDate;
}
export interface CreateCallOffRequest {
  supplierOrgId: string;
  /** A VMI location of the buyer. */
  locationCode: string;
  /** 1–500 lines; the same item may appear on several lines (e.g. different need-by dates). */
  lines: CreateCallOffLineRequest[];
}

export interface ConfirmCallOffLineRequest {
  lineId: string;
  /** 0 ≤ confirmedQty ≤ qty; 0 means the supplier cannot deliver the line. */
  confirmedQty: DecimalString | number;
  promisedDate: BusinessDate;
}
export interface ConfirmCallOffRequest {
  /** Lines not named keep their current confirmation; every line must end up confirmed. */
  lines: ConfirmCallOffLineRequest[];
}
export interface RejectCallOffRequest {
  reason: string;
}
export interface CancelCallOffRequest {
  reason?: string;
}

export interface CallOffLine {
  id: string;
  lineNo: number;
  itemCode: string;
  itemDescription: string;
  uom: string;
  qty: DecimalString;
  needBy: BusinessDate;
  /** Null until the supplier confirms the line. */
  confirmedQty: DecimalString | null;
  promisedDate: BusinessDate | null;
  /** Declared on ASNs, cumulative. */
  shippedQty: DecimalString;
  receivedQty: DecimalString;
  /** Closed short on ASNs: went back to the supplier's side. */
  shortClosedQty: DecimalString;
  /** Shipped, neither received nor closed short yet. */
  inTransitQty: DecimalString;
  /** Still allowed on further ASNs: confirmed × (1 + tolerance) − shipped (0 while unconfirmed). */
  maxShippableQty: DecimalString;
  /** Nothing more is expected on the line (an ASN of it was closed short and it is fully shipped). */
  closed: boolean;
}

export interface CallOff {
  id: string;
  /** `CO-2026-000001`, per buyer tenant, gap-free. */
  number: string;
  status: CallOffStatus;
  buyerOrgId: string;
  buyerName: string;
  supplierOrgId: string;
  supplierName: string;
  locationCode: string;
  /** The agreement's tolerance in percent, applied to shipments and receipts. */
  tolerancePct: DecimalString;
  rejectReason: string | null;
  cancelReason: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  confirmedAt: Timestamp | null;
  lines: CallOffLine[];
}

// ---- shipments (ASNs) ----

export interface CreateShipmentLineRequest {
  callOffLineId: string;
  qty: DecimalString | number;
  lotNo?: string | null;
  expiryDate?: BusinessDate | null;
}
export interface CreateShipmentRequest {
  callOffId: string;
  /** A call-off line may appear more than once (e.g. one line per lot). */
  lines: CreateShipmentLineRequest[];
}

export interface ShipmentLine {
  id: string;
  lineNo: number;
  callOffLineId: string;
  itemCode: string;
  uom: string;
  qty: DecimalString;
  receivedQty: DecimalString;
  shortClosedQty: DecimalString;
  inTransitQty: DecimalString;
  lotNo: string | null;
  expiryDate: BusinessDate | null;
}

export interface ShipmentReceiptLine {
  shipmentLineId: string;
  qty: DecimalString;
}
export interface ShipmentReceipt {
  id: string;
  /** `RC-2026-000001`. */
  number: string;
  journalId: string;
  /** The SHIPMENT journal of what arrived beyond the ASN within tolerance, if any. */
  overDeliveryJournalId: string | null;
  effectiveDate: BusinessDate;
  createdAt: Timestamp;
  lines: ShipmentReceiptLine[];
}

export interface Shipment {
  id: string;
  /** `ASN-2026-000001`, per buyer tenant, gap-free. */
  number: string;
  status: ShipmentStatus;
  callOffId: string;
  callOffNumber: string;
  buyerOrgId: string;
  supplierOrgId: string;
  supplierName: string;
  locationCode: string;
  /** The SHIPMENT journal (SUPPLIER −q, IN_TRANSIT +q). */
  journalId: string;
  /** The SHORT_CLOSE journal once closed short. */
  shortCloseJournalId: string | null;
  createdAt: Timestamp;
  closedAt: Timestamp | null;
  lines: ShipmentLine[];
  /** Only on GET /shipments/{id}. */
  receipts?: ShipmentReceipt[];
}

// ---- receipts and short closes ----

export interface ReceiveShipmentLineRequest {
  shipmentLineId: string;
  /** > 0; cumulative received ≤ shipped × (1 + tolerance). */
  receivedQty: DecimalString | number;
}
export interface ReceiveShipmentRequest {
  lines: ReceiveShipmentLineRequest[];
  /** Business date of the receipt; default today (UTC). */
  effectiveDate?: BusinessDate;
}
export interface ReceiveResult {
  receiptId: string;
  receiptNumber: string;
  journalId: string;
  overDeliveryJournalId: string | null;
  shipmentStatus: ShipmentStatus;
  callOffStatus: CallOffStatus;
}

export interface CloseShortRequest {
  effectiveDate?: BusinessDate;
  reason?: string;
}
export interface CloseShortResult {
  journalId: string;
  shipmentStatus: ShipmentStatus;
  callOffStatus: CallOffStatus;
  /** Per ASN line, what went back to the supplier. */
  lines: Array<{ shipmentLineId: string; qty: DecimalString }>;
}
