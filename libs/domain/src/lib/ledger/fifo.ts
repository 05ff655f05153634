import { Decimal, toDecimal, type DecimalInput } from '../decimal';
import { compareInstants } from '../time';
import { LedgerInvariantError, type LayerAllocation } from './ledger-types';

/** A receipt layer with stock left, as FIFO sees it. */
export interface FifoLayer {
  layerId: string;
  ownerOrgId: string;
  /** ISO instant of the receipt that created the layer: older layers are consumed first. */
  receivedAt: string;
  /** Tiebreak for layers received at the same instant: the layer's id order. */
  seq: bigint | number | string;
  remaining: DecimalInput;
  lotNo?: string | null;
}

/** Options of `allocateFifo`. */
export interface FifoOptions {
  /** Take only this owner's layers; absent means across all owners. */
  ownerOrgId?: string;
}

/** FIFO outcome: the layers to take from, or how much is missing (nothing is taken). */
export type FifoResult =
  | { ok: true; allocations: LayerAllocation[] }
  | { ok: false; available: Decimal; shortBy: Decimal };

/** A layer of a batch: FIFO layers of many items and sites in one list. */
export interface BatchLayer extends FifoLayer {
  itemId: string;
  locationId: string;
}

/** One line of a batch consumption, in the order the lines must be served. */
export interface BatchDemand {
  lineNo: number;
  itemId: string;
  locationId: string;
  qty: DecimalInput;
  ownerOrgId?: string;
}

/** The allocations of one batch line. */
export interface BatchLineAllocation {
  lineNo: number;
  itemId: string;
  locationId: string;
  allocations: LayerAllocation[];
}

/** Batch outcome: every line allocated, or the first line that cannot be served. */
export type FifoBatchResult =
  | { ok: true; lines: BatchLineAllocation[] }
  | {
      ok: false;
      failedLine: {
        lineNo: number;
        itemId: string;
        locationId: string;
        requested: Decimal;
        available: Decimal;
        shortBy: Decimal;
      };
    };

function seqKey(seq: bigint | number | string): bigint | string {
  if (typeof seq === 'bigint') {
    return seq;
  }
  if (typeof seq === 'number') {
    return BigInt(seq);
  }
  // Database ids arrive as strings (bigint columns); compare them as integers when they are.
  return /^-?\d+$/.test(seq) ? BigInt(seq) : seq;
}

function compareSeq(
  a: bigint | number | string,
  b: bigint | number | string,
): number {
  const ka = seqKey(a);
  const kb = seqKey(b);
  if (typeof ka !== typeof kb) {
    // Mixed numeric and text ids cannot be ordered meaningfully; keep numbers first, stably.
    return typeof ka === 'bigint' ? -1 : 1;
  }
  return ka === kb ? 0 : ka < kb ? -1 : 1;
}

/** Oldest first: by receipt instant, then by id order. */
export function compareFifo(
  a: Pick<FifoLayer, 'receivedAt' | 'seq'>,
  b: Pick<FifoLayer, 'receivedAt' | 'seq'>,
): number {
  return (
    compareInstants(a.receivedAt, b.receivedAt) || compareSeq(a.seq, b.seq)
  );
}

interface LiveLayer {
  layer: FifoLayer;
  remaining: Decimal;
}

function positiveDemand(qty: DecimalInput): Decimal {
  const d = toDecimal(qty);
  if (!d.gt(0)) {
    throw new RangeError(`a FIFO demand must be positive, got ${d.toString()}`);
  }
  return d;
}

function liveLayers(layers: readonly FifoLayer[]): LiveLayer[] {
  const seen = new Set<string>();
  for (const layer of layers) {
    if (seen.has(layer.layerId)) {
      throw new LedgerInvariantError(
        'DUPLICATE_LAYER',
        `layer ${layer.layerId} appears twice`,
        { layerId: layer.layerId },
      );
    }
    seen.add(layer.layerId);
  }
  return layers
    .map((layer) => ({ layer, remaining: toDecimal(layer.remaining) }))
    .sort((a, b) => compareFifo(a.layer, b.layer));
}

/**
 * Walks sorted layers oldest first and depletes them in place, but only when the whole
 * demand can be met: a shortage leaves every layer as it was.
 */
function take(
  sorted: readonly LiveLayer[],
  qty: Decimal,
  ownerOrgId: string | undefined,
): FifoResult {
  const eligible = sorted.filter(
    (live) =>
      live.remaining.gt(0) &&
      (ownerOrgId === undefined || live.layer.ownerOrgId === ownerOrgId),
  );
  const allocations: LayerAllocation[] = [];
  const taken: Array<[LiveLayer, Decimal]> = [];
  let need = qty;
  for (const live of eligible) {
    if (need.isZero()) {
      break;
    }
    const part = Decimal.min(live.remaining, need);
    taken.push([live, part]);
    allocations.push({
      layerId: live.layer.layerId,
      ownerOrgId: live.layer.ownerOrgId,
      qty: part,
      lotNo: live.layer.lotNo ?? null,
      receivedAt: live.layer.receivedAt,
    });
    need = need.minus(part);
  }
  if (!need.isZero()) {
    const available = qty.minus(need);
    return { ok: false, available, shortBy: need };
  }
  for (const [live, part] of taken) {
    live.remaining = live.remaining.minus(part);
  }
  return { ok: true, allocations };
}

/**
 * Chooses the receipt layers a withdrawal of `qty` takes, oldest first (receivedAt, then
 * seq), from one named owner or across owners. Empty layers are skipped and no layer gives
 * more than it has. When stock is short nothing is allocated and the result says how much
 * is available and how much is missing. The input layers are not modified.
 */
export function allocateFifo(
  layers: readonly FifoLayer[],
  qty: DecimalInput,
  options: FifoOptions = {},
): FifoResult {
  return take(liveLayers(layers), positiveDemand(qty), options.ownerOrgId);
}

/**
 * FIFO for a batch consumption: serves the lines in order against one shared pool, so a
 * later line sees the layers earlier lines have depleted. Each line only sees the layers of
 * its own item and site. Stops at the first line that cannot be served (the batch is all or
 * nothing). The input layers are not modified.
 */
export function allocateFifoBatch(
  layers: readonly BatchLayer[],
  demands: readonly BatchDemand[],
): FifoBatchResult {
  const pools = new Map<string, LiveLayer[]>();
  // JSON keys cannot collide however the ids are spelt, unlike a separator.
  const poolKey = (itemId: string, locationId: string): string =>
    JSON.stringify([itemId, locationId]);
  for (const live of liveLayers(layers)) {
    const layer = live.layer as BatchLayer;
    const key = poolKey(layer.itemId, layer.locationId);
    const pool = pools.get(key);
    if (pool) {
      pool.push(live); // liveLayers sorted everything once, so each pool is already oldest first
    } else {
      pools.set(key, [live]);
    }
  }
  const lines: BatchLineAllocation[] = [];
  for (const demand of demands) {
    const requested = positiveDemand(demand.qty);
    const result = take(
      pools.get(poolKey(demand.itemId, demand.locationId)) ?? [],
      requested,
      demand.ownerOrgId,
    );
    if (!result.ok) {
      return {
        ok: false,
        failedLine: {
          lineNo: demand.lineNo,
          itemId: demand.itemId,
          locationId: demand.locationId,
          requested,
          available: result.available,
          shortBy: result.shortBy,
        },
      };
    }
    lines.push({
      lineNo: demand.lineNo,
      itemId: demand.itemId,
      locationId: demand.locationId,
      allocations: result.allocations,
    });
  }
  return { ok: true, lines };
}
