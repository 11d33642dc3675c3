import { useMutation } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { ChannelInput } from '../../shared/ipc-contract';
import { announce } from '../components/announcer';
import { call } from '../lib/ipc';
import { i18n } from '../i18n';
import { outboxSummary } from '../outbox/outbox-summary';

/*
 * Every write returns its outbox item at once, online or not. Nothing is invalidated here: main
 * announces the tables the write touched (`cache:tables-changed`), and again when the server
 * confirms or rejects it, and the views over those tables refresh then.
 */

export function useCreateCustomer() {
  return useMutation({
    mutationFn: (input: ChannelInput<'customers:create'>) => call(desktop().customersCreate(input)),
    onSuccess: (item) =>
      announce(i18n.t('customers:announce.pendingSync', { summary: outboxSummary(item.summary) })),
  });
}

export function useCreateWallet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:create'>) => call(desktop().walletsCreate(input)),
    onSuccess: (item) =>
      announce(i18n.t('customers:announce.pendingSync', { summary: outboxSummary(item.summary) })),
  });
}

export function useCredit() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:credit'>) => call(desktop().walletsCredit(input)),
    onSuccess: (item) =>
      announce(i18n.t('customers:announce.pendingSync', { summary: outboxSummary(item.summary) })),
  });
}

export function useAdjust() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:adjust'>) => call(desktop().walletsAdjust(input)),
    onSuccess: (item) =>
      announce(i18n.t('customers:announce.pendingSync', { summary: outboxSummary(item.summary) })),
  });
}
