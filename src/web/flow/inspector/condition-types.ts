import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';

let loading: Promise<string[]> | undefined;

/** The split condition types the server's engine evaluates (loaded once per page). */
export function useConditionTypes(): string[] {
  const [types, setTypes] = useState<string[]>([]);
  useEffect(() => {
    loading ??= call<{ condition_types: string[] }>('GET', '/app/v1/ConditionTypes').then(({ condition_types }) => condition_types, (error: unknown) => {
      loading = undefined;
      throw error;
    });
    void loading.then(setTypes, () => undefined);
  }, []);
  return types;
}
