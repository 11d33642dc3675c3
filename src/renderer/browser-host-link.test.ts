import { describe, expect, it } from 'vitest';
import { linkProblemTitle, MISSING_TOKEN, takeToken, TOKEN_REFUSED } from './browser-host-link';

describe('takeToken', () => {
  it('takes the token from the fragment npm start printed, else the one this tab kept, else none', () => {
    expect(takeToken({ hash: '#token=abc_123' }, 'older')).toEqual({ token: 'abc_123', fromHash: true });
    expect(takeToken({ hash: '' }, 'kept')).toEqual({ token: 'kept', fromHash: false });
    expect(takeToken({ hash: '' }, null)).toEqual({ token: '', fromHash: false });
    expect(takeToken({ hash: '#/customers' }, null)).toEqual({ token: '', fromHash: false });
    expect(takeToken({ hash: '#token=' }, null)).toEqual({ token: '', fromHash: false });
  });
});

describe('what a page that cannot use its link says', () => {
  it('names the missing or refused token and sends the user to the address npm start printed', () => {
    expect(linkProblemTitle(MISSING_TOKEN.code)).toBe('This link is missing its access token');
    expect(MISSING_TOKEN.message).toMatch(/npm start.*#token=/);
    expect(linkProblemTitle(TOKEN_REFUSED.code)).toBe('The console did not accept this link');
    expect(TOKEN_REFUSED.message).toMatch(/earlier run.*npm start.*#token=/);
    // A core that went away is another story, told by the usual message.
    expect(linkProblemTitle('disconnected')).toBeNull();
  });
});
