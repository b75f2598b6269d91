import {
  commissionStructureRow,
  commoditiesInput,
  commodityMaster,
  gstRateListInput,
  gstRateOn,
  gstRateOnInput,
  gstRateRow,
  importLocationsInput,
  importReport,
  locationListInput,
  locationPage,
  masterSaved,
  saveCommissionStructureInput,
  saveGstRateInput,
  saveLocationInput,
  saveQualityParameterInput,
  saveTermInput,
  saveVarietyInput,
  termListInput,
  termRow,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure, platformAdminProcedure } from '../../trpc/procedures.ts';
import { saveCommissionStructure } from './commissions.service.ts';
import { findGstRateOn, listGstRates, saveGstRate } from './gst-rates.service.ts';
import { importLocations } from './locations-import.service.ts';
import { listCommissionStructures, listCommodityMasters, listLocations, listTerms } from './master-reads.ts';
import { saveLocation, saveQualityParameter, saveTerm, saveVariety } from './masters.service.ts';

const read = () => companyProcedure('tradedesk:read');
// A company's own masters are settings: its admins keep them.
const write = () => companyProcedure('settings:write');

const PLATFORM = { companyId: null };

/** The platform's defaults, kept by operators; every company starts from them. */
const platformRouter = router({
  // The defaults alone, for the operators' screens (an operator need not work in a company).
  commodities: platformAdminProcedure
    .input(commoditiesInput)
    .output(z.array(commodityMaster))
    .query(({ ctx, input }) => listCommodityMasters(ctx, PLATFORM, input)),
  locations: platformAdminProcedure
    .input(locationListInput)
    .output(locationPage)
    .query(({ ctx, input }) => listLocations(ctx, PLATFORM, input)),
  terms: platformAdminProcedure
    .input(termListInput)
    .output(z.array(termRow))
    .query(({ ctx, input }) => listTerms(ctx, PLATFORM, input)),
  gstRates: platformAdminProcedure
    .input(gstRateListInput)
    .output(z.array(gstRateRow))
    .query(({ ctx, input }) => listGstRates(ctx, input)),
  saveVariety: platformAdminProcedure
    .input(saveVarietyInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveVariety(ctx, { platform: ctx.session.userId }, input)),
  saveQualityParameter: platformAdminProcedure
    .input(saveQualityParameterInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveQualityParameter(ctx, { platform: ctx.session.userId }, input)),
  saveLocation: platformAdminProcedure
    .input(saveLocationInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveLocation(ctx, { platform: ctx.session.userId }, input)),
  importLocations: platformAdminProcedure
    .input(importLocationsInput)
    .output(importReport)
    .mutation(({ ctx, input }) => importLocations(ctx, { platform: ctx.session.userId }, input)),
  saveTerm: platformAdminProcedure
    .input(saveTermInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveTerm(ctx, { platform: ctx.session.userId }, input)),
  saveGstRate: platformAdminProcedure
    .input(saveGstRateInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveGstRate(ctx, ctx.session.userId, input)),
});

export const mastersRouter = router({
  /** Commodities with the varieties and quality parameters in force for the company. */
  commodities: read()
    .input(commoditiesInput)
    .output(z.array(commodityMaster))
    .query(({ ctx, input }) => listCommodityMasters(ctx, ctx.actor, input)),
  locations: read()
    .input(locationListInput)
    .output(locationPage)
    .query(({ ctx, input }) => listLocations(ctx, ctx.actor, input)),
  terms: read()
    .input(termListInput)
    .output(z.array(termRow))
    .query(({ ctx, input }) => listTerms(ctx, ctx.actor, input)),
  gstRates: read()
    .input(gstRateListInput)
    .output(z.array(gstRateRow))
    .query(({ ctx, input }) => listGstRates(ctx, input)),
  gstRateOn: read()
    .input(gstRateOnInput)
    .output(gstRateOn)
    .query(({ ctx, input }) => findGstRateOn(ctx.deps.db, input.hsnCode, input.on)),
  commissionStructures: read()
    .input(z.object({ includeInactive: z.boolean().default(false) }))
    .output(z.array(commissionStructureRow))
    .query(({ ctx, input }) => listCommissionStructures(ctx, ctx.actor, input)),
  saveVariety: write()
    .input(saveVarietyInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveVariety(ctx, { company: ctx.actor }, input)),
  saveQualityParameter: write()
    .input(saveQualityParameterInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveQualityParameter(ctx, { company: ctx.actor }, input)),
  saveLocation: write()
    .input(saveLocationInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveLocation(ctx, { company: ctx.actor }, input)),
  importLocations: write()
    .input(importLocationsInput)
    .output(importReport)
    .mutation(({ ctx, input }) => importLocations(ctx, { company: ctx.actor }, input)),
  saveTerm: write()
    .input(saveTermInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveTerm(ctx, { company: ctx.actor }, input)),
  saveCommissionStructure: write()
    .input(saveCommissionStructureInput)
    .output(masterSaved)
    .mutation(({ ctx, input }) => saveCommissionStructure(ctx, ctx.actor, input)),
  platform: platformRouter,
});
