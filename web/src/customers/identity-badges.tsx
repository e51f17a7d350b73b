import { Badge, Group } from '@mantine/core';
import type { IdentitySummary } from '@contracts';
import { CHANNEL_COLORS, channelKindLabel } from '../inbox/index.ts';

/** A customer's handles, one badge per network, the channel named in words (colour is only a hint). */
export const IdentityBadges = ({ identities, max = 4 }: { identities: readonly IdentitySummary[]; max?: number }) => (
  <Group gap={4} wrap="wrap">
    {identities.slice(0, max).map((i) => (
      <Badge key={i.id} size="sm" radius="sm" variant="light" color={CHANNEL_COLORS[i.channelKind] ?? 'gray'} c="dark.7" tt="none" style={{ maxWidth: 220 }}>
        {channelKindLabel(i.channelKind)} · {i.channelKind === 'email' ? i.handle : `@${i.handle}`}
      </Badge>
    ))}
    {identities.length > max && (
      <Badge size="sm" radius="sm" variant="outline" color="gray" c="gray.8" tt="none">
        +{identities.length - max}
      </Badge>
    )}
  </Group>
);
