import { Center, Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/**
 * A page loaded on first visit: its code (and any library only it uses, e.g. charts) becomes its
 * own chunk, so the first screen downloads only what it shows. `load` is an `import()` of the
 * page's module and `name` its exported component:
 *
 *   const ReportsPage = lazyPage(() => import('../features/reports/reports-page.tsx'), 'ReportsPage');
 */
export function lazyPage<Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** What shows while a page's chunk downloads: the layout around it stays on screen. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}
