import { Badge } from '@mantine/core';

const COMPANY_STATUS_COLORS: Record<string, string> = { active: 'teal', suspended: 'red', closed: 'gray' };
const VERIFICATION_COLORS: Record<string, string> = { verified: 'teal', pending: 'blue', rejected: 'red', unverified: 'gray' };

export function CompanyStatusBadge({ status }: { status: string }) {
  return (
    <Badge miw="max-content" variant="light" color={COMPANY_STATUS_COLORS[status]}>
      {status}
    </Badge>
  );
}

export function VerificationBadge({ status }: { status: string }) {
  return (
    <Badge miw="max-content" variant="outline" color={VERIFICATION_COLORS[status]}>
      {status}
    </Badge>
  );
}
