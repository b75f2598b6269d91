import { Button } from '@mantine/core';

/** The lists the server exports (server/src/app.ts registers the same names). */
export type ExportList = 'orders' | 'catalog' | 'partners' | 'work-orders' | 'audit' | 'tenders' | 'tender-comparison';

/**
 * Downloads the list as CSV with the filters the screen is showing: the same filter object the
 * list query receives, sent as JSON like a tRPC GET, so the file always follows the screen.
 */
export function ExportCsvButton({ list, filters }: { list: ExportList; filters: object }) {
  const href = `/exports/${list}.csv?input=${encodeURIComponent(JSON.stringify(filters))}`;
  return (
    <Button component="a" href={href} download variant="default" size="sm">
      Export CSV
    </Button>
  );
}
