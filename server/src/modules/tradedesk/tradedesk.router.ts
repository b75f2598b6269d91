import {
  acceptNegotiationInput,
  archiveLotInput,
  cancelNegotiationInput,
  counterNegotiationInput,
  createLotInput,
  createOfferInput,
  lotIdInput,
  lotListInput,
  lotPage,
  lotView,
  matchesInput,
  negotiationAccepted,
  negotiationChanged,
  negotiationIdInput,
  negotiationListInput,
  negotiationOpened,
  negotiationPage,
  negotiationView,
  offerIdInput,
  offerListInput,
  offerMatch,
  offerPage,
  offerView,
  openNegotiationInput,
  parseInput,
  parseResult,
  recordChanged,
  recordCreated,
  rejectNegotiationInput,
  updateLotInput,
  withdrawOfferInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { type RestRoute, restRoutes } from '../../trpc/rest-route.ts';
import { getLot, listLots } from './lot-reads.ts';
import { archiveLot, createLot, updateLot } from './lots.service.ts';
import { findMatches } from './matches.service.ts';
import { getNegotiation, listNegotiations } from './negotiation-reads.ts';
import { acceptNegotiation, cancelNegotiation, counterNegotiation, openNegotiation, rejectNegotiation } from './negotiations.service.ts';
import { getOffer, listOffers } from './offer-reads.ts';
import { createOffer, withdrawOffer } from './offers.service.ts';
import { parseOfferText } from './parse.service.ts';

const read = (route?: RestRoute) => companyProcedure('tradedesk:read', route);
const rest = restRoutes('Trade desk');
const write = () => companyProcedure('tradedesk:write');

/** The company's tested lots. */
const lotsRouter = router({
  create: write()
    .input(createLotInput)
    .output(recordCreated)
    .mutation(({ ctx, input }) => createLot(ctx, ctx.actor, input)),
  update: write()
    .input(updateLotInput)
    .output(recordChanged)
    .mutation(({ ctx, input }) => updateLot(ctx, ctx.actor, input)),
  archive: write()
    .input(archiveLotInput)
    .output(recordChanged)
    .mutation(({ ctx, input }) => archiveLot(ctx, ctx.actor, input)),
  get: read()
    .input(lotIdInput)
    .output(lotView)
    .query(({ ctx, input }) => getLot(ctx, ctx.actor, input.lotId)),
  list: read()
    .input(lotListInput)
    .output(lotPage)
    .query(({ ctx, input }) => listLots(ctx, ctx.actor, input)),
});

/** Buy and sell offers: the caller's own and those on the desk it may see. */
const offersRouter = router({
  create: write()
    .input(createOfferInput)
    .output(recordCreated)
    .mutation(({ ctx, input }) => createOffer(ctx, ctx.actor, input)),
  withdraw: write()
    .input(withdrawOfferInput)
    .output(recordChanged)
    .mutation(({ ctx, input }) => withdrawOffer(ctx, ctx.actor, input)),
  get: read(rest.get('/offers/{offerId}', 'Get an offer'))
    .input(offerIdInput)
    .output(offerView)
    .query(({ ctx, input }) => getOffer(ctx, ctx.actor, input.offerId)),
  // Its quality filter is an object, which a query string cannot carry: a search with a body.
  list: read(rest.post('/offers/search', 'List offers on the desk'))
    .input(offerListInput)
    .output(offerPage)
    .query(({ ctx, input }) => listOffers(ctx, ctx.actor, input)),
});

/** Rounds between an offer's owner and one counterparty, ending in a contract or not. */
const negotiationsRouter = router({
  open: write()
    .input(openNegotiationInput)
    .output(negotiationOpened)
    .mutation(({ ctx, input }) => openNegotiation(ctx, ctx.actor, input)),
  counter: write()
    .input(counterNegotiationInput)
    .output(negotiationChanged)
    .mutation(({ ctx, input }) => counterNegotiation(ctx, ctx.actor, input)),
  accept: write()
    .input(acceptNegotiationInput)
    .output(negotiationAccepted)
    .mutation(({ ctx, input }) => acceptNegotiation(ctx, ctx.actor, input)),
  reject: write()
    .input(rejectNegotiationInput)
    .output(negotiationChanged)
    .mutation(({ ctx, input }) => rejectNegotiation(ctx, ctx.actor, input)),
  cancel: write()
    .input(cancelNegotiationInput)
    .output(negotiationChanged)
    .mutation(({ ctx, input }) => cancelNegotiation(ctx, ctx.actor, input)),
  get: read()
    .input(negotiationIdInput)
    .output(negotiationView)
    .query(({ ctx, input }) => getNegotiation(ctx, ctx.actor, input.negotiationId)),
  list: read()
    .input(negotiationListInput)
    .output(negotiationPage)
    .query(({ ctx, input }) => listNegotiations(ctx, ctx.actor, input)),
});

export const tradedeskRouter = router({
  lots: lotsRouter,
  offers: offersRouter,
  negotiations: negotiationsRouter,
  /** A trade message read into a draft offer; nothing is saved. */
  parse: read()
    .input(parseInput)
    .output(parseResult)
    .query(({ ctx, input }) => parseOfferText(ctx, ctx.actor, input.text)),
  /** Opposite-side offers that fit the given one, best first, with each factor's part of the score. */
  matches: read()
    .input(matchesInput)
    .output(z.array(offerMatch))
    .query(({ ctx, input }) => findMatches(ctx, ctx.actor, input)),
});
