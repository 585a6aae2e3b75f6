/**
 * The run's BrokerCircuit (src/client/broker.ts), shared between the runner and its Jest workers
 * through the report directory's side channel: the first call anywhere that gets no answer in time
 * records what timed out, and every later call in every process stops before it is sent, the way
 * `stop` says (the runner: an EnvironmentError; the suites: a skip with that reason).
 */
import { readUnanswered, recordUnanswered } from '../report/side-channel.js';
import type { BrokerCircuit } from './broker.js';

/** Why calls stop once the Broker did not answer: the same words for every skipped clause. */
export function notAnswering(brokerBaseUrl: string, firstTimeout: string): string {
  return `the Broker at ${brokerBaseUrl} does not answer: ${firstTimeout}`;
}

export function sharedCircuit(reportDir: string, stop: (firstTimeout: string) => never): BrokerCircuit {
  return {
    check() {
      const first = readUnanswered(reportDir);
      if (first !== undefined) stop(first);
    },
    trip: (message) => recordUnanswered(reportDir, message),
  };
}
