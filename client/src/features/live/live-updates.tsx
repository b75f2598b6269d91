import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { trpc } from '../../lib/trpc.ts';

/**
 * Keeps every screen current: the server announces what changed in the active company and we
 * refetch the queries that show it. Changes announced before the stream opened are not replayed,
 * so on connecting we refetch what was already read: on the first connection the queries a page
 * load fetched while the stream was opening (a job finishing in between would be missed), after a
 * reconnect everything.
 */
export function LiveUpdates() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const connections = useRef(0);
  trpc.live.updates.useSubscription(undefined, {
    onData: (update) => {
      switch (update.entityType) {
        case 'stream':
          if (connections.current++ > 0) void utils.invalidate();
          // Queries still in flight read after the stream opened (near enough): left to finish.
          else void queryClient.invalidateQueries({ predicate: (query) => query.state.dataUpdatedAt > 0 }, { cancelRefetch: false });
          break;
        case 'order':
          void utils.orders.invalidate();
          void utils.production.invalidate();
          break;
        case 'work_order':
          void utils.production.invalidate();
          break;
        case 'partner_link':
          void utils.partners.invalidate();
          void utils.catalog.invalidate();
          break;
        case 'notification':
          void utils.notifications.invalidate();
          break;
        case 'product':
          void utils.catalog.invalidate();
          break;
        case 'tender':
          // Quote counts, the supplier inbox, clarifications and awards (which also make orders).
          void utils.sourcing.invalidate();
          break;
        case 'desk':
        case 'trade_offer':
          // A visible offer was posted, changed or ended (the desk, my offers, an offer's page).
          void utils.tradedesk.offers.invalidate();
          void utils.tradedesk.matches.invalidate();
          break;
        case 'negotiation':
          // A round, an accept or an end: the negotiation, the offer's counts and remaining quantity.
          void utils.tradedesk.negotiations.invalidate();
          void utils.tradedesk.offers.invalidate();
          break;
        case 'contract':
          void utils.contracts.invalidate();
          break;
        case 'delivery':
          // Dispatched, received or cancelled: the lists, the page, and the order's fulfilment.
          void utils.deliveries.invalidate();
          void utils.orders.get.invalidate();
          break;
        case 'conversation':
          // A message sent, edited or deleted, a conversation started or joined: threads, lists, counts.
          void utils.messaging.invalidate();
          break;
        case 'complaint':
          // Filed, moved or noted: the list, the page, the summary and the navigation's count.
          void utils.support.complaints.invalidate();
          break;
        case 'lot':
          void utils.tradedesk.lots.invalidate();
          break;
        case 'master':
          void utils.masters.invalidate();
          break;
        case 'webhook_delivery':
          // Queued, attempted or replayed: the delivery log, the open delivery and the endpoints' counts.
          void utils.webhooks.deliveries.invalidate();
          void utils.webhooks.endpoints.invalidate();
          break;
        case 'webhook_endpoint':
          // Changed by another admin, or disabled by the system after days of failures.
          void utils.webhooks.endpoints.invalidate();
          break;
        case 'user':
          void utils.companies.members.invalidate();
          void utils.auth.me.invalidate();
          break;
      }
    },
  });
  return null;
}
