import { CopyButton } from '../components/CopyButton';

/**
 * A signing secret, shown this once: the server keeps it sealed and never shows it again, and the
 * console keeps it nowhere. The admin copies it into the receiving system now.
 */
export function OneTimeSecret({ url, secret }: { url: string; secret: string }) {
  return (
    <div className="one-time-password" role="status">
      <p>
        Signing secret for <strong>{url}</strong>. It is shown only now: copy it into the system that receives
        the events, to verify their <code>webhook-signature</code>.
      </p>
      <div className="one-time-password-value">
        <code data-testid="webhook-secret">{secret}</code>
        <CopyButton value={secret} label={`Copy the signing secret for ${url}`} />
      </div>
    </div>
  );
}
