/**
 * Step 4 of the getting-started guide: subscribing to the Broker's events (ENVIRONMENT.md "Events",
 * CONTRACT.md §6.4). Every subscription the run made was validated first: the events service sent a
 * `platform.events.validatesubscription` event to the webhook, which answered 200 (the receiver keeps
 * only handshakes it answered 200), before any event of that subscription's party arrived.
 */
import { describe, expect, it } from '@jest/globals';
import { isHandshakeFor } from '../src/events/subscriptions.js';
import { suiteContext, RUN_ENV } from '../src/suite/context.js';
import { skip } from '../src/suite/steps.js';
import { runSubscriptions } from '../src/suite/subscribers.js';

const ctx = await suiteContext();

/** The harness already waited for each handshake while subscribing; elsewhere one may still be on its way. */
const HANDSHAKE_WAIT_MS = ctx.profile.sandbox ? 0 : 5000;

describe('04 events: subscriptions (ENVIRONMENT.md "Events", §6.4)', () => {
  it.each(['SENDER', 'RECIPIENT'] as const)(
    "§6.4 %s's subscription got a validation handshake, answered 200, before its events flowed",
    async (persona) => {
      const events = ctx.events();
      const reused = ctx.profile.personas[persona].eventsSubscriptionId;
      if (reused)
        skip(
          `${persona}_EVENTS_SUBSCRIPTION_ID=${reused} is reused: it was validated when it was made, not in this run`,
        );
      const subscriptions = runSubscriptions();
      if (!subscriptions)
        skip(
          `the runner did not pass the run's subscriptions (${RUN_ENV.subscriptions}); run the suites through npm start`,
        );
      const subscription = subscriptions.find((s) => s.persona === persona);
      expect(subscription).toBeDefined();
      if (!subscription?.created)
        skip(`${persona}'s subscription is reused: it was validated before this run`);

      const exact = await events.client.handshakes(subscription.url, HANDSHAKE_WAIT_MS);
      const handshakes = exact.length > 0 ? exact : await events.client.handshakes();
      const handshake = handshakes.find((h) => isHandshakeFor(h, subscription));
      expect({ subscription: subscription.url, handshake: handshake !== undefined }).toEqual({
        subscription: subscription.url,
        handshake: true,
      });

      // Only this party's subscription delivers events about it (ENVIRONMENT.md "Events").
      const [first] = await events.client.events({ subject: ctx.subject(persona) });
      if (first && handshake) expect(handshake.receivedAt).toBeLessThanOrEqual(first.receivedAt);
    },
  );
});
