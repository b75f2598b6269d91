// Prints the company behind an API key, its team and the latest audit entries.
//   TRADELOOM_URL=http://localhost:3000 TRADELOOM_API_KEY=tlk_… node client/sdk/examples/company-report.ts
import { createClient } from '@tradeloom/sdk';

const url = process.env.TRADELOOM_URL ?? 'http://localhost:3000';
const apiKey = process.env.TRADELOOM_API_KEY;
if (!apiKey) {
  console.error('Set TRADELOOM_API_KEY to a key with the company:read, members:read and audit:read scopes.');
  process.exit(1);
}

const client = createClient({ url, apiKey });
const company = await client.companies.current.query();
console.log(`${company.name} (${company.legalName}), ${company.country}, tax id ${company.taxId ?? '—'}`);
for (const branch of company.branches) console.log(`  branch: ${branch.name}${branch.gstin ? `, GSTIN ${branch.gstin}` : ''}`);

const members = await client.companies.members.query();
console.log(`\n${members.length} members:`);
for (const member of members) console.log(`  ${member.role.padEnd(8)} ${member.name} <${member.email}>`);

const audit = await client.audit.list.query({ limit: 5 });
console.log('\nLatest changes:');
for (const entry of audit.items) console.log(`  ${entry.occurredAt} ${entry.action} by ${entry.actorName ?? 'API key'}`);
