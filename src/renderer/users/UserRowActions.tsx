import { useState, type FormEvent } from 'react';
import type { User } from '../../shared/api/auth';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { CustomerPicker } from '../customers/CustomerPicker';
import { OneTimePassword } from './OneTimePassword';
import { useResetPassword, useUpdateUser } from './queries';
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from './user-words';
import { FormActions } from '../components/FormActions';
import { ShownOnce } from '../components/ShownOnce';
import { useTranslation } from 'react-i18next';

type Open = 'role' | 'status' | 'password' | null;

/** What an admin can do to one login: change its role (and customer), disable or enable it, reset its password. */
export function UserRowActions({ user, self = false }: { user: User; self?: boolean }) {
  const { t } = useTranslation('users');

  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const disabled = user.status === 'disabled';
  return (
    <div className="button-row">
      {/* Not on your own row: disabling yourself, or taking your own admin role, locks you out. */}
      {!self && (
        <>
          <button
            type="button"
            className="button button-sm"
            aria-label={t('changeRoleOf', { email: user.email })}
            onClick={() => setOpen('role')}
          >
            {t('changeRole')}
          </button>
          <button
            type="button"
            className="button button-sm"
            aria-label={disabled ? t('enable3', { email: user.email }) : t('disable3', { email: user.email })}
            onClick={() => setOpen('status')}
          >
            {disabled ? t('enable') : t('disable')}
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-sm"
        aria-label={t('resetThePasswordOf', { email: user.email })}
        onClick={() => setOpen('password')}
      >
        {t('resetPassword')}
      </button>
      <Dialog open={open === 'role'} title={t('changeRoleOf', { email: user.email })} onClose={close}>
        {open === 'role' && <RoleForm user={user} onDone={close} />}
      </Dialog>
      <Dialog
        open={open === 'status'}
        title={disabled ? t('enable2', { email: user.email }) : t('disable2', { email: user.email })}
        description={disabled ? t('theyCanSignIn') : t('theyAreSignedOut')}
        onClose={close}
      >
        {open === 'status' && <StatusForm user={user} onDone={close} />}
      </Dialog>
      <Dialog
        open={open === 'password'}
        title={t('resetThePasswordOf', { email: user.email })}
        description={t('theirSessionsEndThey')}
        onClose={close}
      >
        {open === 'password' && <PasswordForm user={user} onDone={close} />}
      </Dialog>
    </div>
  );
}

function RoleForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('users');

  const update = useUpdateUser();
  const [role, setRole] = useState<GrantableRole>(user.role === 'operator' ? 'support_agent' : user.role);
  const [customerId, setCustomerId] = useState(user.customerId ?? '');
  const [submitted, setSubmitted] = useState(false);
  const missing = role === 'customer' && customerId === '' ? t('error.customerMissing') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    update.mutate(
      { userId: user.id, role, ...(role === 'customer' ? { customerId } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <SelectField
        label={t('role')}
        value={role}
        onChange={(event) => setRole(event.target.value as GrantableRole)}
        error={fieldError(update.error, 'role')}
      >
        {GRANTABLE_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      {role === 'customer' && (
        <CustomerPicker
          value={customerId}
          onChange={setCustomerId}
          emptyLabel={t('chooseACustomer')}
          error={(submitted ? missing : undefined) ?? fieldError(update.error, 'customerId')}
        />
      )}
      {update.isError && !fieldError(update.error, 'customerId') && (
        <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>
      )}
      <FormActions
        onCancel={onDone}
        pending={update.isPending}
        submitLabel={t('saveRole')}
        pendingLabel={t('saving')}
      />
    </form>
  );
}

function StatusForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('users');

  const update = useUpdateUser();
  const disable = user.status === 'active';
  return (
    <div className="form">
      {update.isError && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className={disable ? 'button button-danger' : 'button button-primary'}
          disabled={update.isPending}
          onClick={() => update.mutate({ userId: user.id, disabled: disable }, { onSuccess: onDone })}
        >
          {disable ? t('disable3', { email: user.email }) : t('enable3', { email: user.email })}
        </button>
      </div>
    </div>
  );
}

function PasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('users');

  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const short = password !== '' && password.length < 10 ? t('error.passwordTooShort') : undefined;
  if (reset.isSuccess) {
    return (
      <ShownOnce onDone={onDone}>
        {reset.data.password ? (
          <OneTimePassword email={user.email} password={reset.data.password} />
        ) : (
          <FormMessage tone="success">{t('thePasswordOfWas', { email: user.email })}</FormMessage>
        )}
      </ShownOnce>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (short) return;
    reset.mutate({ userId: user.id, ...(password !== '' ? { password } : {}) });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('newPasswordOptional')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={(submitted ? short : undefined) ?? fieldError(reset.error, 'password')}
        hint={t('leaveEmptyAndOne')}
      />
      {reset.isError && !fieldError(reset.error, 'password') && (
        <FormMessage tone="error">{errorMessage(reset.error)}</FormMessage>
      )}
      <FormActions
        onCancel={onDone}
        pending={reset.isPending}
        submitLabel={t('resetPassword')}
        pendingLabel={t('resetting')}
      />
    </form>
  );
}
