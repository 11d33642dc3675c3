import type { Generated } from 'kysely';

/** Timestamps are ISO 8601 UTC strings in both databases: they sort as text and compare exactly. */
type Timestamp = string;

export interface ResellerTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  reseller_id: string;
  email: string;
  password_hash: string;
  role: 'reseller_admin' | 'support_agent' | 'customer';
  customer_id: string | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  reseller_id: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: string;
  reseller_id: string;
  name: string;
  role: 'reseller_admin' | 'support_agent' | 'customer';
  customer_id: string | null;
  key_hash: string;
  prefix: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface CustomerTable {
  id: string;
  reseller_id: string;
  name: string;
  email: string;
  external_ref: string | null;
  /** Lower-cased name, email and reference, for search as you type. */
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WalletTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  currency: string;
  status: 'active' | 'closed';
  /** Minor units. Invariant (CHECK): balance >= pending_charges >= 0. */
  balance: number;
  pending_charges: number;
  /** Bumped by every movement; orders the wallet's ledger rows. */
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LedgerEntryTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  /** The wallet's version this row produced: strictly increasing per wallet, so it orders the history. */
  wallet_version: number;
  type: 'top_up' | 'payment' | 'refund' | 'adjustment';
  /** Signed minor units: positive credit, negative debit. */
  amount: number;
  balance_after: number;
  currency: string;
  status: 'completed';
  description: string;
  reference: string | null;
  related_id: string | null;
  created_at: Timestamp;
}

export interface HoldTable {
  id: string;
  reseller_id: string;
  customer_id: string;
  wallet_id: string;
  amount: number;
  captured_amount: number;
  currency: string;
  status: 'pending' | 'captured' | 'released';
  description: string;
  transaction_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeyTable {
  reseller_id: string;
  key: string;
  /** sha256 of method, route and body: a different request under the same key is refused. */
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: Timestamp;
}

export interface ChangeTable {
  id: Generated<number>;
  /** Feed position, assigned by the sequencer after commit, in commit order; null until then. */
  seq: number | null;
  reseller_id: string;
  /** The customer the entity belongs to: what a customer-role caller may see. */
  customer_id: string | null;
  entity: 'customer' | 'wallet' | 'transaction' | 'hold';
  entity_id: string;
  op: 'create' | 'update';
  /** JSON of the entity as its GET route returns it. */
  data: string;
  created_at: Timestamp;
}

export interface Database {
  resellers: ResellerTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  customers: CustomerTable;
  wallets: WalletTable;
  ledger_entries: LedgerEntryTable;
  holds: HoldTable;
  idempotency_keys: IdempotencyKeyTable;
  changes: ChangeTable;
}
