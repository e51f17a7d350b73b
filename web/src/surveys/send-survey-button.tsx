import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SurveyView } from '@contracts';
import { api, messageOf } from '../api/client.ts';
import { SURVEYS_KEY } from './api.ts';

/** "Ask how it went": sends a CSAT or NPS check-in to the conversation's customer now, through the outbox. */
export const SendSurveyButton = ({ conversationId }: { conversationId: string }) => {
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: (kind: 'csat' | 'nps') => api.post<SurveyView>(`/api/conversations/${conversationId}/surveys`, { kind }),
    onSuccess: async () => {
      notifications.show({ message: 'Check-in queued', color: 'teal' });
      await qc.invalidateQueries({ queryKey: SURVEYS_KEY });
    },
    onError: (err) => notifications.show({ title: 'Not sent', message: messageOf(err), color: 'red' }),
  });
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="xs" loading={send.isPending}>
          Ask how it went
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => send.mutate('csat')}>Satisfaction (CSAT 1–5)</Menu.Item>
        <Menu.Item onClick={() => send.mutate('nps')}>Recommendation (NPS 0–10)</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
};
