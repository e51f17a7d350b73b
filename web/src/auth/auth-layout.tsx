import type { ReactNode } from 'react';
import { Anchor, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LogoMark } from '../components/icons.tsx';

/** The frame of the pages a person sees before signing in. */
export const AuthLayout = ({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) => (
  <Box component="main" mih="100vh" bg="gray.0" py={64} px="md">
    <Center>
      <Stack w="100%" maw={400} gap="lg">
        <Group gap={10} justify="center">
          <LogoMark size={32} />
          <Text fw={700} fz={22} lts={-0.3}>
            Lookout
          </Text>
        </Group>
        <Paper withBorder shadow="xs" p="xl" radius="md">
          <Stack gap={4} mb="lg">
            <Title order={1} fz={20}>
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" fz="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        {footer && (
          <Text fz="xs" c="dimmed" ta="center">
            {footer}
          </Text>
        )}
        <Text fz="xs" c="dimmed" ta="center">
          Social customer support, self-hosted.{' '}
          <Anchor href="/api/openapi.json" fz="xs" underline="always">
            API reference
          </Anchor>
        </Text>
      </Stack>
    </Center>
  </Box>
);
