/**
 * The shapes the Altinn-Events stand-in speaks: the Broker's CloudEvents (CONTRACT.md §6.2), the
 * subscriptions of ENVIRONMENT.md "Events", and the seams it is built with (authentication, faults).
 */

/** The event types the Broker publishes (CONTRACT.md §6.1). */
export const BROKER_EVENT_TYPES = [
  'no.altinn.broker.filetransferinitialized',
  'no.altinn.broker.uploadprocessing',
  'no.altinn.broker.published',
  'no.altinn.broker.uploadfailed',
  'no.altinn.broker.downloadconfirmed',
  'no.altinn.broker.allconfirmeddownloaded',
  'no.altinn.broker.filepurged',
  'no.altinn.broker.fileneverconfirmeddownloaded',
] as const;

export type BrokerEventType = (typeof BROKER_EVENT_TYPES)[number];

/** A Broker CloudEvent (CONTRACT.md §6.2): lower-case property names, but `data.Role` capitalised. */
export interface BrokerCloudEvent {
  specversion: '1.0';
  id: string;
  type: BrokerEventType;
  /** When the event was sent, not when the status changed (§6.2). */
  time: string;
  /** `urn:altinn:resource:<resourceId>` */
  resource: string;
  /** The file transfer id. */
  resourceinstance: string;
  /** `urn:altinn:organization:identifier-no:<9 digits>`: the party the event concerns. */
  subject: string;
  source: string;
  data: { Role: 'Sender' | 'Recipient' };
}

/** What Altinn Events POSTs to a new endpoint before accepting a subscription (ENVIRONMENT.md "Events"). */
export interface ValidationCloudEvent {
  specversion: '1.0';
  id: string;
  type: 'platform.events.validatesubscription';
  /** `<origin>/events/api/v1/subscriptions/<id>` */
  source: string;
  time: string;
}

/** A subscription as Altinn Events answers it. */
export interface Subscription {
  id: number;
  endPoint: string;
  resourceFilter: string;
  typeFilter: string | null;
  subjectFilter: string | null;
  /** `/org/<9 digits>` */
  consumer: string;
  createdBy: string;
  created: string;
  validated: true;
}

export interface EventsCaller {
  org: string | null;
  scopes: string[];
}

/** Provided by the sandbox's auth part; null means 401. */
export type Authenticate = (authorizationHeader: string | undefined) => Promise<EventsCaller | null>;

export interface DeliveryRecord {
  subscriptionId: number;
  eventId: string;
  type: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastError?: string;
}

/** Misbehaviours the fault injector can switch on; none is set in a faithful sandbox. */
export interface EventsFaultHooks {
  /** Rewrites what one subscription receives: `[]` drops, `[e, e]` duplicates, `[{ ...e, id }]` re-ids. */
  transform?(event: BrokerCloudEvent, subscription: Subscription): BrokerCloudEvent[];
  /** Accept subscriptions without the validation handshake. */
  skipValidation?: boolean;
  /** Deliver regardless of whom the event concerns: both the subject-org rule and `subjectFilter` are ignored. */
  ignoreSubjectFilter?: boolean;
  /** Also deliver `event` to a subscription owned by `org` when this says so, whatever the subject rule says. */
  alsoDeliver?(event: BrokerCloudEvent, org: string): boolean;
  /** Content-Type of event deliveries instead of `application/cloudevents+json`. */
  contentType?: string;
}
