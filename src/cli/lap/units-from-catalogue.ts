/** What the prescriber's drug database knows of a pack: its units. */
export type PackUnits = { cip13: string; packSize: number };

type BodyLine = { product?: { cip13?: unknown; unitsPerPack?: unknown } };

/**
 * The LAP always says how many units a prescribed pack holds (the contract's `unitsPerPack`): taken
 * from its drug database when the body does not say it and the database knows the product.
 * Anything it does not recognise is left for the server to judge.
 */
export function withUnitsPerPack(body: unknown, catalogue: PackUnits[]): unknown {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { lines?: unknown }).lines)) return body;
  const units = new Map(catalogue.map((p) => [p.cip13, p.packSize]));
  const lines = ((body as { lines: unknown[] }).lines as BodyLine[]).map((line) => {
    const product = line?.product;
    if (typeof product !== 'object' || product === null || product.unitsPerPack !== undefined) return line;
    const known = typeof product.cip13 === 'string' ? units.get(product.cip13) : undefined;
    return known === undefined ? line : { ...line, product: { ...product, unitsPerPack: known } };
  });
  return { ...(body as object), lines };
}
