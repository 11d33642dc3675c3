import { CopyButton } from '../components/CopyButton';

/**
 * A password the billing API made up, shown this once: it is kept nowhere (not in the cache, not in
 * the query cache after this screen closes), so the admin copies it now and passes it on.
 */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <div className="one-time-password" role="status">
      <p>
        Password for <strong>{email}</strong>. It is shown only now: copy it and give it to them safely.
      </p>
      <div className="one-time-password-value">
        <code data-testid="one-time-password">{password}</code>
        <CopyButton value={password} label={`Copy the password for ${email}`} />
      </div>
    </div>
  );
}
