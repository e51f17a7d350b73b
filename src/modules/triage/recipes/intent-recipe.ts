/**
 * The built-in intent model. There is no labelled data for Lookout's taxonomy, so it is trained on
 * weak labels: the lexical rules in signals/intent-rules.ts label a pool of real customer and
 * general tweets, BANKING77's categories are mapped onto the taxonomy, and complaint-corpus tweets
 * that no rule claims keep their gold "complaint" / "other". The linear model then learns the
 * words around the rules' words. At run time rules and the complaint model nudge its scores
 * (see ../intent.ts). Measured against 160 hand-labelled TWCS tweets (models/intent-eval/).
 */
import { fitLinear, type FitItem } from '../linear/fit.ts';
import { probabilitiesInto, type LinearModel } from '../linear/linear-model.ts';
import { INTENTS } from '../signals/intent-rules.ts';
import { appendSignalFeatures, textSignals } from './signal-features.ts';
import { SHIPPED_BITS, SHIPPED_FEATURES } from './shared-features.ts';

/** BANKING77 categories onto the taxonomy; unlisted categories are questions. */
export const BANKING77_TO_INTENT: Record<string, (typeof INTENTS)[number]> = {
  terminate_account: 'churn_risk',
  card_payment_fee_charged: 'billing', extra_charge_on_statement: 'billing', direct_debit_payment_not_recognised: 'billing',
  refund_not_showing_up: 'billing', request_refund: 'billing', transfer_fee_charged: 'billing',
  cash_withdrawal_charge: 'billing', exchange_charge: 'billing', top_up_by_card_charge: 'billing',
  top_up_by_bank_transfer_charge: 'billing', card_payment_wrong_exchange_rate: 'billing',
  wrong_amount_of_cash_received: 'billing', transaction_charged_twice: 'billing',
  card_payment_not_recognised: 'complaint', cash_withdrawal_not_recognised: 'complaint', compromised_card: 'complaint',
  lost_or_stolen_card: 'complaint', lost_or_stolen_phone: 'complaint', declined_card_payment: 'bug_report',
  card_not_working: 'bug_report', top_up_failed: 'bug_report', transfer_not_received_by_recipient: 'complaint',
  declined_transfer: 'bug_report', declined_cash_withdrawal: 'bug_report', contactless_not_working: 'bug_report',
  virtual_card_not_working: 'bug_report', card_swallowed: 'complaint', pin_blocked: 'bug_report',
  failed_transfer: 'bug_report', top_up_reverted: 'billing', reverted_card_payment: 'billing',
  balance_not_updated_after_bank_transfer: 'billing', balance_not_updated_after_cheque_or_cash_deposit: 'billing',
  pending_card_payment: 'billing', pending_transfer: 'billing', pending_top_up: 'billing',
  pending_cash_withdrawal: 'billing', card_arrival: 'complaint',
};

export const trainIntentModel = (items: readonly FitItem[], sentiment: LinearModel, seed = 1): LinearModel => {
  const probs = new Float64Array(3);
  return fitLinear(items, INTENTS, {
    features: SHIPPED_FEATURES,
    table: { kind: 'dense', bits: SHIPPED_BITS },
    epochs: 4, learningRate: 0.1, l2: 1e-6, seed, balance: 1,
    meta: { name: 'intent', data: 'weak labels: TWCS, complaints, SemEval, CrisisLexT6, BANKING77 (mapped)' },
    extraFeatures: (tokens, fv) => {
      probabilitiesInto(sentiment, fv, probs);
      appendSignalFeatures(fv, probs, textSignals(tokens.norm));
    },
  });
};
