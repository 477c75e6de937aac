import type { OutboundMessage } from '../engine/services.ts';
import { array, liquidString, plainString, type PropertyProblem, type RenderedProperties, type WidgetContext } from './widget.ts';

/** The properties send-message and send-and-wait-for-reply share. */
export const outboundMessageProperties = {
  body: liquidString({ description: 'The message text. Required unless message_type is content_template.' }),
  from: liquidString({ default: '{{flow.channel.address}}' }),
  to: liquidString({ default: '{{contact.channel.address}}' }),
  media_url: liquidString(),
  service: liquidString(),
  channel: liquidString(),
  attributes: liquidString(),
  message_type: plainString({ enum: ['custom', 'content_template'], default: 'custom' }),
  content_sid: plainString(),
  content_variables: array(),
  messaging_service_sid: plainString(),
};

export const outboundMessageOutputs = ['outbound'] as const;

/** A custom message needs a body; a content template brings its own. */
export function checkOutboundMessage(properties: Record<string, unknown>): PropertyProblem[] {
  if (properties.message_type === 'content_template') {
    return typeof properties.content_sid === 'string' && properties.content_sid !== ''
      ? []
      : [{ property: 'content_sid', message: 'content_sid is required when message_type is content_template' }];
  }
  // A body of the wrong type already has its own error.
  if (properties.body !== undefined && typeof properties.body !== 'string') return [];
  return typeof properties.body === 'string' && properties.body.trim() !== ''
    ? []
    : [{ property: 'body', message: 'body is required: the message has no text' }];
}

/** Sends the message a widget describes. Rejects with the carrier's reason when refused. */
export async function sendOutboundMessage(props: RenderedProperties, ctx: WidgetContext): Promise<OutboundMessage> {
  const text = (key: string) => (typeof props[key] === 'string' && props[key] !== '' ? (props[key] as string) : undefined);
  const contentTemplate = props.message_type === 'content_template';
  if (!contentTemplate && !text('body')) throw new Error('the message body is empty');
  return ctx.services.messages.send({
    to: text('to') ?? ctx.execution.contact.channel.address,
    from: text('from') ?? ctx.execution.flow.channel.address,
    body: text('body'),
    mediaUrl: text('media_url'),
    service: text('service'),
    channel: text('channel'),
    attributes: text('attributes'),
    contentSid: contentTemplate ? text('content_sid') : undefined,
    contentVariables: contentTemplate ? contentVariables(props.content_variables, ctx) : undefined,
    executionSid: ctx.execution.flow.sid,
  });
}

function contentVariables(list: unknown, ctx: WidgetContext): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const item of Array.isArray(list) ? list : []) {
    if (item && typeof item === 'object' && 'key' in item) {
      // Keys are placeholder tokens like "{{1}}", so only the values are Liquid.
      variables[String(item.key)] = ctx.render(String(item.value ?? ''));
    }
  }
  return variables;
}
