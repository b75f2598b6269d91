import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { confirmTwoFactorInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { QrCode } from '../../components/qr-code.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

/** Set-up: a new key as a QR code and as text, active only once a code from the app is confirmed. */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const begin = trpc.twoFactor.beginEnrolment.useMutation();
  if (!begin.data) {
    return (
      <Stack gap="xs" align="flex-start">
        <Button onClick={() => begin.mutate()} loading={begin.isPending}>
          Set up two-factor sign-in
        </Button>
        {begin.error && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(begin.error)}
          </Text>
        )}
      </Stack>
    );
  }
  return <ConfirmEnrolment secret={begin.data.secret} uri={begin.data.uri} onEnabled={onEnabled} />;
}

function ConfirmEnrolment({ secret, uri, onEnabled }: { secret: string; uri: string; onEnabled: (codes: string[]) => void }) {
  const form = useZodForm(confirmTwoFactorInput, { defaultValues: { code: '' } });
  const confirm = trpc.twoFactor.confirmEnrolment.useMutation({
    onSuccess: (result) => onEnabled(result.recoveryCodes),
    onError: form.showServerError,
  });
  return (
    <Stack>
      <Text size="sm">Scan this code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).</Text>
      <Group align="flex-start" wrap="wrap">
        <QrCode value={uri} label="QR code for your authenticator app" />
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 180px' }}>
          <Text size="sm">Or type this key into the app:</Text>
          <Code data-testid="totp-secret" fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {secret}
          </Code>
        </Stack>
      </Group>
      <SchemaForm form={form} onSubmit={(input) => confirm.mutate(input)}>
        <TextInput
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <SubmitRow form={form} loading={confirm.isPending}>
          Turn on
        </SubmitRow>
      </SchemaForm>
    </Stack>
  );
}
