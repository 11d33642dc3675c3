// Paging moved beside the read services that page (services/paging.ts); kept here for the routes
// that import it from this path.
export { decodeCursor, encodeCursor, newestFirstPage } from '../services/paging.js';
