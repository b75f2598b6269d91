import { Alert, Button, Code, SimpleGrid, Stack, Text } from '@mantine/core';

/** Shown once after enrolment or regeneration: only hashes stay on the server. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Alert color="yellow" title="Save your recovery codes now" data-testid="recovery-codes">
      <Stack gap="sm">
        <Text size="sm">Each code signs you in once if you lose your phone. Keep them somewhere safe: they are not shown again.</Text>
        <SimpleGrid cols={2} spacing="xs">
          {codes.map((code) => (
            <Code key={code} data-testid="recovery-code" fz="sm">
              {code}
            </Code>
          ))}
        </SimpleGrid>
        <Button size="xs" variant="light" onClick={onDone} style={{ alignSelf: 'flex-start' }}>
          I have saved them
        </Button>
      </Stack>
    </Alert>
  );
}
