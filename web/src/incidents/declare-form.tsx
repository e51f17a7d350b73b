import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router-dom';
import { ApiError, messageOf } from '../api/client.ts';
import { FormAlert } from '../components/form-alert.tsx';
import { useDeclareIncident } from './api.ts';

/** Declare an incident by hand: title, severity, an optional type (which brings its playbook) and match terms. */
export const DeclareIncidentModal = ({ opened, onClose }: { opened: boolean; onClose: () => void }) => {
  const declare = useDeclareIncident();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<number | string>(5);
  const [type, setType] = useState('');
  const [terms, setTerms] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fields : {};

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const matchTerms = terms.split(',').map((t) => t.trim()).filter(Boolean);
      const created = await declare.mutateAsync({
        title: title.trim(),
        severity: Number(severity),
        ...(type.trim() ? { type: type.trim().toLowerCase() } : {}),
        ...(matchTerms.length ? { matchTerms } : {}),
      });
      notifications.show({ message: 'Incident declared', color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' } });
      onClose();
      navigate(`/incidents/${created.incident.id}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Declare an incident" centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {error !== null && Object.keys(fields).length === 0 && <FormAlert message={messageOf(error)} />}
          <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fields.title} data-autofocus />
          <NumberInput label="Severity (1–10)" required min={1} max={10} value={severity} onChange={setSeverity} error={fields.severity} />
          <TextInput label="Type" description="outage, safety, billing … picks the playbook" value={type} onChange={(e) => setType(e.currentTarget.value)} error={fields.type} />
          <TextInput
            label="Match terms"
            description="Comma-separated; new mentions containing them attach themselves"
            value={terms}
            onChange={(e) => setTerms(e.currentTarget.value)}
            error={fields.matchTerms}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={declare.isPending} disabled={!title.trim()}>
              Declare
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
