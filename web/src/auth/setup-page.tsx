import { useEffect } from 'react';
import { Alert, Button, Loader, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { SESSION_KEY, completeSetup, fetchSetupStatus } from '../api/session.ts';
import { MIN_PASSWORD_LENGTH, rules, useForm } from '../forms/use-form.ts';
import { AuthLayout } from './auth-layout.tsx';

/** First run: the one-time link printed by `lookout start` creates the workspace and its first admin. */
export const SetupPage = () => {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['setup'], queryFn: fetchSetupStatus, retry: false });

  useEffect(() => {
    document.title = 'Set up · Lookout';
  }, []);

  const form = useForm({
    initial: { workspaceName: '', name: '', email: '', password: '' },
    validate: (v) => ({
      workspaceName: rules.required(v.workspaceName, 'Workspace name') ?? rules.maxLength(v.workspaceName, 200, 'The name'),
      name: rules.required(v.name, 'Your name'),
      email: rules.email(v.email),
      password: rules.minLength(v.password, MIN_PASSWORD_LENGTH, 'The password'),
    }),
    submit: (v) => completeSetup({ token, workspaceName: v.workspaceName.trim(), name: v.name.trim(), email: v.email.trim(), password: v.password }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
      navigate('/', { replace: true });
    },
  });

  if (status.isPending) {
    return (
      <AuthLayout title="Set up Lookout">
        <Loader role="status" aria-label="Checking setup" />
      </AuthLayout>
    );
  }
  if (status.data && !status.data.needsSetup) {
    return (
      <AuthLayout title="Lookout is already set up" subtitle="Someone has already created the first admin for this server.">
        <Button component={Link} to="/sign-in" fullWidth>
          Go to sign in
        </Button>
      </AuthLayout>
    );
  }
  if (!token) {
    return (
      <AuthLayout title="Set up Lookout" subtitle="This page needs the one-time link that Lookout printed when it started.">
        <Alert color="yellow" variant="light">
          Open the link from the server&apos;s output (it ends in <code>/setup?token=…</code>), or create an admin with <code>lookout user create --admin</code>.
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Set up Lookout" subtitle="Name your workspace and create the first admin account.">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Set up Lookout">
        <Stack gap="sm">
          {form.formError && (
            <Alert color="red" variant="light" role="alert">
              {form.formError}
            </Alert>
          )}
          <TextInput label="Workspace name" description="Usually your company or brand" autoFocus required {...form.text('workspaceName')} />
          <TextInput label="Your name" autoComplete="name" required {...form.text('name')} />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.text('email')} />
          <PasswordInput label="Password" description={`At least ${MIN_PASSWORD_LENGTH} characters`} autoComplete="new-password" required {...form.text('password')} />
          <Button type="submit" loading={form.submitting} fullWidth mt="xs">
            Create workspace
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
};
