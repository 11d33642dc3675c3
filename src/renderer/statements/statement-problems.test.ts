import { afterEach, describe, expect, it } from 'vitest';
import { statementProblemInEnglish, type StatementProblem } from '../../shared/statements/statement';
import { i18n } from '../i18n';
import { statementProblemText } from './statement-problems';

const every: StatementProblem[] = [
  { code: 'unreadable', where: 'rows.0.amount', reason: 'expected number' },
  { code: 'row_changed', row: 1, id: 'txn_1', first: true },
  { code: 'row_changed', row: 2, id: 'txn_2', first: false },
  { code: 'row_out_of_order', row: 3, id: 'txn_3' },
  { code: 'shown_amounts_differ', row: 4, id: 'txn_4' },
  { code: 'closing_balance' },
  { code: 'final_hash' },
  { code: 'unknown_key', keyId: 'key_9' },
  { code: 'bad_signature' },
];

describe('what is wrong with a statement, as the console says it', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words each problem in the language chosen, naming its row, and differently from the others', async () => {
    for (const language of ['en', 'vi']) {
      await i18n.changeLanguage(language);
      const said = every.map(statementProblemText);
      expect(new Set(said).size, language).toBe(every.length);
      for (const [i, problem] of every.entries()) {
        expect(said[i], language).not.toMatch(/statements:|problem\./);
        if ('row' in problem) expect(said[i]).toContain(`${problem.row} (${problem.id})`);
      }
    }
    await i18n.changeLanguage('vi');
    expect(statementProblemText(every[5]!)).toBe('Số dư cuối kỳ không khớp với các dòng.');
  });

  it('matches what the command line prints in English, row for row', () => {
    expect(statementProblemText(every[3]!)).toContain('Row 3 (txn_3)');
    expect(statementProblemInEnglish(every[3]!)).toContain('row 3 (txn_3)');
  });
});
