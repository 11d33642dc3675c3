import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Trans } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from './index';

/**
 * The whole-sentence <Trans> keys render as one sentence in both languages, with each component
 * wrapping the words the translation gives it (a nested tag, a self-closing amount, a value inside
 * a tag). The translations test only compares tag names; this renders them, because a tag i18next
 * reads differently (a void element name, a component that drops its children) shows only here.
 */
function render(
  language: 'en' | 'vi',
  key: string,
  values: Record<string, unknown>,
  components: Record<string, ReturnType<typeof h>>,
): string {
  const t = i18n.getFixedT(language);
  return renderToStaticMarkup(h(Trans, { t, i18nKey: key, values, components }));
}

const amount = h('span', { className: 'money' }, '$10.00');

describe('whole-sentence <Trans> keys', () => {
  it('order placed: the total sits inside the sentence, in each language where it belongs', () => {
    expect(render('en', 'orders:orderPlacedPaidFromTheWallet', { number: 'ORD-7' }, { total: amount })).toBe(
      'Order ORD-7 placed: <span class="money">$10.00</span> paid from the wallet.',
    );
    expect(render('vi', 'orders:orderPlacedPaidFromTheWallet', { number: 'ORD-7' }, { total: amount })).toBe(
      'Đã đặt đơn hàng ORD-7: đã thanh toán <span class="money">$10.00</span> từ ví.',
    );
  });

  it('runway: emphasis, a muted parenthesis and the amount nested in it', () => {
    const components = { strong: h('strong'), muted: h('span', { className: 'muted' }), spent: amount };
    expect(render('en', 'alerts:runwayLine', { runway: '≈ 3 days left' }, components)).toBe(
      'Runway: <strong>≈ 3 days left</strong> <span class="muted">(runway = available balance ÷ ' +
        '(payments of the last 30 days ÷ 30 days); spent <span class="money">$10.00</span> in 30 days)</span>',
    );
    expect(render('vi', 'alerts:runwayLine', { runway: '≈ còn 3 ngày' }, components)).toContain(
      'Đủ dùng: <strong>≈ còn 3 ngày</strong> <span class="muted">(',
    );
  });

  it('a one-time secret names its URL and the header, untranslated, in code', () => {
    const components = { strong: h('strong'), code: h('code') };
    for (const language of ['en', 'vi'] as const) {
      const html = render(
        language,
        'webhooks:signingSecretForShownOnlyNow',
        { url: 'https://example.com/hook?a=1&b=<2>' },
        components,
      );
      // A value is text, never markup: "<2>" must not become a tag.
      expect(html).toContain('<strong>https://example.com/hook?a=1&amp;b=&lt;2&gt;</strong>');
      expect(html).toContain('<code>webhook-signature</code>');
    }
  });

  it("a ticket's subject links its id, the id kept in a monospace span inside the link", () => {
    const components = { route: h('a', { href: '#p' }), mono: h('span', { className: 'mono' }) };
    expect(render('vi', 'tickets:aboutSubject', { subject: 'thanh toán', id: 'pay_1' }, components)).toBe(
      'Liên quan đến thanh toán <a href="#p"><span class="mono">pay_1</span></a>',
    );
  });

  it('a saved method keeps its date inside <time>', () => {
    const html = render(
      'en',
      'payers:methodOfPayerSavedAt',
      { provider: 'Stripe', payer: 'Ada', date: '3/4/2026' },
      { when: h('time', { dateTime: '2026-03-04' }) },
    );
    expect(html).toBe('Stripe · Ada · saved <time dateTime="2026-03-04">3/4/2026</time>');
  });
});
