import { useEffect } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { SESSION_KEY, signIn, useSession } from '../api/session.ts';
import { rules, useForm } from '../forms/use-form.ts';
import { AuthLayout } from './auth-layout.tsx';

/** Only same-site paths: a crafted ?next= must not send someone elsewhere. */
const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export const SignInPage = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const session = useSession();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = 'Sign in · Lookout';
  }, []);

  const form = useForm({
    initial: { email: '', password: '', workspace: '' },
    validate: (v) => ({ email: rules.email(v.email), password: rules.required(v.password, 'Password') }),
    submit: (v) => signIn({ email: v.email.trim(), password: v.password, ...(v.workspace.trim() ? { workspace: v.workspace.trim() } : {}) }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
      navigate(next, { replace: true });
    },
    // The server does not say which of the two was wrong, on purpose; the message sits under the password.
    mapError: (err) => (err.code === 'UNAUTHENTICATED' ? { password: err.message } : err.code === 'RATE_LIMITED' ? { password: err.message } : null),
  });

  if (session.data) return <Navigate to={next} replace />;
  const needsWorkspace = Boolean(form.errors.workspace) || Boolean(form.values.workspace);

  return (
    <AuthLayout title="Sign in" subtitle="Use the email and password your admin gave you.">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-label="Sign in">
        <Stack gap="sm">
          {form.formError && (
            <Alert color="red" variant="light" role="alert">
              {form.formError}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="username" autoFocus required {...form.text('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.text('password')} />
          {needsWorkspace && <TextInput label="Workspace" description="Your email is in several workspaces: which one?" {...form.text('workspace')} />}
          <Button type="submit" loading={form.submitting} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
};
