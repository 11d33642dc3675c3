/** Email: what other modules call. Sending lives beside it (sender.ts). */
export { enqueueEmail, type EmailMessage } from './enqueue.js';
