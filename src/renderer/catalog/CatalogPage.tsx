import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Product } from '../../shared/api/orders';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, QueryStates } from '../components/States';
import { usePermissions } from '../connection/queries';
import { orderQueries } from '../orders/queries';
import { PERIOD_LABELS, ProductForm } from './ProductForm';
import './catalog.css';
import { useTranslation } from 'react-i18next';

/**
 * The catalog, for staff: every product with its prices, period and whether it is on sale. A
 * reseller admin adds and edits products (online: the API's answer is shown at once); a support
 * agent reads. Customers order from the catalog on the Orders page.
 */
export function CatalogPage() {
  const { t } = useTranslation('catalog');

  const permissions = usePermissions();
  const products = useQuery(orderQueries.products());
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (product: Product) => {
    setSaved(`${product.name} saved.`);
    setEditing(null);
  };

  return (
    <div className="page">
      <PageHeader
        title={t('catalog')}
        subtitle={t('whatCustomersCanOrder')}
        actions={
          permissions.writes ? (
            <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
              {t('newProduct')}
            </button>
          ) : undefined
        }
      />
      {saved && <FormMessage tone="success">{saved}</FormMessage>}
      <section className="card" aria-labelledby="catalog-title">
        <h2 id="catalog-title">{t('products')}</h2>
        <QueryStates
          query={products}
          loading={t('loadingTheCatalog')}
          compact
          empty={
            <EmptyState title={t('noProductsYet')}>
              {permissions.writes ? t('addTheFirstProduct') : t('theResellerHasNot')}
            </EmptyState>
          }
        >
          {(items) => (
            <table className="data-table catalog-table" aria-label={t('products')}>
              <thead>
                <tr>
                  <th scope="col">{t('product')}</th>
                  <th scope="col">{t('prices')}</th>
                  <th scope="col">{t('billing')}</th>
                  <th scope="col">{t('status')}</th>
                  {permissions.writes && (
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((product) => (
                  <tr key={product.id} data-testid="product-row">
                    <td>
                      <strong>{product.name}</strong>
                      {product.description && <div className="muted">{product.description}</div>}
                    </td>
                    <td>
                      <ul className="catalog-prices">
                        {Object.entries(product.prices).map(([currency, amount]) => (
                          <li key={currency}>
                            <Money amount={amount} currency={currency} />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{PERIOD_LABELS[product.period]}</td>
                    <td>
                      <Badge tone={product.active ? 'success' : 'neutral'}>
                        {product.active ? t('onSale') : t('offSale')}
                      </Badge>
                    </td>
                    {permissions.writes && (
                      <td>
                        <button
                          type="button"
                          className="button"
                          aria-label={t('edit', { name: product.name })}
                          onClick={() => setEditing(product)}
                        >
                          {t('edit2')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryStates>
      </section>
      <Dialog
        open={editing !== null}
        title={editing === 'new' || editing === null ? t('newProduct') : t('edit', { name: editing.name })}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <ProductForm
            key={editing === 'new' ? 'new' : editing.id}
            product={editing === 'new' ? undefined : editing}
            onDone={done}
          />
        )}
      </Dialog>
    </div>
  );
}
