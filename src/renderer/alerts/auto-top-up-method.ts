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
