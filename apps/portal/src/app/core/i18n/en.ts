import {
  ErrorCode,
  LocationType,
  OrgType,
  Permission,
  Role,
  UploadRowErrorCode,
} from '@stockbridge/shared';
import { ClientErrorCode } from '../http/problem';
import { enChain } from './en.chain';
import { enLedger } from './en.ledger';
import { enUploads } from './en.uploads';
import { enDashboard } from './en.dashboard';
import { enStatements } from './en.statements';
import { enReports } from './en.reports';
import { enScorecards } from './en.scorecards';
import { enTransfers } from './en.transfers';
import { enForecast } from './en.forecast';
import { enDemands } from './en.demands';
import { enAging } from './en.aging';

/*
 * The English dictionary is the reference: every key the portal uses is declared here, and
 * `zh.ts` must provide the same keys (checked by the compiler). Keys are flat and dotted so
 * templates can be type-checked: `{{ 'nav.locations' | t }}` fails the build on a typo.
 * Placeholders use `{name}`.
 */

const roles: Record<`role.${Role}`, string> = {
  'role.PLATFORM_ADMIN': 'Platform admin',
  'role.BUYER_ADMIN': 'Buyer admin',
  'role.PLANNER': 'Planner',
  'role.WAREHOUSE': 'Warehouse',
  'role.FINANCE': 'Finance',
  'role.SUPPLIER_ADMIN': 'Supplier admin',
  'role.SUPPLIER_USER': 'Supplier user',
};

const orgTypes: Record<`orgType.${OrgType}`, string> = {
  'orgType.BUYER': 'Buyer',
  'orgType.SUPPLIER': 'Supplier',
};

const locationTypes: Record<`locationType.${LocationType}`, string> = {
  'locationType.VMI': 'VMI site',
  'locationType.WAREHOUSE': 'Warehouse',
};

/** What each permission lets a person do, as the home page lists it. */
const permissions: Record<`perm.${Permission}`, string> = {
  'perm.admin:manage': 'Create organizations and their users',
  'perm.masterdata:read': 'Look up locations, items, suppliers and price lists',
  'perm.masterdata:write':
    'Maintain locations, items, supplier agreements and price lists',
  'perm.buyers:read': 'See the buyers you supply and your agreed terms',
  'perm.calloffs:read': 'Follow call-offs',
  'perm.calloffs:create': 'Issue call-offs to suppliers',
  'perm.calloffs:cancel': 'Cancel call-offs',
  'perm.calloffs:respond': 'Confirm or reject call-offs',
  'perm.shipments:read': 'Follow shipping notices (ASN)',
  'perm.shipments:create': 'Create shipping notices (ASN)',
  'perm.shipments:receive': 'Receive shipments into VMI locations',
  'perm.stock:read': 'See consignment stock',
  'perm.stock:post': 'Post consumptions, returns and count adjustments',
  'perm.ledger:read': 'Read the consignment ledger',
  'perm.ledger:reverse': 'Reverse ledger journals',
  'perm.ledger:verify': 'Verify the ledger balances',
  'perm.supplierInventory:read': 'See supplier-side inventory',
  'perm.supplierInventory:write': 'Upload and edit your inventory for buyers',
  'perm.warnings:read': 'Watch low-water and stock warnings',
  'perm.warnings:acknowledge': 'Acknowledge warnings',
  'perm.replenishment:read': 'Review replenishment proposals',
  'perm.demands:write': 'Enter and import demand',
  'perm.demands:read': 'See demand and its imports',
  'perm.analytics:read': 'Analyse stock health',
  'perm.statements:read': 'Read reconciliation statements',
  'perm.statements:manage':
    'Produce, issue and export reconciliation statements',
  'perm.statements:respond': 'Confirm or dispute reconciliation statements',
  'perm.reports:read': 'Analyse consumption per supplier, item and month',
  'perm.scorecards:read': 'Compare suppliers on delivery, stock and statement performance',
  'perm.stock:transfer': 'Transfer consignment stock between VMI sites',
  'perm.agingClause:run': 'Run the consignment aging clause (title transfer of aged stock)',
};

