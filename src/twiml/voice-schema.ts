import { flag, httpMethod, integer, listOf, oneOf, text, url, type TwimlSchema } from './twiml-schema.ts';

/**
 * Voice TwiML: every element twilio-node's `VoiceResponse` can build (plus `<Assistant>`, which
 * only the newest helper library has), what each may contain and its attributes as the helper
 * library spells them. Sources: the reference's §2.1–§2.4, §2.6 and §10, cross-checked with
 * twilio-node 6's `VoiceResponse.d.ts`. Defaults are not declared here (they come from Twilio's docs).
 */

const statusEvents = ['initiated', 'ringing', 'answered', 'completed'] as const;
const recordingEvents = ['in-progress', 'completed', 'absent'] as const;
const trims = ['trim-silence', 'do-not-trim'] as const;
const forkTracks = ['inbound_track', 'outbound_track', 'both_tracks'] as const;
const cardTypes = ['visa', 'mastercard', 'amex', 'maestro', 'discover', 'optima', 'jcb', 'diners-club', 'enroute'] as const;
const ssmlInline = ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 'say-as', 'sub', 'w'] as const;
const ssmlAll = ['break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w'] as const;
const promptVerbs = ['Say', 'Play', 'Pause'] as const;

/** Answering-machine detection, shared by `<Number>` and `<Sip>` (bounds from the `<Number>` docs, in ms / s). */
const machineDetection = {
  amdStatusCallback: url(),
  amdStatusCallbackMethod: httpMethod(),
  machineDetection: text(),
  machineDetectionSilenceTimeout: integer(undefined, 2000, 10000),
  machineDetectionSpeechEndThreshold: integer(undefined, 500, 5000),
  machineDetectionSpeechThreshold: integer(undefined, 1000, 6000),
  machineDetectionTimeout: integer(undefined, 3, 60),
} as const;

/** A dialed party's call-progress callbacks and whisper TwiML (`<Client>`, `<Application>`, `<WhatsApp>`, …). */
const dialedParty = {
  method: httpMethod(),
  statusCallback: url(),
  statusCallbackEvent: listOf(statusEvents),
  statusCallbackMethod: httpMethod(),
  url: url(),
} as const;

const nameValue = { name: text(), value: text() } as const;

/** Shared by `<ConversationRelay>` and `<Assistant>`. */
const relaySpeech = {
  debug: text(),
  dtmfDetection: flag(),
  elevenlabsTextNormalization: text(),
  hints: text(),
  intelligenceService: text(),
  interruptSensitivity: text(), // low | medium | high
  interruptible: text(),
  language: text(),
  partialPrompts: flag(),
  preemptible: flag(),
  profanityFilter: flag(),
  reportInputDuringAgentSpeech: flag(),
  speechModel: text(),
  transcriptionLanguage: text(),
  transcriptionProvider: text(),
  ttsLanguage: text(),
  ttsProvider: text(),
  voice: text(),
  welcomeGreeting: text(),
  welcomeGreetingInterruptible: text(),
} as const;

