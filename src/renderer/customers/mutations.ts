import { useMutation } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { ChannelInput } from '../../shared/ipc-contract';
import { call } from '../lib/ipc';
import { announceQueued } from '../outbox/outbox-outcomes';

/*
 * Every write returns its outbox item at once, online or not. Nothing is invalidated here: main
 * announces the tables the write touched (`cache:tables-changed`), and again when the server
 * confirms or rejects it, and the views over those tables refresh then.
 */

export function useCreateCustomer() {
  return useMutation({
    mutationFn: (input: ChannelInput<'customers:create'>) => call(desktop().customersCreate(input)),
    onSuccess: announceQueued,
  });
}

/** Saved online, not queued: main keeps the server's answer in the cache and says so. */
export function useSetCustomerLanguage() {
  return useMutation({
    mutationFn: (input: ChannelInput<'customers:set-language'>) =>
      call(desktop().customersSetLanguage(input)),
  });
}

export function useCreateWallet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:create'>) => call(desktop().walletsCreate(input)),
    onSuccess: announceQueued,
  });
}

export function useCredit() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:credit'>) => call(desktop().walletsCredit(input)),
    onSuccess: announceQueued,
  });
}

export function useAdjust() {
  return useMutation({
    mutationFn: (input: ChannelInput<'wallets:adjust'>) => call(desktop().walletsAdjust(input)),
    onSuccess: announceQueued,
  });
}