/** Problem codes of the HTTP contract, plus the ones the portal derives itself. */
const errors: Record<`errors.${ErrorCode | ClientErrorCode}`, string> = {
  'errors.VALIDATION_FAILED':
    'Some values are not valid. Check the highlighted fields.',
  'errors.INVALID_CREDENTIALS': 'The email or password is not correct.',
  'errors.UNAUTHORIZED': 'Please sign in to continue.',
  'errors.FORBIDDEN': 'Your role does not allow this action.',
  'errors.NOT_FOUND': 'This record does not exist or is not visible to you.',
  'errors.DUPLICATE': 'A record with this code already exists.',
  'errors.CONFLICT':
    'This change conflicts with another one. Refresh and try again.',
  'errors.IDEMPOTENCY_KEY_REUSED':
    'This request was already sent with different data. Please submit again.',
  'errors.IDEMPOTENCY_IN_PROGRESS':
    'The same request is still being processed. Please wait a moment.',
  'errors.INVALID_STATE': 'This action is not possible in the current state.',
  'errors.OVER_SHIPMENT':
    'The quantity exceeds the confirmed quantity plus tolerance.',
  'errors.OVER_RECEIPT':
    'The received quantity exceeds the shipped quantity plus tolerance.',
  'errors.INSUFFICIENT_STOCK': 'There is not enough stock for this movement.',
  'errors.ALREADY_REVERSED': 'This journal has already been reversed.',
  'errors.PERIOD_CLOSED':
    'This date falls in a period closed by an issued statement.',
  'errors.UNSUPPORTED_MEDIA_TYPE': 'This file type is not supported.',
  'errors.PAYLOAD_TOO_LARGE': 'The file or request is too large.',
  'errors.TOO_MANY_REQUESTS':
    'Too many requests. Please wait a moment and try again.',
  'errors.SERVICE_UNAVAILABLE':
    'The service is temporarily unavailable. Please try again shortly.',
  'errors.INTERNAL_ERROR':
    'Something went wrong on the server. Please try again.',
  'errors.NETWORK_ERROR':
    'Cannot reach the server. Check your connection and try again.',
  'errors.UNKNOWN': 'Unexpected error (HTTP {status}).',
};

/** Row error codes of spreadsheet uploads; field errors carrying one of them are shown this way. */
const rowErrors: Record<`rowError.${UploadRowErrorCode}`, string> = {
  'rowError.REQUIRED': 'A required value is missing.',
  'rowError.UNKNOWN_ITEM': 'Unknown item or supplier SKU.',
  'rowError.INVALID_NUMBER': 'Not a valid number.',
  'rowError.NEGATIVE': 'Must not be negative.',
  'rowError.TOO_MANY_DECIMALS': 'Too many decimals for this item.',
  'rowError.INVALID_DATE': 'Not a valid date (YYYY-MM-DD).',
  'rowError.DUPLICATE_ROW': 'The same key appears twice in the file.',
  'rowError.UOM_MISMATCH': 'The unit of measure does not match the item.',
  'rowError.UNKNOWN_SITE': 'Unknown site.',
  'rowError.TOO_LONG': 'The cell is too long.',
};

