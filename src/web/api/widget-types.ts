import { useEffect, useState } from 'react';
import { call } from './client.ts';
import type { WidgetTypeJson } from './types.ts';

let loading: Promise<Map<string, WidgetTypeJson>> | undefined;

/** The widget declarations, loaded once per page (they change only with the server's code). */
export function loadWidgetTypes(): Promise<Map<string, WidgetTypeJson>> {
  loading ??= call<{ widget_types: WidgetTypeJson[] }>('GET', '/app/v1/WidgetTypes').then(
    ({ widget_types }) => new Map(widget_types.map((widget) => [widget.type, widget])),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function useWidgetTypes(): Map<string, WidgetTypeJson> | undefined {
  const [types, setTypes] = useState<Map<string, WidgetTypeJson>>();
  useEffect(() => {
    void loadWidgetTypes().then(setTypes, () => undefined);
  }, []);
  return types;
}
