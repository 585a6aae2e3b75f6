/**
 * The run's event subscriptions, as the runner passed them to the workers (src/run/run.ts), for
 * clauses about what one subscriber was delivered (ENVIRONMENT.md "Events": a subscriber receives an
 * event only if it may see the event's subject).
 */
import type { SubscriberPersona, SubscriptionRefusal } from '../events/subscriptions.js';
import { RUN_ENV } from './run-env.js';
import { skip } from './steps.js';

export interface RunSubscription {
  persona: SubscriberPersona;
  id: string;
  url: string;
  /** False for a reused `P_EVENTS_SUBSCRIPTION_ID`. */
  created: boolean;
}

function fromEnv<T>(name: string): T[] | undefined {
  const text = process.env[name];
  return text === undefined ? undefined : (JSON.parse(text) as T[]);
}

/** The run's subscriptions; undefined outside the runner. */
export const runSubscriptions = (): RunSubscription[] | undefined =>
  fromEnv<RunSubscription>(RUN_ENV.subscriptions);

/**
 * `persona`'s subscription in this run; otherwise the test is skipped with why: the events service
 * refused it (consumer authorization, not a Broker failure), or the runner made none.
 */
export function requireSubscription(persona: SubscriberPersona): RunSubscription {
  const refused = fromEnv<SubscriptionRefusal>(RUN_ENV.subscriptionRefusals)?.find(
    (r) => r.persona === persona,
  );
  if (refused) skip(refused.reason);
  const subscriptions = runSubscriptions();
  if (!subscriptions)
    skip(
      `the runner did not pass the run's subscriptions (${RUN_ENV.subscriptions}); run the suites through npm start`,
    );
  const found = subscriptions.find((s) => s.persona === persona);
  if (!found) skip(`${persona} has no event subscription in this run`);
  return found;
}
