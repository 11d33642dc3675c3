import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Language, Session } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { applyLanguage } from '../i18n';
import { call } from '../lib/ipc';

/** Whose language to load: a new account (or signing out) asks main again. */
function accountKey(session: Session | undefined): string {
  return session ? [session.state, session.mode, session.apiUrl, session.email].join('|') : '';
}

/** Applies the language the signed-in user chose last time (main keeps it per account). */
export function useRememberedLanguage(session: Session | undefined): void {
  const remembered = useQuery({
    queryKey: ['preferences', 'language', accountKey(session)] as const,
    queryFn: () => call(desktop().preferencesLanguage({})),
    enabled: session !== undefined && session.state !== 'starting',
  });
  const language = remembered.data?.language;
  useEffect(() => {
    if (language) void applyLanguage(language);
  }, [language]);
}

/** Switches now, then remembers the choice for this user. */
export function useChooseLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) => {
      // First, so the remounted console (LanguageRoot) does not re-apply the old remembered choice.
      queryClient.setQueriesData({ queryKey: ['preferences', 'language'] }, { language });
      await applyLanguage(language);
      return call(desktop().preferencesSetLanguage({ language }));
    },
  });
}
