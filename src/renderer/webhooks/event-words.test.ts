import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../shared/api/webhooks';
import { i18n, LANGUAGES } from '../i18n';

describe('the Webhooks screen’s event words', () => {
  it('word every event the API offers, in every language', () => {
    const missing = LANGUAGES.flatMap((language) =>
      WEBHOOK_EVENT_TYPES.filter((type) => !i18n.exists(`webhooks:event.${type}`, { lng: language })).map(
        (type) => `${language}: ${type}`,
      ),
    );
    expect(missing).toEqual([]);
  });
});
