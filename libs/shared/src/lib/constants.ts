/** Organisation kinds. A BUYER is a tenant; a SUPPLIER is linked to buyers by agreements. */
export const ORG_TYPES = ['BUYER', 'SUPPLIER'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = [
  'PLATFORM_ADMIN',
  'BUYER_ADMIN',
  'PLANNER',
  'WAREHOUSE',
  'FINANCE',
  'SUPPLIER_ADMIN',
  'SUPPLIER_USER',
] as const;
export type Role = (typeof ROLES)[number];

export const BUYER_ROLES: readonly Role[] = ['BUYER_ADMIN', 'PLANNER', 'WAREHOUSE', 'FINANCE'];
export const SUPPLIER_ROLES: readonly Role[] = ['SUPPLIER_ADMIN', 'SUPPLIER_USER'];

export const LOCATION_TYPES = ['VMI', 'WAREHOUSE'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

/** Virtual ledger locations: they carry postings but are not physical sites. */
export const VIRTUAL_LOCATIONS = ['SUPPLIER', 'IN_TRANSIT', 'CONSUMED', 'ADJUSTMENT'] as const;
export type VirtualLocation = (typeof VIRTUAL_LOCATIONS)[number];

export const JOURNAL_TYPES = [
  'SHIPMENT',
  'RECEIPT',
  'SHORT_CLOSE',
  'CONSUMPTION',
  'RETURN',
  'ADJUSTMENT',
  'REVERSAL',
  /** Consignment stock moved between two VMI sites of the buyer; owner unchanged. */
  'TRANSFER',
  /** The aging clause: title passes to the buyer, the stock stays where it is. */
  'TITLE_TRANSFER',
] as const;
export type JournalType = (typeof JOURNAL_TYPES)[number];

export const CALL_OFF_STATUSES = [
  'OPEN',
  'CONFIRMED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'PARTIALLY_RECEIVED',
  'RECEIVED',
  'CLOSED',
  'REJECTED',
  'CANCELLED',
] as const;
export type CallOffStatus = (typeof CALL_OFF_STATUSES)[number];

export const SHIPMENT_STATUSES = ['IN_TRANSIT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const UPLOAD_MODES = ['SNAPSHOT', 'DELTA'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];
export const UPLOAD_STATUSES = ['PROCESSING', 'VALIDATED', 'APPLIED', 'REJECTED', 'FAILED'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];
export const UPLOAD_ROW_ERROR_CODES = [
  'REQUIRED',
  'UNKNOWN_ITEM',
  'INVALID_NUMBER',
  'NEGATIVE',
  'TOO_MANY_DECIMALS',
  'INVALID_DATE',
  'DUPLICATE_ROW',
  'UOM_MISMATCH',
  'UNKNOWN_SITE',
  'TOO_LONG',
] as const;
export type UploadRowErrorCode = (typeof UPLOAD_ROW_ERROR_CODES)[number];

export const WARNING_KINDS = ['LOW_WATER', 'SUPPLIER_LOW_WATER', 'OVERSTOCK', 'AGING', 'SLOW_MOVING', 'EXPIRY'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export const SEVERITIES = ['YELLOW', 'ORANGE', 'RED'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const WARNING_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const STATEMENT_STATUSES = ['DRAFT', 'ISSUED', 'CONFIRMED', 'DISPUTED', 'SUPERSEDED'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** Problem codes: exact strings of the HTTP contract (API.md). */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DUPLICATE',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'INVALID_STATE',
  'OVER_SHIPMENT',
  'OVER_RECEIPT',
  'INSUFFICIENT_STOCK',
  'ALREADY_REVERSED',
  'PERIOD_CLOSED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Quantities carry at most this many decimals (an item's `decimals` may say fewer). */
export const MAX_QTY_DECIMALS = 6;
export const MONEY_DECIMALS = 2;

export const PAGE_DEFAULT_LIMIT = 50;
export const PAGE_MAX_LIMIT = 500;

/** Business dates are `YYYY-MM-DD` in UTC. */
export const BUSINESS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Decimal strings as the API accepts them: optional minus, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
