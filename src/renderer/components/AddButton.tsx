import { Icon } from './Icon';

/** A page's or section's main "add" action: the primary button with a plus. */
export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button-primary" onClick={onClick}>
      <Icon name="plus" size={16} />
      {label}
    </button>
  );
}
