import { describe, expect, it } from 'vitest';
import { widgetSummary } from './widget-summary.ts';
import { smsFlow, testTypes } from './test-fixtures.ts';

describe('widget summaries', () => {
  const [trigger, ask, split, , remember] = smsFlow().states;
  it('shows the required property first, then Liquid text, then list keys', () => {
    expect(widgetSummary(split, testTypes.get('split-based-on'))).toBe('{{widgets.ask.inbound.Body}}');
    expect(widgetSummary(ask, testTypes.get('send-and-wait-for-reply'))).toBe('Yes?');
    expect(widgetSummary(remember, testTypes.get('set-variables'))).toBe('source');
  });

  it('shortens long text to one line', () => {
    const long = { ...ask, properties: { body: `Hello\n${'x'.repeat(200)}` } };
    const summary = widgetSummary(long, testTypes.get('send-and-wait-for-reply'));
    expect(summary).toHaveLength(80);
    expect(summary.startsWith('Hello x')).toBe(true);
    expect(widgetSummary({ ...ask, properties: {}, transitions: [] }, undefined)).toBe('');
  });

  it('shows where the events of a widget without properties lead', () => {
    expect(widgetSummary(trigger, testTypes.get('trigger'))).toBe('incomingMessage → ask, incomingRequest → remember');
  });
});
