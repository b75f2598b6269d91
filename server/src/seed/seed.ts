import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tradeloom/db';
import { type CreateCompanyInput, gstinCheckCharacter, ROLE_PERMISSIONS, type Role } from '@tradeloom/shared';
import type { AppDeps, CompanyActor, ServiceContext } from '../deps.ts';
import { hashPassword } from '../lib/passwords.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { createProduct } from '../modules/catalog/catalog.service.ts';
import { createBranch, createCompany } from '../modules/companies/companies.service.ts';
import { storeUpload } from '../modules/files/files.service.ts';
import { addCertification, reviewDocument, reviewQueue, submitDocument } from '../modules/kyc/kyc.service.ts';
import { addUnclaimed, changeLink, requestLink } from '../modules/partners/partners.service.ts';
import { DEMO_PDF } from './demo-pdf.ts';
import { seedFinance } from './seed-finance.ts';
import { seedDemoApiKey, settleDemoWebhooks, subscribeDemoWebhook } from './seed-integrations.ts';
import { seedOrdersAndProduction } from './seed-orders.ts';
import { seedSourcing } from './seed-sourcing.ts';
import { seedConversationsAndComplaints } from './seed-support.ts';
import { seedTradeDesk } from './seed-tradedesk.ts';

export const DEMO_PASSWORD = 'tradeloom-demo-2026';

export interface DemoLogin {
  email: string;
  description: string;
}

function gstin(stateCode: string, pan: string): string {
  const first14 = `${stateCode}${pan}1Z`;
  return first14 + gstinCheckCharacter(first14);
}

interface DemoCompany {
  company: CreateCompanyInput;
  branch: { name: string; city: string; state: string; stateCode: string; pan: string; address: string; postalCode: string };
  members: { email: string; name: string; role: Role }[];
}

const COMPANIES: DemoCompany[] = [
  {
    company: {
      name: 'Saurashtra Cotton Traders',
      legalName: 'Saurashtra Cotton Traders Pvt Ltd',
      country: 'IN',
      isBuyer: true,
      isSupplier: true,
    },
    branch: {
      name: 'Rajkot head office',
      city: 'Rajkot',
      state: 'Gujarat',
      stateCode: '24',
      pan: 'AABCS4821K',
      address: '14 Cotton Market Yard',
      postalCode: '360001',
    },
    members: [
      { email: 'owner@saurashtra.example', name: 'Harish Patel', role: 'owner' },
      { email: 'admin@saurashtra.example', name: 'Meera Shah', role: 'admin' },
      { email: 'manager@saurashtra.example', name: 'Vikram Joshi', role: 'manager' },
      { email: 'staff@saurashtra.example', name: 'Anil Desai', role: 'staff' },
      { email: 'viewer@saurashtra.example', name: 'Kavita Mehta', role: 'viewer' },
    ],
  },
  {
    company: {
      name: 'Coimbatore Spinning Mills',
      legalName: 'Coimbatore Spinning Mills Ltd',
      country: 'IN',
      isBuyer: true,
      isSupplier: true,
    },
    branch: {
      name: 'Mill and office',
      city: 'Coimbatore',
      state: 'Tamil Nadu',
      stateCode: '33',
      pan: 'AADCC7315M',
      address: 'SIDCO Industrial Estate, Kurichi',
      postalCode: '641021',
    },
    members: [
      { email: 'owner@kovaispin.example', name: 'R. Senthil Kumar', role: 'owner' },
      { email: 'manager@kovaispin.example', name: 'Lakshmi Narayanan', role: 'manager' },
      { email: 'staff@kovaispin.example', name: 'Priya Raman', role: 'staff' },
    ],
  },
  {
    // A second cotton supplier, so the mill's tenders have two sealed quotes to compare.
    company: {
      name: 'Gondal Ginning Company',
      legalName: 'Gondal Ginning Company Pvt Ltd',
      country: 'IN',
      isBuyer: false,
      isSupplier: true,
    },
    branch: {
      name: 'Ginning and pressing factory',
      city: 'Gondal',
      state: 'Gujarat',
      stateCode: '24',
      pan: 'AAGCG5127P',
      address: 'Survey 118, Gundala Road',
      postalCode: '360311',
    },
    members: [
      { email: 'owner@gondalginning.example', name: 'Jayesh Vaghasiya', role: 'owner' },
      { email: 'staff@gondalginning.example', name: 'Nirali Kotadiya', role: 'staff' },
    ],
  },
  {
    company: { name: 'Bhiwandi Weaving Works', legalName: 'Bhiwandi Weaving Works LLP', country: 'IN', isBuyer: true, isSupplier: true },
    branch: {
      name: 'Weaving shed',
      city: 'Bhiwandi',
      state: 'Maharashtra',
      stateCode: '27',
      pan: 'AAHFB2290Q',
      address: 'Plot 22, Kamatghar',
      postalCode: '421302',
    },
    members: [
      { email: 'owner@bhiwandiweave.example', name: 'Imran Ansari', role: 'owner' },
      { email: 'staff@bhiwandiweave.example', name: 'Sunita Patil', role: 'staff' },
    ],
  },
  {
    company: {
      name: 'Chandni Chowk Textiles',
      legalName: 'Chandni Chowk Textiles Pvt Ltd',
      country: 'IN',
      isBuyer: true,
      isSupplier: false,
    },
    branch: {
      name: 'Wholesale godown',
      city: 'New Delhi',
      state: 'Delhi',
      stateCode: '07',
      pan: 'AAECC6642L',
      address: 'Katra Neel, Chandni Chowk',
      postalCode: '110006',
    },
    members: [
      { email: 'owner@cctextiles.example', name: 'Rohit Aggarwal', role: 'owner' },
      { email: 'manager@cctextiles.example', name: 'Neha Gupta', role: 'manager' },
    ],
  },
];

