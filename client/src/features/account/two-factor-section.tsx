import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { disableTwoFactorInput, regenerateRecoveryCodesInput } from '@tradeloom/shared';
import { useState } from 'react';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { RecoveryCodesList } from './recovery-codes-list.tsx';
import { TwoFactorEnrolment } from './two-factor-enrolment.tsx';

const REQUIRED_BY = {
  company: 'Your company requires two-factor sign-in for its members.',
  operator: 'Platform operators must use two-factor sign-in.',
} as const;

/** The account page's two-factor part: set up, new recovery codes, turn off. */
export function TwoFactorSection() {
  const utils = trpc.useUtils();
  const status = trpc.twoFactor.status.useQuery();
  // Codes are in memory only while on screen: they come back from the server once.
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const changed = async (codes: string[] | null) => {
    setFreshCodes(codes);
    await Promise.all([utils.twoFactor.status.invalidate(), utils.auth.me.invalidate()]);
  };
  return (
    <Paper withBorder p="lg" id="two-factor">
      <Title order={4} mb="sm">
        Two-factor sign-in
      </Title>
      <QueryView query={status}>
        {(data) => (
          <Stack>
            {data.requiredBy && !data.enabled && (
              <Alert color="orange" role="alert">
                {REQUIRED_BY[data.requiredBy]} Set it up to continue.
              </Alert>
            )}
            {freshCodes && <RecoveryCodesList codes={freshCodes} onDone={() => setFreshCodes(null)} />}
            {data.enabled ? (
              <Enabled recoveryCodesLeft={data.recoveryCodesLeft} onCodes={changed} />
            ) : (
              <>
                <Text size="sm">After your password, sign-in asks for a code from an app on your phone.</Text>
                <TwoFactorEnrolment onEnabled={changed} />
              </>
            )}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function Enabled({ recoveryCodesLeft, onCodes }: { recoveryCodesLeft: number; onCodes: (codes: string[] | null) => Promise<void> }) {
  const [form, setForm] = useState<'regenerate' | 'disable' | null>(null);
  return (
    <Stack>
      <Group gap="xs">
        <Badge color="teal" miw="max-content">
          On
        </Badge>
        <Text size="sm">
          {recoveryCodesLeft} recovery {recoveryCodesLeft === 1 ? 'code' : 'codes'} left
        </Text>
      </Group>
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => setForm('regenerate')}>
          New recovery codes
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => setForm('disable')}>
          Turn off
        </Button>
      </Group>
      {form === 'regenerate' && <RegenerateForm onDone={(codes) => onCodes(codes).then(() => setForm(null))} />}
      {form === 'disable' && <DisableForm onDone={() => onCodes(null).then(() => setForm(null))} />}
    </Stack>
  );
}

function RegenerateForm({ onDone }: { onDone: (codes: string[]) => void }) {
  const form = useZodForm(regenerateRecoveryCodesInput, { defaultValues: { code: '' } });
  const regenerate = trpc.twoFactor.regenerateRecoveryCodes.useMutation({
    onSuccess: (result) => onDone(result.recoveryCodes),
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => regenerate.mutate(input)}>
      <CodeInput form={form} />
      <SubmitRow form={form} loading={regenerate.isPending}>
        Make new codes
      </SubmitRow>
    </SchemaForm>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const form = useZodForm(disableTwoFactorInput, { defaultValues: { password: '', code: '' } });
  const disable = trpc.twoFactor.disable.useMutation({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Two-factor sign-in is off.' });
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => disable.mutate(input)}>
      <PasswordInput label="Password" autoComplete="current-password" {...form.register('password')} error={form.messageOf('password')} />
      <CodeInput form={form} />
      <SubmitRow form={form} loading={disable.isPending}>
        Turn off two-factor
      </SubmitRow>
    </SchemaForm>
  );
}

/** The code box both forms share: either kind of code proves the second factor. */
function CodeInput({ form }: { form: { register: (name: 'code') => object; messageOf: (name: 'code') => string | undefined } }) {
  return (
    <TextInput
      label="Code from the app, or a recovery code"
      autoComplete="one-time-code"
      {...form.register('code')}
      error={form.messageOf('code')}
    />
  );
}
