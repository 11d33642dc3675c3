/**
 * The refund of the unprovisioned share of an order: total × (quantity − provisioned) / quantity,
 * rounded once, up (in the customer's favour), in integers (BigInt: total × quantity may pass 2^53).
 * The desktop shows this server total; it never derives it.
 */
export function unprovisionedShare(total: number, quantity: number, provisioned: number): number {
  const missing = BigInt(quantity - provisioned);
  const q = BigInt(quantity);
  return Number((BigInt(total) * missing + q - 1n) / q);
}
