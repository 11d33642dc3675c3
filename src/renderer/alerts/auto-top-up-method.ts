/**
 * The saved card an auto top-up form shows and saves: the one the setting names while it is still
 * among the customer's confirmed cards, else the first of them. A setting whose card was removed
 * (which switches it off) names a card the list no longer has: the select shows the first card,
 * so that is the one saved, not the removed one the server would refuse. Null: no card to choose.
 */
export function chosenMethodId(
  settingMethodId: string,
  confirmed: ReadonlyArray<{ id: string }>,
): string | null {
  if (confirmed.some((m) => m.id === settingMethodId)) return settingMethodId;
  return confirmed[0]?.id ?? null;
}

/**
 * The cards an auto top-up form offers: the customer's confirmed cards, less the one the server
 * says was removed (it switched auto top-up off for that, `disabledWhy: method_removed`). The list
 * is read from the API and learns of a card removed elsewhere only when read again, so until then
 * it may still hold that card, and Save would send it to be refused.
 */
export function offeredCards<M extends { id: string; status: string }>(
  methods: readonly M[],
  autoTopUp: { disabledWhy?: string | null | undefined; paymentMethodId: string | null } | null,
): M[] {
  const removed = autoTopUp?.disabledWhy === 'method_removed' ? autoTopUp.paymentMethodId : null;
  return methods.filter((m) => m.status === 'confirmed' && m.id !== removed);
}