export const voiceSchema = {
  Response: {
    text: false,
    // Prompt and Queue are top-level builder methods in twilio-node; a separate rule warns about them.
    children: ['Connect', 'Dial', 'Echo', 'Enqueue', 'Gather', 'Hangup', 'Leave', 'Pause', 'Pay', 'Play', 'Prompt', 'Queue', 'Record', 'Redirect', 'Refer', 'Reject', 'Say', 'Sms', 'Start', 'Stop'],
    attributes: {},
  },

  // ── Verbs ──────────────────────────────────────────────────────────────────────────────────

  Say: {
    text: true,
    children: ssmlAll,
    attributes: {
      // SayLanguage has ~69 values and SayVoice ~900 (`Polly.Joanna-Neural`, `Google.en-US-…`);
      // both are open-ended, so they are strings here (§2.6).
      language: text(),
      loop: integer(13510, 0),
      voice: { type: 'string', code: 13511 },
    },
  },
  Play: {
    text: true,
    children: [],
    attributes: {
      digits: { type: 'string', code: 13430, pattern: /^[0-9A-D#*wW]*$/ }, // 0-9 A-D # * w W
      loop: integer(13410, 0),
    },
  },
  Pause: {
    text: false,
    children: [],
    attributes: { length: integer(13910, 0) },
  },
  Gather: {
    text: false,
    children: promptVerbs,
    nestingCode: 13320,
    attributes: {
      action: url(),
      actionOnEmptyResult: flag(13338),
      bargeIn: flag(),
      debug: flag(),
      enhanced: flag(),
      finishOnKey: { type: 'string', code: 13310, pattern: /^[0-9#*]?$/ }, // one of 0-9 # * or empty
      hints: text(),
      input: listOf(['dtmf', 'speech'], 13326),
      language: text(), // GatherLanguage: ~130 STT locales, passed through (§2.6)
      maxSpeechTime: integer(undefined, 0),
      method: httpMethod(13312),
      numDigits: integer(13314, 1),
      partialResultCallback: url(),
      partialResultCallbackMethod: httpMethod(),
      profanityFilter: flag(),
      speechModel: text(), // default, numbers_and_commands, phone_call, googlev2_*, deepgram_nova-*, …
      speechTimeout: { type: 'string', code: 13327, pattern: /^(auto|\d+)$/ }, // `auto` or a positive integer
      timeout: integer(13313, 0),
    },
  },
  Dial: {
    text: true,
    children: ['Number', 'Client', 'Conference', 'Queue', 'Sip', 'Sim', 'Application', 'WhatsApp'],
    attributes: {
      action: url(),
      answerOnBridge: flag(),
      callerId: { type: 'string', code: 13214 },
      events: oneOf(['call-progress-event']),
      hangupOnStar: flag(),
      method: httpMethod(),
      passports: text(), // in twilio-node only
      // `true`/`false` are documented aliases of record-from-answer/do-not-record.
      record: oneOf(['do-not-record', 'record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual', 'true', 'false'], 13217),
      recordingConfigurationId: text(),
      recordingStatusCallback: url(),
      recordingStatusCallbackEvent: listOf(recordingEvents),
      recordingStatusCallbackMethod: httpMethod(),
      recordingTrack: oneOf(['both', 'inbound', 'outbound']),
      referMethod: httpMethod(),
      referUrl: url(),
      ringTone: oneOf(['at', 'au', 'bg', 'br', 'be', 'ch', 'cl', 'cn', 'cz', 'de', 'dk', 'ee', 'es', 'fi', 'fr', 'gr', 'hu', 'il', 'in', 'it', 'lt', 'jp', 'mx', 'my', 'nl', 'no', 'nz', 'ph', 'pl', 'pt', 'ru', 'se', 'sg', 'th', 'uk', 'us', 'us-old', 'tw', 've', 'za']),
      sequential: flag(13218),
      timeLimit: integer(13216, 1),
      timeout: integer(13212, 5, 600),
      trim: oneOf(trims),
    },
  },
  Record: {
    text: false,
    children: [],
    attributes: {
      action: url(),
      finishOnKey: { type: 'string', code: 13613, pattern: /^[0-9#*]*$/ }, // any of 0-9 # *
      maxLength: integer(13612, 1),
      method: httpMethod(13610),
      playBeep: flag(13616),
      recordingConfigurationId: text(),
      recordingStatusCallback: url(),
      recordingStatusCallbackEvent: listOf(recordingEvents),
      recordingStatusCallbackMethod: httpMethod(),
      timeout: integer(13611, 0), // 0 disables the silence timeout
      transcribe: flag(13614),
      transcribeCallback: url(),
      trim: oneOf(trims),
    },
  },
  Redirect: {
    text: true,
    children: [],
    attributes: { method: httpMethod(13710) },
  },
  Reject: {
    text: false,
    children: ['Parameter'],
    attributes: { reason: oneOf(['rejected', 'busy'], 13810) },
  },
  Hangup: {
    text: false,
    children: ['Parameter'],
    attributes: {},
  },
  Leave: { text: false, children: [], attributes: {} },
  Echo: { text: false, children: [], attributes: {} },
  Enqueue: {
    text: true,
    children: ['Task'],
    attributes: {
      action: url(),
      maxQueueSize: integer(undefined, 1),
      method: httpMethod(14201),
      waitUrl: url(),
      waitUrlMethod: httpMethod(),
      workflowSid: text(),
    },
  },
  // Deprecated voice <Sms>.
  Sms: {
    text: true,
    children: [],
    attributes: {
      action: url(),
      from: text(),
      method: httpMethod(),
      statusCallback: url(),
      to: text(),
    },
  },
  Connect: {
    text: false,
    children: ['Stream', 'Room', 'VirtualAgent', 'Conversation', 'ConversationRelay', 'Assistant', 'AiSession', 'ConversationRelaySession', 'Autopilot'],
    attributes: { action: url(), method: httpMethod() },
  },
  Start: {
    text: false,
    children: ['Stream', 'Siprec', 'Transcription', 'Recording'],
    attributes: { action: url(), method: httpMethod() },
  },
  Stop: {
    text: false,
    children: ['Stream', 'Siprec', 'Transcription'],
    attributes: {},
  },
  Pay: {
    text: false,
    children: ['Prompt', 'Parameter'],
    attributes: {
      action: url(),
      bankAccountType: oneOf(['consumer-checking', 'consumer-savings', 'commercial-checking', 'commercial-savings']),
      chargeAmount: text(),
      currency: text(),
      description: text(),
      input: oneOf(['dtmf']),
      language: oneOf(['de-DE', 'en-AU', 'en-CA', 'en-GB', 'en-IN', 'en-IE', 'en-NZ', 'en-PH', 'en-ZA', 'en-US', 'es-ES', 'es-US', 'fr-CA', 'fr-FR', 'it-IT']),
      maxAttempts: integer(undefined, 1, 3),
      minPostalCodeLength: integer(undefined, 0),
      paymentConnector: text(),
      paymentMethod: oneOf(['ach-debit', 'credit-card']),
      postalCode: text(), // true, false or a default postal code
      securityCode: flag(),
      statusCallback: url(),
      statusCallbackMethod: httpMethod(),
      timeout: integer(undefined, 0),
      tokenType: oneOf(['one-time', 'reusable', 'payment-method']),
      validCardTypes: listOf(cardTypes),
    },
  },
  Prompt: {
    text: false,
    children: promptVerbs,
    attributes: {
      attempt: { type: 'list' }, // space-separated attempt numbers
      cardType: listOf(cardTypes),
      errorType: listOf(['timeout', 'invalid-card-number', 'invalid-card-type', 'invalid-date', 'invalid-security-code', 'internal-error', 'input-matching-failed']),
      for: oneOf(['payment-card-number', 'expiration-date', 'security-code', 'postal-code', 'payment-processing', 'bank-account-number', 'bank-routing-number']),
      requireMatchingInputs: flag(),
    },
  },
  Refer: {
    text: false,
    // twilio-node's ReferSip: a <Sip> whose text is the target URI, with no attributes or children.
    children: ['Sip'],
    attributes: { action: url(), method: httpMethod() },
  },

  // ── <Dial> nouns ───────────────────────────────────────────────────────────────────────────

  Number: {
    text: true,
    children: [],
    attributes: {
      ...machineDetection,
      byoc: text(),
      method: httpMethod(),
      sendDigits: text(),
      statusCallback: url(),
      statusCallbackEvent: listOf(statusEvents),
      statusCallbackMethod: httpMethod(),
      url: url(),
    },
  },
  Client: {
    text: true,
    children: ['Identity', 'Parameter'],
    attributes: dialedParty,
  },
  Identity: { text: true, children: [], attributes: {} },
  Conference: {
    text: true,
    children: [],
    attributes: {
      beep: oneOf(['true', 'false', 'onEnter', 'onExit']),
      coach: text(), // a Call SID
      endConferenceOnExit: flag(),
      eventCallbackUrl: url(),
      jitterBufferSize: oneOf(['large', 'medium', 'small', 'off']),
      maxParticipants: integer(undefined, 1, 250),
      muted: flag(),
      participantLabel: text(),
      record: oneOf(['do-not-record', 'record-from-start']),
      recordingConfigurationId: text(),
      recordingStatusCallback: url(),
      recordingStatusCallbackEvent: listOf(recordingEvents),
      recordingStatusCallbackMethod: httpMethod(),
      region: oneOf(['us1', 'us2', 'ie1', 'sg1', 'br1', 'au1', 'jp1', 'de1']),
      startConferenceOnEnter: flag(),
      statusCallback: url(),
      statusCallbackEvent: listOf(['start', 'end', 'join', 'leave', 'mute', 'hold', 'modify', 'speaker', 'announcement']),
      statusCallbackMethod: httpMethod(),
      trim: oneOf(trims),
      waitMethod: httpMethod(),
      waitUrl: url(),
    },
  },
  Queue: {
    text: true,
    children: [],
    attributes: {
      method: httpMethod(),
      postWorkActivitySid: text(),
      reservationSid: text(),
      url: url(),
    },
  },
  // Also <Refer>'s child, which takes only a URI as text; one element name, so one declaration.
  Sip: {
    text: true,
    children: ['Uri', 'Headers'],
    attributes: {
      ...machineDetection,
      method: httpMethod(),
      password: text(),
      statusCallback: url(),
      statusCallbackEvent: listOf(statusEvents),
      statusCallbackMethod: httpMethod(),
      url: url(),
      username: text(),
    },
  },
  Uri: {
    text: true,
    children: [],
    attributes: { password: text(), priority: text(), username: text(), weight: text() },
  },
  Headers: { text: false, children: ['Header'], attributes: {} },
  Header: { text: false, children: [], attributes: nameValue },
  Sim: { text: true, children: [], attributes: {} },
  Application: {
    text: true,
    children: ['ApplicationSid', 'Parameter'],
    attributes: { copyParentTo: flag(), customerId: text(), ...dialedParty },
  },
  ApplicationSid: { text: true, children: [], attributes: {} },
  WhatsApp: { text: true, children: [], attributes: dialedParty },

  // ── Other nouns ────────────────────────────────────────────────────────────────────────────

  Task: {
    text: true, // TaskRouter Task attributes as JSON
    children: [],
    attributes: { priority: integer(), timeout: integer(undefined, 0) },
  },
  Parameter: { text: false, children: [], attributes: nameValue },
  Config: { text: false, children: [], attributes: nameValue },
  Stream: {
    text: false,
    children: ['Parameter'],
    attributes: {
      audioFormat: text(), // in twilio-node only
      connectorName: text(),
      name: text(),
      sampleRate: text(), // in twilio-node only
      statusCallback: url(),
      statusCallbackMethod: httpMethod(),
      track: oneOf(forkTracks),
      url: url(), // wss://, no query string
    },
  },
  Siprec: {
    text: false,
    children: ['Parameter'],
    attributes: {
      connectorName: text(),
      name: text(),
      statusCallback: url(),
      statusCallbackMethod: httpMethod(),
      track: oneOf(forkTracks),
    },
  },
  Transcription: {
    text: false,
    children: ['Config', 'Parameter'],
    attributes: {
      enableAutomaticPunctuation: flag(),
      hints: text(),
      inboundTrackLabel: text(),
      intelligenceService: text(),
      languageCode: text(),
      name: text(),
      outboundTrackLabel: text(),
      partialResults: flag(),
      profanityFilter: flag(),
      speechModel: text(),
      statusCallbackMethod: httpMethod(),
      statusCallbackUrl: url(),
      track: oneOf(forkTracks),
      transcriptionEngine: text(),
    },
  },
  Recording: {
    text: false,
    children: [],
    attributes: {
      channels: oneOf(['mono', 'dual']),
      recordingConfigurationId: text(),
      recordingStatusCallback: url(),
      recordingStatusCallbackEvent: listOf(recordingEvents),
      recordingStatusCallbackMethod: httpMethod(),
      track: oneOf(['inbound', 'outbound', 'both']),
      trim: oneOf(trims),
    },
  },
  Room: {
    text: true, // Video Room name
    children: [],
    attributes: { participantIdentity: text() },
  },
  VirtualAgent: {
    text: false,
    children: ['Config', 'Parameter'],
    attributes: {
      connectorName: text(),
      language: text(),
      sentimentAnalysis: flag(),
      statusCallback: url(),
      statusCallbackMethod: httpMethod(),
    },
  },
  Conversation: {
    text: false,
    children: [],
    attributes: {
      inboundAutocreation: flag(),
      inboundTimeout: integer(undefined, 0),
      method: httpMethod(),
      record: oneOf(['do-not-record', 'record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual', 'true', 'false']),
      recordingStatusCallback: url(),
      recordingStatusCallbackEvent: listOf(recordingEvents),
      recordingStatusCallbackMethod: httpMethod(),
      routingAssignmentTimeout: integer(undefined, 0),
      serviceInstanceSid: text(),
      statusCallback: url(),
      statusCallbackEvent: listOf(['call-initiated', 'call-ringing', 'call-answered', 'call-completed']),
      statusCallbackMethod: httpMethod(),
      trim: oneOf(trims),
      url: url(),
    },
  },
  ConversationRelay: {
    text: false,
    children: ['Language', 'Parameter'],
    attributes: {
      ...relaySpeech,
      // twilio-node spells these four in lower case.
      backgroundnoisereduction: text(),
      deepgramsmartformat: text(),
      events: text(),
      ignorebackchannel: text(),
      speechtimeout: text(),
      url: url(), // wss://
    },
  },
  // Newest twilio-node only (not in 6.2's VoiceResponse.d.ts).
  Assistant: {
    text: false,
    children: ['Language', 'Parameter'],
    attributes: { ...relaySpeech, id: text() },
  },
  Language: {
    text: false,
    children: [],
    attributes: {
      code: text(),
      speechModel: text(),
      transcriptionProvider: text(),
      ttsProvider: text(),
      voice: text(),
    },
  },
  AiSession: {
    text: false,
    children: [],
    attributes: { aiConnector: text(), aiSessionConfiguration: text() },
  },
  ConversationRelaySession: {
    text: false,
    children: [],
    attributes: { connector: text(), sessionConfiguration: text() },
  },
  // Deprecated; text = assistant SID or unique name.
  Autopilot: { text: true, children: [], attributes: {} },

  // ── SSML inside <Say> (lower-case tags, emitted verbatim) ──────────────────────────────────

  break: {
    text: false,
    children: [],
    attributes: {
      strength: oneOf(['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong']),
      time: text(), // `<n>s` or `<n>ms`
    },
  },
  emphasis: {
    text: true,
    children: ssmlInline,
    attributes: { level: oneOf(['strong', 'moderate', 'reduced']) },
  },
  lang: {
    text: true,
    children: ssmlAll,
    attributes: {
      'xml:lang': oneOf(['arb', 'ar-AE', 'ca-ES', 'cmn-CN', 'cy-GB', 'da-DK', 'de-DE', 'de-AT', 'en-AU', 'en-GB', 'en-GB-WLS', 'en-IN', 'en-NZ', 'en-US', 'en-ZA', 'es-ES', 'es-MX', 'es-US', 'fi-FI', 'fr-CA', 'fr-FR', 'he-IL', 'hi-IN', 'is-IS', 'it-IT', 'ja-JP', 'ko-KR', 'nb-NO', 'nl-NL', 'pl-PL', 'pt-BR', 'pt-PT', 'ro-RO', 'ru-RU', 'sv-SE', 'tr-TR', 'yue-CN']),
    },
  },
  p: {
    text: true,
    children: ['break', 'emphasis', 'lang', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'w'],
    attributes: {},
  },
  phoneme: {
    text: true,
    children: [],
    attributes: {
      alphabet: oneOf(['ipa', 'x-sampa', 'x-amazon-jyutping', 'x-amazon-pinyin', 'x-amazon-pron-kana', 'x-amazon-yomigana']),
      ph: text(),
    },
  },
  prosody: {
    text: true,
    children: ssmlAll,
    attributes: {
      pitch: text(), // default, x-low … x-high, or +n% / -n%
      rate: text(), // x-slow … x-fast, or n%
      volume: text(), // default, silent, x-soft … x-loud, or +ndB / -ndB
    },
  },
  s: {
    text: true,
    children: ssmlInline,
    attributes: {},
  },
  'say-as': {
    text: true,
    children: [],
    method: 'sayAs',
    attributes: {
      format: oneOf(['mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'd', 'm', 'y', 'yyyymmdd']),
      'interpret-as': oneOf(['characters', 'spell-out', 'cardinal', 'number', 'ordinal', 'digits', 'fraction', 'unit', 'date', 'time', 'address', 'expletive', 'telephone']),
    },
  },
  sub: {
    text: true,
    children: [],
    attributes: { alias: text() },
  },
  w: {
    text: true,
    children: ['break', 'emphasis', 'phoneme', 'prosody', 'say-as', 'sub'],
    attributes: { role: text() },
  },
} as const satisfies TwimlSchema;

export type VoiceElementName = keyof typeof voiceSchema;
