import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../shared/api/auth';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { PageHeader } from '../components/PageHeader';
import { AddButton } from '../components/AddButton';
import { ShownOnce } from '../components/ShownOnce';
import { EmptyState, QueryStates } from '../components/States';
import { useSession } from '../connection/queries';
import { customerQueries } from '../customers/queries';
import { formatDateTime } from '../lib/format';
import { CreateUserForm } from './CreateUserForm';
import { OneTimePassword } from './OneTimePassword';
import { userQueries } from './queries';
import { ROLE_LABELS } from './user-words';
import { UserRowActions } from './UserRowActions';
import './users.css';
import { useTranslation } from 'react-i18next';

/** The reseller's logins, for its admins: who can sign in, as what, and when they last did. */
export function UsersPage() {
  const { t } = useTranslation('users');

  const users = useQuery(userQueries.list());
  const [creating, setCreating] = useState(false);
  // A made-up password, held only while this screen shows it.
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  return (
    <div className="page">
      <PageHeader
        title={t('users')}
        subtitle={t('signInsForYour')}
        actions={<AddButton label={t('addUser')} onClick={() => setCreating(true)} />}
      />
      <Dialog open={creating} title={t('addUser')} onClose={() => setCreating(false)}>
        {creating && (
          <CreateUserForm
            onCancel={() => setCreating(false)}
            onCreated={(user) => {
              setCreating(false);
              setCreated(user.password ? { email: user.email, password: user.password } : null);
            }}
          />
        )}
      </Dialog>
      <Dialog open={created !== null} title={t('userCreated')} onClose={() => setCreated(null)}>
        {created && (
          <ShownOnce onDone={() => setCreated(null)}>
            <OneTimePassword email={created.email} password={created.password} />
          </ShownOnce>
        )}
      </Dialog>
      <section className="section card users-card" aria-label={t('users')}>
        <QueryStates
          query={users}
          loading={t('loadingUsers')}
          errorTitle={t('couldNotLoadThe')}
          empty={<EmptyState title={t('noUsersYet')}>{t('addOneToLet')}</EmptyState>}
        >
          {(items) => (
            <div className="users-scroll">
              <table className="users-table" aria-label={t('users')}>
                <thead>
                  <tr>
                    <th scope="col">{t('email')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('customer')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('lastSignIn')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((user) => (
                    <UserRow key={user.id} user={user} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

/** The linked customer's name as synced, or its id while it is not (yet) in the cache. */
function CustomerName({ customerId }: { customerId: string }) {
  const customer = useQuery(customerQueries.detail(customerId));
  return <>{customer.data?.name ?? customerId}</>;
}

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation('users');
  const self = useSession().data?.userId === user.id;

  return (
    <tr data-testid="user-row">
      <td className="users-email">
        {user.email} {self && <Badge>{t('you')}</Badge>}
      </td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>
        {user.customerId ? <CustomerName customerId={user.customerId} /> : <span className="muted">—</span>}
      </td>
      <td>
        {user.status === 'active' ? (
          <Badge tone="success">{t('active')}</Badge>
        ) : (
          <Badge tone="danger">{t('disabled')}</Badge>
        )}
      </td>
      <td>
        {user.lastSignInAt ? (
          <time dateTime={user.lastSignInAt}>{formatDateTime(user.lastSignInAt)}</time>
        ) : (
          <span className="muted">{t('never')}</span>
        )}
      </td>
      <td>
        <UserRowActions user={user} self={self} />
      </td>
    </tr>
  );
}
