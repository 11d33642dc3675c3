import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { FormMessage, TextField } from '../components/Field';
import { Spinner } from '../components/States';
import { isFieldError } from '../lib/ipc';
import { connectError, connectFieldError } from './connect-error';
import { useConnect } from './mutations';
import { useTranslation } from 'react-i18next';

type Method = 'password' | 'api_key';
const METHODS: readonly Method[] = ['password', 'api_key'];
const FIELDS = ['url', 'email', 'password', 'apiKey'];

/** Points the console at a hosted billing API, by email and password or by API key. */
export function ConnectForm({ initialUrl }: { initialUrl: string }) {
  const { t } = useTranslation('connection');

  const connect = useConnect();
  const [method, setMethod] = useState<Method>('password');
  const [url, setUrl] = useState(initialUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const error = connect.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate(
      method === 'password'
        ? { method, url: url.trim(), email: email.trim(), password }
        : { method, url: url.trim(), apiKey: apiKey.trim() },
      { onSuccess: () => setPassword('') },
    );
  };

  const chooseMethod = (next: Method) => {
    setMethod(next);
    connect.reset();
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('connectToAHosted')}>
      <MethodTabs method={method} onChoose={chooseMethod} />
      <TextField
        label={t('apiUrl')}
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder={t('httpsBillingExampleCom')}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={connectFieldError(error, 'url')}
        hint={t('theAddressOfYour')}
      />
      {method === 'password' ? (
        <>
          <TextField
            label={t('email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={connectFieldError(error, 'email')}
          />
          <TextField
            label={t('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={connectFieldError(error, 'password')}
          />
        </>
      ) : (
        <TextField
          label={t('apiKey')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          error={connectFieldError(error, 'apiKey')}
          hint={t('aKeyYourReseller')}
        />
      )}
      {error && !isFieldError(error, FIELDS) && (
        <FormMessage tone="error">{t('couldNotConnect', { value: connectError(error, method) })}</FormMessage>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending && <Spinner size="sm" />}
          {connect.isPending ? t('connecting') : t('connect')}
        </button>
      </div>
    </form>
  );
}

/** Sign-in method as tabs (arrow keys move between them), so their names never clash with the fields'. */
function MethodTabs({ method, onChoose }: { method: Method; onChoose: (method: Method) => void }) {
  const { t } = useTranslation('connection');
  const labels: Record<Method, string> = {
    password: t('method.password'),
    api_key: t('method.apiKey'),
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = METHODS.indexOf(method);
    const next = METHODS[(index + (event.key === 'ArrowRight' ? 1 : METHODS.length - 1)) % METHODS.length]!;
    onChoose(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-method="${next}"]`)?.focus();
  };
  return (
    <div className="segmented" role="tablist" aria-label={t('signInWith')} onKeyDown={onKeyDown}>
      {METHODS.map((value) => (
        <button
          key={value}
          type="button"
          role="tab"
          data-method={value}
          aria-selected={method === value}
          tabIndex={method === value ? 0 : -1}
          className={method === value ? 'segment segment-active' : 'segment'}
          onClick={() => onChoose(value)}
        >
          {labels[value]}
        </button>
      ))}
    </div>
  );
}