const PLATFORM_ADMIN = { email: 'ops@tradeloom.example', name: 'Tradeloom Operations' };

/** Every demo login, in the order they are created: the operator, then each company's members. */
export function demoLogins(): DemoLogin[] {
  return [
    { email: PLATFORM_ADMIN.email, description: 'platform operator' },
    ...COMPANIES.flatMap((demo) =>
      demo.members.map((member) => ({
        email: member.email,
        description: member.role === 'owner' ? `owner of ${demo.company.name}` : `${member.role} at ${demo.company.name}`,
      })),
    ),
  ];
}

/** The demo logins this database has (none once they were removed or never seeded). */
export async function presentDemoLogins(deps: Pick<AppDeps, 'db'>): Promise<DemoLogin[]> {
  const logins = demoLogins();
  const rows = await deps.db
    .selectFrom('users')
    .select('email')
    .where(
      'email',
      'in',
      logins.map((login) => login.email),
    )
    .execute();
  const present = new Set(rows.map((row) => row.email));
  return logins.filter((login) => present.has(login.email));
}

/** Demo data for a new local install; does nothing when any user exists. Never in production. */
export async function seedDemoData(deps: AppDeps): Promise<DemoLogin[] | null> {
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  const ctx: ServiceContext = { deps, request: { requestId: `seed-${randomUUID()}`, ip: null, userAgent: 'seed' } };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();

  const userId = async (email: string, name: string, isPlatformAdmin = false) => {
    const row = await deps.db
      .insertInto('users')
      .values({ email, name, password_hash: passwordHash, email_verified_at: now, is_platform_admin: isPlatformAdmin })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const adminId = await userId(PLATFORM_ADMIN.email, PLATFORM_ADMIN.name, true);

  const actors = new Map<string, CompanyActor>();
  for (const demo of COMPANIES) {
    const [owner, ...others] = demo.members;
    if (!owner) continue;
    const ownerId = await userId(owner.email, owner.name);
    const taxId = gstin(demo.branch.stateCode, demo.branch.pan);
    const company = await createCompany(ctx, ownerId, null, { ...demo.company, taxId });
    const actor: CompanyActor = {
      companyId: company.id,
      userId: ownerId,
      apiKeyId: null,
      role: 'owner',
      permissions: ROLE_PERMISSIONS.owner,
    };
    actors.set(demo.company.name, actor);
    await createBranch(ctx, actor, {
      name: demo.branch.name,
      addressLine: demo.branch.address,
      city: demo.branch.city,
      state: demo.branch.state,
      postalCode: demo.branch.postalCode,
      country: 'IN',
      gstin: taxId,
      isHeadOffice: true,
    });
    for (const member of others) {
      const memberId = await userId(member.email, member.name);
      await inTransaction(deps.db, async (trx) => {
        await trx.insertInto('memberships').values({ company_id: company.id, user_id: memberId, role: member.role }).execute();
        await recordAudit(trx, { userId: ownerId }, ctx.request, {
          companyId: company.id,
          action: 'member.added',
          entityType: 'membership',
          entityId: memberId,
          after: { email: member.email, role: member.role },
        });
      });
    }
  }
  await seedPartnerNetwork(ctx, actors);
  await seedCatalogs(ctx, actors);
  await seedVerification(ctx, actors, adminId);
  const trader = actors.get('Saurashtra Cotton Traders');
  if (!trader) throw new Error('demo company Saurashtra Cotton Traders missing');
  // Subscribed before the trade below, so its events queue webhook deliveries as they happen.
  const webhookEndpointId = await subscribeDemoWebhook(ctx, trader);
  await seedOrdersAndProduction(ctx, actors);
  await seedSourcing(ctx, actors);
  await seedTradeDesk(ctx, actors);
  await seedConversationsAndComplaints(ctx, actors);
  await settleDemoWebhooks(ctx, trader, webhookEndpointId);
  await seedDemoApiKey(ctx, trader);
  // After the webhook log is settled: its endpoint hears of orders, and these only add to what waits.
  await seedFinance(ctx, actors);
  return demoLogins();
}

async function seedVerification(ctx: ServiceContext, actors: Map<string, CompanyActor>, reviewerId: string) {
  const trader = actors.get('Saurashtra Cotton Traders');
  const spinner = actors.get('Coimbatore Spinning Mills');
  if (!trader || !spinner) return;
  const traderFile = await storeUpload(ctx, trader, { filename: 'GST-REG-06-Saurashtra.pdf', content: DEMO_PDF });
  const traderDoc = await submitDocument(ctx, trader, { kind: 'gst_certificate', fileId: traderFile.id });
  // The operator approves the company details the queue shows beside the document.
  const shown = (await reviewQueue(ctx, reviewerId)).documents.find((document) => document.id === traderDoc.id);
  await reviewDocument(ctx, reviewerId, { documentId: traderDoc.id, decision: 'approve', attested: shown?.attested });
  const spinnerFile = await storeUpload(ctx, spinner, { filename: 'GST certificate - Coimbatore Spinning.pdf', content: DEMO_PDF });
  await submitDocument(ctx, spinner, { kind: 'gst_certificate', fileId: spinnerFile.id });
  const day = (offset: number) => new Date(ctx.deps.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  await addCertification(ctx, spinner, {
    standard: 'GOTS',
    number: 'CU-GOTS-884213',
    issuer: 'Control Union',
    validFrom: day(-200),
    validTo: day(165),
  });
  await addCertification(ctx, spinner, {
    standard: 'OEKO-TEX',
    number: 'OTS-21.HIN.55302',
    issuer: 'Hohenstein',
    validFrom: day(-345),
    validTo: day(20),
  });
  await addCertification(ctx, trader, {
    standard: 'BCI',
    number: 'BCI-LIC-2025-0419',
    issuer: 'Better Cotton',
    validFrom: day(-400),
    validTo: day(-35),
  });
}

type DemoProduct = [
  sku: string,
  name: string,
  commodity: string,
  unit: string,
  hsn: string,
  price: string,
  moq: string,
  description: string,
];

const CATALOGS: Record<string, DemoProduct[]> = {
  'Saurashtra Cotton Traders': [
    [
      'S6-29MM',
      'Shankar-6 cotton lint, 29 mm',
      'cotton-lint',
      'candy',
      '5201',
      '61500',
      '10',
      'Gujarat S-6, staple 29 mm, mic 3.8–4.2, trash under 3%',
    ],
    ['MCU5-32MM', 'MCU-5 cotton lint, 32 mm', 'cotton-lint', 'candy', '5201', '68200', '10', 'Long staple, mic 3.4–3.8'],
    ['J34-27MM', 'J-34 cotton lint, 27 mm', 'cotton-lint', 'candy', '5201', '57800', '20', 'North Indian J-34, RG quality'],
    ['CSEED-STD', 'Cotton seed', 'cotton-seed', 'qtl', '1207', '3150', '100', 'Oil 16–18%, moisture under 10%'],
  ],
  'Gondal Ginning Company': [
    [
      'G-S6-29',
      'Shankar-6 cotton lint, 29 mm (Gondal pressing)',
      'cotton-lint',
      'candy',
      '5201',
      '61000',
      '25',
      'Staple 29 mm, mic 3.8–4.2, 170 kg bales',
    ],
  ],
  'Coimbatore Spinning Mills': [
    ['YRN-30CC', '30s combed cotton yarn (compact)', 'cotton-yarn', 'kg', '5205', '265.50', '500', 'Ne 30/1, compact spun, for knitting'],
    ['YRN-40CC', '40s combed cotton yarn (compact)', 'cotton-yarn', 'kg', '5205', '298.00', '500', 'Ne 40/1, for shirting'],
    ['YRN-20KH', '20s carded hosiery yarn', 'cotton-yarn', 'kg', '5205', '212.75', '1000', 'Ne 20/1, open end'],
  ],
  'Bhiwandi Weaving Works': [
    ['GF-POP6060', 'Poplin 60x60 grey, 58"', 'grey-fabric', 'm', '5208', '62.40', '3000', '132 x 72, 100% cotton'],
    ['GF-CAM4040', 'Cambric 40x40 grey, 63"', 'grey-fabric', 'm', '5208', '48.90', '3000', '92 x 88, 100% cotton'],
    ['GF-VOI8080', 'Voile 80x80 grey, 44"', 'grey-fabric', 'm', '5208', '55.10', '2000', 'Light dress material base'],
  ],
};

async function seedCatalogs(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  for (const [company, products] of Object.entries(CATALOGS)) {
    const actor = actors.get(company);
    if (!actor) continue;
    for (const [sku, name, commodityCode, unit, hsnCode, price, minOrderQuantity, description] of products) {
      await createProduct(ctx, actor, {
        sku,
        name,
        commodityCode,
        unit,
        hsnCode,
        price,
        currency: 'INR',
        minOrderQuantity,
        description,
        active: true,
      });
    }
  }
}

// Who buys from whom in the demo: the cotton moves trader (or ginner) → spinner → weaver → wholesaler.
async function seedPartnerNetwork(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const actor = (name: string) => {
    const found = actors.get(name);
    if (!found) throw new Error(`demo company ${name} missing`);
    return found;
  };
  const link = async (buyer: string, supplier: string, message: string, accept: boolean) => {
    const request = await requestLink(ctx, actor(buyer), { supplierId: actor(supplier).companyId, message });
    if (accept) await changeLink(ctx, actor(supplier), request.id, 'accept');
  };
  await link(
    'Coimbatore Spinning Mills',
    'Saurashtra Cotton Traders',
    'We spin 30s–40s combed yarn and need Shankar-6 cotton every month.',
    true,
  );
  await link('Coimbatore Spinning Mills', 'Gondal Ginning Company', 'We would like to buy Shankar-6 lint from your factory.', true);
  await link(
    'Bhiwandi Weaving Works',
    'Coimbatore Spinning Mills',
    'Looking for 40s combed cotton yarn for shirting, about 20 tonnes a month.',
    true,
  );
  await link('Chandni Chowk Textiles', 'Bhiwandi Weaving Works', 'We wholesale shirting and poplin across North India.', true);
  await link('Chandni Chowk Textiles', 'Coimbatore Spinning Mills', 'Interested in your yarn-dyed range for our retailers.', false);
  await addUnclaimed(ctx, actor('Saurashtra Cotton Traders'), {
    name: 'Amreli Cotton Ginners',
    country: 'IN',
    contactEmail: 'accounts@amreli-ginners.example',
    relationship: 'supplier',
  });
}
