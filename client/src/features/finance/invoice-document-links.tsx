import { Button, Group, Paper, Text, Title } from '@mantine/core';

/** The tax-invoice PDF and the e-invoice JSON (government INV-01 field names) for either party. */
export function InvoiceDocumentLinks({ invoiceId }: { invoiceId: string }) {
  return (
    <Paper withBorder p="lg" data-testid="invoice-documents">
      <Title order={5} mb="xs">
        Documents
      </Title>
      <Group>
        <Button size="sm" variant="default" component="a" href={`/documents/invoices/${invoiceId}.pdf`} target="_blank">
          Tax invoice PDF
        </Button>
        <Button size="sm" variant="default" component="a" href={`/documents/invoices/${invoiceId}.einvoice.json`} download>
          E-invoice JSON
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        The e-invoice JSON uses the government schema's field names. Its IRN and signed QR code come only from the government's Invoice
        Registration Portal, which Tradeloom cannot reach: upload the JSON there.
      </Text>
    </Paper>
  );
}
