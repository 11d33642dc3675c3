import { useState, type FormEvent } from 'react';
import type { User } from '../../shared/api/auth';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { CustomerPicker } from '../customers/CustomerPicker';
import { useCreateUser } from './queries';
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from './user-words';
import { FormActions } from '../components/FormActions';
import { useTranslation } from 'react-i18next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A new login: email, role (a customer login names its customer) and a password the admin sets,
 * or none, in which case the billing API makes one up and `onCreated` gets it to show once.
 */
export function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User & { password?: string | undefined }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('users');

  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<GrantableRole>('support_agent');
  const [customerId, setCustomerId] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(create.error, refusals);

  const errors = {
    email: !EMAIL.test(email.trim()) ? t('error.emailInvalid') : undefined,
    customerId: role === 'customer' && customerId === '' ? t('error.customerMissing') : undefined,
    password: password !== '' && password.length < 10 ? t('error.passwordTooShort') : undefined,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.email || errors.customerId || errors.password) {
      setRefusals((count) => count + 1);
      return;
    }
    create.mutate(
      {
        email: email.trim(),
        role,
        ...(role === 'customer' ? { customerId } : {}),
        ...(password !== '' ? { password } : {}),
      },
      { onSuccess: onCreated },
    );
  };
  const shown = (field: keyof typeof errors) =>
    (submitted ? errors[field] : undefined) ?? fieldError(create.error, field);

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('email')}
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={shown('email')}
      />
      <SelectField
        label={t('role')}
        value={role}
        onChange={(event) => setRole(event.target.value as GrantableRole)}
        error={fieldError(create.error, 'role')}
        hint={t('adminsChangeEverythingSupport')}
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
          error={shown('customerId')}
        />
      )}
      <TextField
        label={t('passwordOptional')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={shown('password')}
        hint={t('leaveEmptyAndOne')}
      />
      {create.isError && !isFieldError(create.error, ['email', 'role', 'customerId', 'password']) && (
        <FormMessage tone="error">
          {t('couldNotCreateThe', { value: errorMessage(create.error) })}
        </FormMessage>
      )}
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t('createUser')}
        pendingLabel={t('creating')}
      />
    </form>
  );
}
