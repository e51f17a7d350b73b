import { useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/client.ts';

/**
 * Form state for every console form: validate before sending, then show the server's
 * problem+json field errors next to their fields (inputs carry `name`, so the first invalid one
 * gets the focus) and anything else in a form-level alert.
 */
export type Errors<T> = Partial<Record<keyof T & string, string>>;

export interface FormOptions<T, R> {
  initial: T;
  validate?: (values: T) => Errors<T>;
  submit: (values: T) => Promise<R>;
  onSuccess?: (result: R, values: T) => void;
  /** Turn an API error into field errors the server did not point at (e.g. wrong password). */
  mapError?: (err: ApiError) => Errors<T> | null;
}

export const useForm = <T extends Record<string, unknown>, R = unknown>(opts: FormOptions<T, R>) => {
  const [values, setValues] = useState<T>(opts.initial);
  const [errors, setErrors] = useState<Errors<T>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirst = (errs: Errors<T>) => {
    const first = Object.keys(errs)[0];
    if (!first) return;
    // After React has rendered the error, so screen readers announce it with the field.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus());
  };

  const setField = <K extends keyof T & string>(name: K, value: T[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  };

  const onSubmit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    const clientErrors = Object.fromEntries(Object.entries(opts.validate?.(values) ?? {}).filter(([, m]) => m)) as Errors<T>;
    setErrors(clientErrors);
    setFormError(null);
    if (Object.keys(clientErrors).length) {
      focusFirst(clientErrors);
      return;
    }
    setSubmitting(true);
    try {
      const result = await opts.submit(values);
      opts.onSuccess?.(result, values);
    } catch (err) {
      const fieldErrs: Errors<T> = {};
      const known = new Set(Object.keys(opts.initial));
      const unplaced: string[] = [];
      if (err instanceof ApiError) {
        for (const [name, message] of Object.entries(err.fields)) {
          if (known.has(name)) fieldErrs[name as keyof T & string] = message;
          else unplaced.push(`${name}: ${message}`);
        }
        Object.assign(fieldErrs, opts.mapError?.(err) ?? {});
      }
      setErrors(fieldErrs);
      // Whatever no field shows goes to the form's alert, so no error is ever silent.
      if (!Object.keys(fieldErrs).length) setFormError(unplaced.length ? `${messageOf(err)} (${unplaced.join('; ')})` : messageOf(err));
      else if (unplaced.length) setFormError(unplaced.join('; '));
      focusFirst(fieldErrs);
    } finally {
      setSubmitting(false);
    }
  };

  /** Props for a Mantine TextInput / PasswordInput / Textarea. */
  const text = <K extends keyof T & string>(name: K) => ({
    name,
    value: String(values[name] ?? ''),
    error: errors[name],
    // Mantine sets aria-invalid on plain inputs but not inside PasswordInput: say it for all.
    'aria-invalid': errors[name] ? true : undefined,
    onChange: (e: { currentTarget: { value: string } }) => setField(name, e.currentTarget.value as T[K]),
  });

  /** Props for a Mantine Select / SegmentedControl / MultiSelect / NumberInput. */
  const pick = <K extends keyof T & string>(name: K) => ({
    name,
    value: values[name],
    error: errors[name],
    'aria-invalid': errors[name] ? true : undefined,
    onChange: (v: T[K]) => setField(name, v),
  });

  const reset = (next: T = opts.initial) => {
    setValues(next);
    setErrors({});
    setFormError(null);
  };

  return { values, errors, formError, submitting, formRef, setField, onSubmit, text, pick, reset };
};

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Small validators returning a message or undefined, to compose in `validate`. */
export const rules = {
  required: (v: unknown, label = 'This field') => (String(v ?? '').trim() ? undefined : `${label} is required`),
  email: (v: string) => (!v.trim() ? 'Email is required' : EMAIL_RE.test(v.trim()) ? undefined : 'Enter an email address like name@example.com'),
  minLength: (v: string, n: number, label = 'It') => (v.length >= n ? undefined : `${label} must be at least ${n} characters`),
  maxLength: (v: string, n: number, label = 'It') => (v.length <= n ? undefined : `${label} must be at most ${n} characters`),
};

/** The server's minimum (src/modules/access/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;
