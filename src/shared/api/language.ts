import { z } from 'zod';

/** The languages the console and the API's own text (pages, emails) speak; English is the default. */
export const languageSchema = z.enum(['en', 'vi'], { error: 'must be "en" or "vi"' });
export type Language = z.infer<typeof languageSchema>;

/**
 * PUT /v1/me/language: the signed-in user's own language, as the console's language switch sets it.
 * For a customer's login it is also the customer's, unless an admin chose the customer's explicitly.
 */
export const setMyLanguageBody = z.strictObject({ language: languageSchema });
export const myLanguageResponse = z.object({ language: languageSchema });

/**
 * Who chose a customer's language: `admin` (the customer form; a login's switch leaves it) or
 * `user` (the customer's own login switched, and no admin had chosen).
 */
export const languageSetBySchema = z.enum(['admin', 'user']);
