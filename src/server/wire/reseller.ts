import type { ResellerTable } from '../db/schema.js';

export const toReseller = (row: ResellerTable) => ({ id: row.id, name: row.name, createdAt: row.created_at });
