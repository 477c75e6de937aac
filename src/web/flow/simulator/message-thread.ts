import type { MessageJson } from '../../api/types.ts';

/** Whether a message went between these two numbers, either way. */
export function isBetween(message: Pick<MessageJson, 'from' | 'to'>, one: string, other: string): boolean {
  return (message.from === one && message.to === other) || (message.from === other && message.to === one);
}

/** The thread with `added` messages: a known one is updated in place (its status), a new one goes last. */
export function withMessages(thread: MessageJson[], added: MessageJson[]): MessageJson[] {
  let result = thread;
  for (const message of added) {
    result = result.some((each) => each.sid === message.sid)
      ? result.map((each) => (each.sid === message.sid ? message : each))
      : [...result, message];
  }
  return result;
}
