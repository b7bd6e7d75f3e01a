/** The behavior SDK's browser and Apollo wiring (index.ts itself needs neither a DOM nor a GraphQL client). */
import type { ApolloClient, TypedDocumentNode } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { PermanentBehaviorError, type BehaviorEvent, type BehaviorTracker, type BehaviorTransport } from './index';

type TrackEvents = TypedDocumentNode<{ trackEvents: { accepted: number; duplicates: number } }, { events: BehaviorEvent[] }>;

/** Sends batches with the channel's `TrackEvents` trusted document; a batch the server refuses as invalid is not retried. */
export function apolloBehaviorTransport(client: ApolloClient, document: TrackEvents): BehaviorTransport {
  return {
    async send(events) {
      try {
        const result = await client.mutate({ mutation: document, variables: { events } });
        if (!result.data) throw new Error('trackEvents answered no data');
        return result.data.trackEvents;
      } catch (error) {
        if (CombinedGraphQLErrors.is(error) && error.errors.some((entry) => entry.extensions?.code === 'BAD_USER_INPUT'))
          throw new PermanentBehaviorError('trackEvents refused the batch');
        throw error;
      }
    },
  };
}

/**
 * Browser wiring: page views follow the router (call `pageView` yourself), clicks on elements with
 * `data-track="<target>"` are recorded, and the queue is flushed when the page is hidden and when the
 * connection comes back. Returns the function that removes the listeners.
 */
export function attachToDocument(tracker: BehaviorTracker, page: () => string): () => void {
  const onClick = (event: MouseEvent) => {
    const element = (event.target as Element | null)?.closest?.('[data-track]');
    const target = element?.getAttribute('data-track');
    if (target) tracker.click(target, page());
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void tracker.flush();
  };
  const onOnline = () => void tracker.flush();
  document.addEventListener('click', onClick, true);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('online', onOnline);
  };
}
