import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ContractView, formatMoney, formatNumber, formatTradePrice, formatTradeQuantity, TRADE_UNIT_LABELS } from '@tradeloom/shared';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, Fact, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { ContractDeliveriesPanel } from '../deliveries/contract-deliveries-panel.tsx';
import { ContractInvoicesPanel } from '../finance/contract-invoices-panel.tsx';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { FileComplaintButton } from '../support/file-complaint.tsx';
import { type MasterNames, QualityRangesTable, useMasterNames } from '../tradedesk/deal-format.tsx';
import { commissionRate } from '../tradedesk/terms-draft.ts';
import styles from './contract-print.module.css';
import { CONTRACT_NOT_FOUND, ContractStatusBadge } from './contract-status.tsx';

/** One contract as its party holds it: its own number first, then everything the deal fixed. */
export function ContractDetailPage() {
  const { contractId = '' } = useParams();
  const contract = trpc.contracts.get.useQuery({ contractId });
  return (
    <QueryView query={contract} notFound={CONTRACT_NOT_FOUND}>
      {(data) => <ContractDetail contract={data} />}
    </QueryView>
  );
}

function ContractDetail({ contract }: { contract: ContractView }) {
  const names = useMasterNames(contract.commodityCode);
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 30_000 });
  const myName = me.data?.activeCompany?.name ?? 'Your company';
  const [seller, buyer] = contract.role === 'seller' ? [myName, contract.counterparty.name] : [contract.counterparty.name, myName];
  const quality = Object.entries(contract.quality);
  return (
    <Stack>
      <div className={styles.noPrint}>
        <Breadcrumbs items={[{ label: 'Contracts', to: '/contracts' }, { label: contract.number }]} />
      </div>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {contract.role === 'seller' ? 'Sale contract' : 'Purchase contract'}
          </Text>
          <Title order={2} ff="monospace" data-testid="contract-number">
            {contract.number}
          </Title>
          <Text size="sm" data-testid="counterparty-number">
            {contract.counterparty.name}’s number: <b style={{ fontFamily: 'monospace' }}>{contract.counterpartyNumber}</b>
          </Text>
        </Stack>
        <Group gap="xs">
          <ContractStatusBadge status={contract.status} />
          {contract.role === 'buyer' && (
            <span className={styles.noPrint}>
              <FileComplaintButton about={{ type: 'contract', id: contract.id, label: contract.number }} />
            </span>
          )}
          <Button variant="default" size="xs" onClick={() => window.print()} className={styles.noPrint}>
            Print
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="md" className={styles.sheet}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact label="Seller">{seller}</Fact>
          <Fact label="Buyer">{buyer}</Fact>
          <Fact label="Signed">{formatDateTime(contract.signedAt)}</Fact>
          <Fact label="Commodity">
            {contract.commodityName}
            {contract.varietyName ? ` · ${contract.varietyName}` : ''}
            {contract.lot ? ` · lot ${contract.lot.number} (${contract.lot.bales} bales)` : ''}
          </Fact>
          <Fact label="Quantity" testId="contract-quantity">
            {formatTradeQuantity(contract.quantity, contract.unit)}
            {contract.quantityTolerancePct !== '0' && Number(contract.quantityTolerancePct) > 0 && (
              <Text span size="xs" c="dimmed" display="block">
                ± {formatNumber(contract.quantityTolerancePct)} %: {formatNumber(contract.quantityMin)} to{' '}
                {formatTradeQuantity(contract.quantityMax, contract.unit)}
              </Text>
            )}
          </Fact>
          <Fact label="Price">{formatTradePrice(contract.price, contract.currency, contract.priceUnit)}</Fact>
          <Fact label="Value before taxes" testId="contract-value">
            {formatMoney(contract.value, contract.currency)}
          </Fact>
          <Fact label="Payment">
            {[
              contract.paymentTerm ? names.term(contract.paymentTerm) : null,
              contract.paymentDays !== null ? `${contract.paymentDays} days` : null,
            ]
              .filter(Boolean)
              .join(', ') || '—'}
          </Fact>
          <Fact label="Delivery at">
            {[contract.deliveryCity, contract.deliveryStateCode].filter(Boolean).join(', ') || '—'}
            {contract.deliveryTerm ? ` · ${names.term(contract.deliveryTerm)}` : ''}
          </Fact>
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" className={styles.sheet}>
          <Title order={4} mb="xs">
            Quality
          </Title>
          <QualityRangesTable ranges={quality} names={names} rangeHeader="Agreed range" empty="No quality ranges agreed." />
        </Paper>
        <Paper withBorder p="md" className={styles.sheet} data-testid="contract-deliveries">
          <Title order={4} mb="xs">
            Delivery schedule
          </Title>
          {contract.deliveries.length === 0 ? (
            <Text size="sm" c="dimmed">
              All at once.
            </Text>
          ) : (
            <DataTable headers={['#', 'From', 'To', { label: `Quantity (${TRADE_UNIT_LABELS[contract.unit].many})`, numeric: true }]}>
              {contract.deliveries.map((slot) => (
                <Table.Tr key={slot.seq}>
                  <Table.Td>{slot.seq}</Table.Td>
                  <Table.Td>{formatDate(slot.dueFrom)}</Table.Td>
                  <Table.Td>{formatDate(slot.dueTo)}</Table.Td>
                  <NumberCell>{formatNumber(slot.quantity)}</NumberCell>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </Paper>
      </SimpleGrid>
      {contract.commission && <Commission contract={contract} commission={contract.commission} />}
      <TermsText contract={contract} names={names} />
      <Group className={styles.noPrint} gap="md">
        <Anchor component={Link} to={`/negotiations/${contract.negotiationId}`} size="sm">
          The negotiation (version {contract.acceptedVersion} accepted)
        </Anchor>
        <Anchor component={Link} to={`/desk/offers/${contract.offerId}`} size="sm">
          The offer
        </Anchor>
      </Group>
      <div className={styles.noPrint}>
        <ContractDeliveriesPanel contractId={contract.id} />
        <ContractInvoicesPanel contractId={contract.id} role={contract.role} />
        <DocumentConversation about={{ type: 'contract', id: contract.id }} />
      </div>
    </Stack>
  );
}

function Commission({ contract, commission }: { contract: ContractView; commission: NonNullable<ContractView['commission']> }) {
  return (
    <Paper withBorder p="md" className={styles.sheet} data-testid="contract-commission">
      <Title order={4} mb="xs">
        Brokerage
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Fact label="Broker">{commission.brokerName}</Fact>
        <Fact label="Rate">{commissionRate(commission, contract.currency)}</Fact>
        <Fact label="Total brokerage">{formatMoney(commission.amount, contract.currency)}</Fact>
        <Fact label="Your share" testId="commission-share">
          {formatMoney(commission.yourShare, contract.currency)}
        </Fact>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        Seller pays {formatNumber(commission.sellerSharePct)} % ({formatMoney(commission.sellerAmount, contract.currency)}), buyer the rest
        ({formatMoney(commission.buyerAmount, contract.currency)}).
      </Text>
    </Paper>
  );
}

function TermsText({ contract, names }: { contract: ContractView; names: MasterNames }) {
  return (
    <Paper withBorder p="md" className={styles.sheet} data-testid="contract-terms">
      <Title order={4} mb="xs">
        Terms of sale{contract.termsCode ? `: ${names.term(contract.termsCode)}` : ''}
      </Title>
      {contract.termsText ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {contract.termsText}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No standard terms were attached to this deal.
        </Text>
      )}
    </Paper>
  );
}
