/** Email: what other modules call. Sending lives beside it (sender.ts). */
export { enqueueEmail, enqueueEmailIn, type EmailMessage } from './enqueue.js';
export { addressRecipients, customerLanguage, staffRecipients, type Recipient } from './recipients.js';
