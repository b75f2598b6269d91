import '@mantine/core/styles.css';
import { createTheme, MantineProvider, Text } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app/routes.tsx';
import { withSecondFactorGate } from './lib/second-factor.ts';
import { createTrpcClient, trpc } from './lib/trpc.ts';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, sans-serif',
  components: {
    // Document numbers (PO/2026-27/0042 …) are set in monospace everywhere: on a phone they must
    // never break mid-number; a narrow table scrolls instead (Badge is nowrap already).
    Text: Text.extend({ styles: (_theme, props) => (props.ff === 'monospace' ? { root: { whiteSpace: 'nowrap' } } : {}) }),
  },
});

function Root() {
  const [queryClient] = useState(() =>
    withSecondFactorGate(
      new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1 }, mutations: { retry: false } } }),
    ),
  );
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </MantineProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
