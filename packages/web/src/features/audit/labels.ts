import { useTranslation } from 'react-i18next';

/** Audit codes (entity types, actions like "auth.login") in words; unknown codes show as they are. */
export function useAuditLabels() {
  const { t } = useTranslation();
  const types = t('audit.entityTypes', { returnObjects: true }) as Record<string, string>;
  // Action codes contain dots, so read the map rather than resolving them as key paths.
  const actions = t('audit.actions', { returnObjects: true }) as Record<string, string>;
  return {
    entityType: (code: string) => types[code] ?? code,
    action: (code: string) => actions[code] ?? code,
  };
}