const base = {
  'app.name': 'Stockbridge',
  'app.tagline': 'Supplier collaboration & consignment',

  'nav.label': 'Main navigation',
  'nav.toggle': 'Toggle navigation',
  'nav.home': 'Home',
  'nav.section.admin': 'Administration',
  'nav.section.masterData': 'Master data',
  'nav.section.supplier': 'Customers',
  'nav.admin.orgs': 'Organizations',
  'nav.admin.users': 'Users',
  'nav.locations': 'Locations',
  'nav.items': 'Items',
  'nav.suppliers': 'Suppliers & price lists',
  'nav.buyers': 'My buyers',

  'shell.langSwitch': '中文',
  'shell.langSwitchAria': 'Switch the language to Simplified Chinese',
  'shell.logout': 'Sign out',
  'shell.platform': 'Platform',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.create': 'Create',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.retry': 'Retry',
  'common.clearSearch': 'Clear search',
  'common.all': 'All',
  'common.edit': 'Edit',
  'common.actions': 'Actions',
  'common.days': '{n} days',
  'common.createdAt': 'Created',

  'table.empty': 'No records found.',
  'table.emptyFiltered': 'No records match the filter.',
  'table.rowsPerPage': 'Rows per page',
  'table.page': 'Page {page}',
  'table.previous': 'Previous',
  'table.next': 'Next',
  'table.loading': 'Loading…',
  'table.loadFailed': 'The list could not be loaded.',

  'validation.required': 'This field is required.',
  'validation.maxLength': 'Use at most {max} characters.',
  'validation.minLength': 'Use at least {min} characters.',
  'validation.email': 'Enter a valid email address.',
  'validation.code': 'Use letters, digits, “-”, “_” or “.” only (no spaces).',
  'validation.decimal': 'A number like 12.5, at most {max} decimals.',
  'validation.integer': 'Enter a whole number.',
  'validation.min': 'Must be at least {min}.',
  'validation.max': 'Must be at most {max}.',
  'validation.currency': 'Use a 3-letter ISO code such as CNY, EUR or USD.',
  'validation.rolesForOrg': 'These roles do not fit the organization type.',
  'validation.duplicate': 'This value is already in use.',
  'validation.invalid': 'This value is not valid.',
  'validation.server': 'Rejected by the server: {message}',
  'validation.orgRequired': 'Pick an organization from the list.',
  'validation.positive': 'Must be greater than 0.',
  'validation.date': 'Enter a date as YYYY-MM-DD.',
  'validation.dateRange': 'This date is outside the allowed range.',

  'login.title': 'Sign in',
  'login.subtitle': 'Supplier collaboration portal with a consignment ledger',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.showPassword': 'Show password',
  'login.hidePassword': 'Hide password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.tooManyWait':
    'Too many sign-in attempts. Please wait {seconds} seconds and try again.',
  'login.tooMany':
    'Too many sign-in attempts. Please wait a minute and try again.',
  'login.sessionExpired': 'Your session has ended. Please sign in again.',
  'login.signedOut': 'You have been signed out.',
  'login.footer':
    'Consignment stock, call-offs and reconciliation in one place.',

  'home.title': 'Welcome',
  'home.greeting': 'Hello, {email}',
  'home.signedInAs': 'You are signed in for {org} as {roles}.',
  'home.signedInAsRole': 'You are signed in as {roles} ({type}).',
  'home.intro.admin':
    'You run the platform: create buyer and supplier organizations and give people access.',
  'home.intro.buyer':
    'Your company keeps consignment stock at its own sites: issue call-offs, receive shipping notices, post consumption and follow every movement on the ledger.',
  'home.intro.supplier':
    'Your stock sits at your customers’ sites until they consume it. Confirm their call-offs, send shipping notices, and publish your warehouse stock with the inventory upload.',
  'home.capabilities': 'What you can do',
  'home.shortcuts': 'Go to',
  'home.readOnly': 'Your role can read master data but not change it.',

  'admin.orgs.title': 'Organizations',
  'admin.orgs.new': 'New organization',
  'admin.orgs.search': 'Search code or name',
  'admin.orgs.typeFilter': 'Type',
  'admin.orgs.code': 'Code',
  'admin.orgs.name': 'Name',
  'admin.orgs.type': 'Type',
  'admin.orgs.id': 'ID',
  'admin.orgs.codeHint': 'Short unique code, e.g. ACME-SH',
  'admin.orgs.dialogTitle': 'New organization',
  'admin.orgs.created': 'Organization {code} created.',
  'admin.orgs.copyId': 'Copy ID',
  'admin.orgs.idCopied': 'Organization ID copied.',

  'admin.users.title': 'Users',
  'admin.users.new': 'New user',
  'admin.users.orgFilter': 'Organization',
  'admin.users.email': 'Email',
  'admin.users.password': 'Initial password',
  'admin.users.passwordHint': 'At least 10 characters; share it securely.',
  'admin.users.org': 'Organization',
  'admin.users.orgHint': 'Type to search by code or name',
  'admin.users.noOrgs': 'No matching organizations',
  'admin.users.roles': 'Roles',
  'admin.users.rolesHint': 'Roles must fit the organization type',
  'admin.users.buyerRoles': 'Buyer roles',
  'admin.users.supplierRoles': 'Supplier roles',
  'admin.users.dialogTitle': 'New user',
  'admin.users.created': 'User {email} created.',

  'locations.title': 'Locations',
  'locations.new': 'New location',
  'locations.code': 'Code',
  'locations.name': 'Name',
  'locations.type': 'Type',
  'locations.codeHint': 'Unique per company, e.g. SH-VMI-01',
  'locations.dialogTitle': 'New location',
  'locations.created': 'Location {code} created.',

  'items.title': 'Items',
  'items.new': 'New item',
  'items.search': 'Search code or description',
  'items.code': 'Item code',
  'items.description': 'Description',
  'items.uom': 'Unit',
  'items.uomHint': 'Unit of measure, e.g. PCS, KG, M',
  'items.decimals': 'Quantity decimals',
  'items.decimalsHint': 'How many decimals a quantity of this item may carry',
  'items.dialogTitle': 'New item',
  'items.created': 'Item {code} created.',

  'suppliers.title': 'Suppliers & price lists',
  'suppliers.new': 'Link supplier',
  'suppliers.supplierCode': 'Supplier code',
  'suppliers.supplierName': 'Supplier',
  'suppliers.currency': 'Currency',
  'suppliers.tolerance': 'Receipt tolerance',
  'suppliers.paymentTerms': 'Payment terms',
  'suppliers.linkedAt': 'Linked',
  'suppliers.priceList': 'Price list',
  'suppliers.dialogTitle': 'Link a supplier',
  'suppliers.orgId': 'Supplier organization',
  'suppliers.orgIdHint':
    'Pick an unlinked supplier or paste its organization ID',
  'suppliers.candidates': 'Suppliers not linked yet',
  'suppliers.noCandidates': 'No unlinked suppliers match',
  'suppliers.tolerancePct': 'Receipt tolerance (%)',
  'suppliers.toleranceHint':
    'Over-delivery accepted on shipments and receipts, 0–100',
  'suppliers.paymentTermsDays': 'Payment terms (days)',
  'suppliers.linked': 'Supplier {name} linked.',

  'priceList.title': 'Price list',
  'priceList.subtitle': '{name} · {code}',
  'priceList.back': 'All suppliers',
  'priceList.new': 'Add item price',
  'priceList.history': 'Show history',
  'priceList.search': 'Item code',
  'priceList.itemCode': 'Item code',
  'priceList.supplierSku': 'Supplier SKU',
  'priceList.unitPrice': 'Unit price',
  'priceList.leadTime': 'Lead time',
  'priceList.leadTimeDays': 'Lead time (days)',
  'priceList.validFrom': 'Valid from',
  'priceList.validTo': 'Valid to',
  'priceList.current': 'Current',
  'priceList.editTitle': 'Edit price · {item}',
  'priceList.newTitle': 'Add item price',
  'priceList.itemHint': 'Type to search your items',
  'priceList.noItems': 'No matching items',
  'priceList.priceNote':
    'A new price applies to consumptions from now on; transfers already made keep their price.',
  'priceList.saved': 'Price for {item} saved.',

  'buyers.title': 'My buyers',
  'buyers.buyerCode': 'Buyer code',
  'buyers.buyerName': 'Buyer',
  'buyers.currency': 'Currency',
  'buyers.tolerance': 'Receipt tolerance',
  'buyers.paymentTerms': 'Payment terms',

  'notFound.title': 'Page not found',
  'notFound.text':
    'The page you asked for does not exist or your role cannot open it.',
  'notFound.home': 'Back to home',
  'guard.noAccess': 'Your role cannot open that page.',
} as const;

export const en = {
  ...base,
  ...roles,
  ...orgTypes,
  ...locationTypes,
  ...permissions,
  ...errors,
  ...rowErrors,
  ...enChain,
  ...enLedger,
  ...enUploads,
  ...enDashboard,
  ...enStatements,
  ...enReports,
  ...enScorecards,
  ...enTransfers,
  ...enForecast,
  ...enDemands,
  ...enAging,
};

export type TranslationKey = keyof typeof en;
export type Dictionary = Record<TranslationKey, string>;
