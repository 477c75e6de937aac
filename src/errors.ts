/**
 * Every error Switchboard reports, in one place. Codes are Twilio's where Twilio has one
 * (https://www.twilio.com/docs/api/errors/<code>); codes 89xxx are Switchboard's own, for
 * conditions Twilio has no code for. `status` is the HTTP status used when the error is the
 * answer to a request.
 */
export interface ErrorSpec {
  readonly code: number;
  readonly status: number;
  readonly message: string;
}

function spec(code: number, status: number, message: string): ErrorSpec {
  return { code, status, message };
}

export const errorCatalog = {
  // Studio execution errors (Twilio 81xxx)
  maxStepsExceeded: spec(81000, 400, 'The Execution has exceeded max steps allowed for a flow'),
  widgetLoopExceeded: spec(81001, 400, 'The Widget has exceeded max steps in a loop'),
  unexpectedEvent: spec(81002, 400, 'Unexpected event while processing Widget'),
  noTransition: spec(81005, 400, 'Failed to transition because no match was found'),
  functionFailed: spec(81010, 400, 'There was an internal error while processing a Function'),
  messageFailed: spec(81011, 400, 'Failed to send Message'),
  httpInternal: spec(81014, 400, 'There was an internal error while processing an HTTP request'),
  httpFailed: spec(81016, 400, 'Outbound HTTP Request Failed'),
  functionResponse: spec(81017, 400, 'Error in Twilio Function Response'),
  templateError: spec(81018, 400, 'Template evaluation error in Studio widget'),
  unsupportedTrigger: spec(81020, 400, 'Unsupported Trigger Type'),
  definitionInvalid: spec(81022, 400, 'Flow definition validation failed'),
  tooManyWidgets: spec(81025, 400, 'Studio Flow exceeds maximum allowed widgets'),
  executionConflict: spec(20409, 409, 'Execution is already active for this contact. End the active Execution before creating a new one'),
  contactTooLong: spec(81023, 400, 'Creating an Execution via REST API failed due to malformed contact parameters'),
  // REST API errors (Twilio 2xxxx)
  invalidParameter: spec(20001, 400, 'Invalid parameter'),
  authenticationFailed: spec(20003, 401, 'Authenticate'),
  internalError: spec(20500, 500, 'Internal Server Error'),
  notFound: spec(20404, 404, 'The requested resource was not found'),
  missingTo: spec(21604, 400, "A 'To' phone number is required"),
  missingFrom: spec(21603, 400, "A 'From' phone number is required"),
  missingBody: spec(21602, 400, 'Message body is required'),
  invalidToNumber: spec(21211, 400, "Invalid 'To' Phone Number"),
  invalidFromNumber: spec(21212, 400, "Invalid 'From' Phone Number"),
  fromNotOwned: spec(21606, 400, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account"),
  bodyTooLong: spec(21617, 400, 'The concatenated message body exceeds the 1600 character limit'),
  numberInUse: spec(21422, 400, 'PhoneNumber is unavailable'),
  invalidPhoneNumber: spec(21421, 400, 'PhoneNumber is invalid'),
  missingCalledNumber: spec(21201, 400, 'No Called number specified'),
  missingCallerNumber: spec(21213, 400, 'Caller phone number is required'),
  missingCallUrl: spec(21205, 400, "A 'Url', 'Twiml' or 'ApplicationSid' parameter is required"),
  invalidUrl: spec(21205, 400, 'Invalid URL'),
  invalidApplicationSid: spec(21218, 400, 'Invalid ApplicationSid'),
  invalidCallState: spec(21220, 400, 'Invalid call state'),
  invalidStatusCallbackEvent: spec(21626, 400, "Invalid 'StatusCallbackEvent'"),
  toUnreachable: spec(21214, 400, "'To' phone number cannot be reached"),
  // Conversations errors (Twilio 50xxx)
  conversationNameTaken: spec(50353, 409, 'Conversation with provided unique name already exists'),
  conversationNameLikeSid: spec(50390, 400, 'Unique name should not match conversation sid pattern'),
  invalidWebhookFlowSid: spec(50367, 400, 'Invalid conversation webhook flow SID'),
  // Access Token and Capability Token errors (Twilio 201xx)
  tokenInvalid: spec(20101, 401, 'Invalid Access Token'),
  tokenHeaderInvalid: spec(20102, 401, 'Invalid Access Token header'),
  tokenIssuerInvalid: spec(20103, 401, 'Invalid Access Token issuer/subject'),
  tokenExpired: spec(20104, 401, 'Access Token expired or expiration date invalid'),
  tokenNotYetValid: spec(20105, 401, 'Access Token not yet valid'),
  tokenGrantsInvalid: spec(20106, 401, 'Invalid Access Token grants'),
  tokenSignatureInvalid: spec(20107, 401, 'Invalid Access Token signature'),
  tokenTtlTooLong: spec(20157, 401, 'Access Token expiration exceeds maximum allowed'),
  // Twilio's webhook errors
  signatureInvalid: spec(89006, 403, 'Twilio Request Validation Failed'),
  // The real carrier's answers (`--carrier twilio`): what Twilio said, as our error; 502 when the fault is not the caller's
  carrierAuthenticationFailed: spec(20003, 502, 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET'),
  carrierRateLimited: spec(20429, 429, 'Twilio is rate limiting this account (429 Too Many Requests); try again later'),
  carrierUnreachable: spec(89014, 502, 'The carrier could not be reached'),
  carrierRefused: spec(89015, 502, 'Twilio refused the request'),
  // Switchboard's own (89xxx): no Twilio code exists for these conditions
  widgetNotSupported: spec(89001, 400, 'This widget type is not supported by Switchboard yet'),
  executionExpired: spec(89002, 400, 'The Execution reached its maximum lifetime'),
  definitionUnreadable: spec(89003, 400, 'The flow definition could not be read'),
  bodyTooLarge: spec(89004, 413, 'The request body is too large'),
  clockNotVirtual: spec(89007, 409, 'The clock is the system clock; start the server with --clock virtual to move it'),
  noRunnableRevision: spec(89008, 400, 'The flow has no revision that this contact can run'),
  widgetCrashed: spec(89005, 400, 'The widget could not run'),
  callNotWaiting: spec(89009, 409, 'The call is not waiting for this input'),
  noLiveCall: spec(89012, 400, 'This voice widget needs a live call, and the execution is on none'),
  testNotRecordable: spec(89013, 400, 'This execution cannot be saved as a flow test'),
  // Heard as call events, not answered over HTTP
  endlessTwimlLoop: spec(89010, 400, 'TwiML documents followed one another without waiting for anything'),
  callCutOff: spec(89011, 500, 'The server stopped during this call'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof errorCatalog;

/** The JSON body Twilio sends for an error. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  details?: Record<string, unknown>;
}

/** An error with a Twilio-style code. `detail` says what exactly went wrong. */
export class SwitchboardError extends Error {
  readonly code: number;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(name: ErrorName, detail?: string, details?: Record<string, unknown>) {
    const entry = errorCatalog[name];
    super(detail ? `${entry.message}: ${detail}` : entry.message);
    this.name = 'SwitchboardError';
    this.code = entry.code;
    this.status = entry.status;
    this.details = details;
  }

  /** An error whose message is Twilio's exact wording for this case. */
  static worded(name: ErrorName, message: string, details?: Record<string, unknown>): SwitchboardError {
    const error = new SwitchboardError(name, undefined, details);
    error.message = message;
    return error;
  }

  toJSON(): TwilioErrorBody {
    return errorBody(this.code, this.status, this.message, this.details);
  }
}

/** Twilio's error JSON. */
export function errorBody(code: number, status: number, message: string, details?: Record<string, unknown>): TwilioErrorBody {
  return { code, message, more_info: moreInfoUrl(code), status, ...(details ? { details } : {}) };
}

/** The error JSON of a catalogued error with another HTTP status (Fastify's 415, Node's 431). */
export function errorBodyWithStatus(name: ErrorName, status: number, message: string): TwilioErrorBody {
  return errorBody(errorCatalog[name].code, status, message);
}

export function moreInfoUrl(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

/** A code and a readable reason, as stored in execution state and step contexts. */
export interface ErrorRecord {
  code: number;
  message: string;
}

export function errorRecord(name: ErrorName, detail?: string): ErrorRecord {
  const entry = errorCatalog[name];
  return { code: entry.code, message: detail ? `${entry.message}: ${detail}` : entry.message };
}

/** A readable reason from anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Twilio's 404: "The requested resource /Flows/FW… was not found". */
export function resourceNotFound(path: string): SwitchboardError {
  return SwitchboardError.worded('notFound', `The requested resource ${path} was not found`);
}
