import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { messageOf } from '../api/client.ts';

/** A button that asks before doing something hard to undo, and reports the outcome. */
export const ConfirmButton = ({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  successMessage,
  ...buttonProps
}: {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  successMessage?: string;
} & ButtonProps & { 'aria-label'?: string }) => {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setOpened(false);
      if (successMessage) notifications.show({ message: successMessage, color: 'teal' });
    } catch (err) {
      notifications.show({ title: 'Not done', message: messageOf(err), color: 'red' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} size="sm">
        <Text fz="sm">{message}</Text>
        <Group justify="flex-end" mt="lg" gap="xs">
          <Button variant="default" onClick={() => setOpened(false)}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
};
