import type { StatementProblem } from '../../shared/statements/statement';
import { i18n } from '../i18n';

/** What is wrong with a statement file, in the console's language. */
export function statementProblemText(p: StatementProblem): string {
  switch (p.code) {
    case 'unreadable':
      return i18n.t('statements:problem.unreadable', { where: p.where, reason: p.reason });
    case 'row_changed':
      return p.first
        ? i18n.t('statements:problem.firstRowChanged', { row: p.row, id: p.id })
        : i18n.t('statements:problem.rowChanged', { row: p.row, id: p.id });
    case 'row_out_of_order':
      return i18n.t('statements:problem.rowOutOfOrder', { row: p.row, id: p.id });
    case 'shown_amounts_differ':
      return i18n.t('statements:problem.shownAmountsDiffer', { row: p.row, id: p.id });
    case 'closing_balance':
      return i18n.t('statements:problem.closingBalance');
    case 'final_hash':
      return i18n.t('statements:problem.finalHash');
    case 'unknown_key':
      return i18n.t('statements:problem.unknownKey', { keyId: p.keyId });
    case 'bad_signature':
      return i18n.t('statements:problem.badSignature');
  }
}
