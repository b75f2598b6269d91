import type { previewTemplateInput, saveTemplateInput, templateKeyInput, templateList, templatePreview } from '@tradeloom/shared';
import type { z } from 'zod';
import type { ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the notify-digest helper implements these (operators only).

export async function listTemplates(_ctx: ServiceContext): Promise<z.infer<typeof templateList>> {
  throw new Error('CONTRACT STUB: listTemplates');
}

export async function previewTemplate(
  _ctx: ServiceContext,
  _input: z.infer<typeof previewTemplateInput>,
): Promise<z.infer<typeof templatePreview>> {
  throw new Error('CONTRACT STUB: previewTemplate');
}

export async function saveTemplate(
  _ctx: ServiceContext,
  _operatorUserId: string,
  _input: z.infer<typeof saveTemplateInput>,
): Promise<z.infer<typeof templateList>['rows'][number]> {
  throw new Error('CONTRACT STUB: saveTemplate');
}

export async function resetTemplate(
  _ctx: ServiceContext,
  _operatorUserId: string,
  _input: z.infer<typeof templateKeyInput>,
): Promise<z.infer<typeof templateList>['rows'][number]> {
  throw new Error('CONTRACT STUB: resetTemplate');
}
