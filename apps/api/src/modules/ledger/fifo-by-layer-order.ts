import { Decimal } from '@stockbridge/domain';

/** A locked candidate layer, as the batch reads it (rows arrive in id order = FIFO order). */
export interface LockedLayer {
  id: string;
  itemId: string;
  locationId: string;
  ownerOrgId: string;
  qty: string;
}

export interface BatchLine {
  itemId: string;
  locationId: string;
  qty: string;
  ownerOrgId?: string | null;
}

export type BatchAllocation =
  | { ok: true; allocations: Array<{ line: number; layerId: string; ownerOrgId: string; qty: Decimal }> }
  | { ok: false; line: number; requested: Decimal; available: Decimal };

/**
 * FIFO for a batch over layers already sorted by id (the ledger's FIFO order: a layer's row
 * is created at receipt). Lines are served in order against one shared pool, so a later line
 * sees what earlier lines took; each line takes from its own (item, site), from one owner
 * when it names one. Same rule as @stockbridge/domain's allocateFifoBatch, without its
 * re-sort by instant (linear in layers + allocations instead of n log n date parsing).
 * All or nothing: the first line that cannot be served is reported, nothing is allocated.
 */
export function allocateByLayerOrder(layers: readonly LockedLayer[], lines: readonly BatchLine[]): BatchAllocation {
  const pools = new Map<string, Array<{ layer: LockedLayer; left: Decimal }>>();
  const key = (itemId: string, locationId: string) => `${itemId}/${locationId}`;
  let previous: string | null = null;
  for (const layer of layers) {
    if (previous !== null && BigInt(layer.id) <= BigInt(previous)) throw new Error('allocateByLayerOrder: layers must be in ascending id order');
    previous = layer.id;
    const k = key(layer.itemId, layer.locationId);
    const pool = pools.get(k) ?? [];
    pool.push({ layer, left: new Decimal(layer.qty) });
    pools.set(k, pool);
  }
  const allocations: Array<{ line: number; layerId: string; ownerOrgId: string; qty: Decimal }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as BatchLine;
    const requested = new Decimal(line.qty);
    let need = requested;
    const pool = pools.get(key(line.itemId, line.locationId)) ?? [];
    const taken: Array<{ slot: { left: Decimal }; part: Decimal }> = [];
    for (const slot of pool) {
      if (need.isZero()) break;
      if (slot.left.isZero() || (line.ownerOrgId && slot.layer.ownerOrgId !== line.ownerOrgId)) continue;
      const part = Decimal.min(slot.left, need);
      taken.push({ slot, part });
      allocations.push({ line: i, layerId: slot.layer.id, ownerOrgId: slot.layer.ownerOrgId, qty: part });
      need = need.minus(part);
    }
    if (!need.isZero()) return { ok: false, line: i, requested, available: requested.minus(need) };
    for (const { slot, part } of taken) slot.left = slot.left.minus(part);
  }
  return { ok: true, allocations };
}
