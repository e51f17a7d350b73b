import { Badge } from '@mantine/core';

/** The DRILL mark on anything a drill produced (an inbox row, a conversation, an incident). */
export const DrillTag = ({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) => (
  <Badge size={size} radius="sm" color="#9c3d00" variant="filled" tt="uppercase" style={{ flexShrink: 0, letterSpacing: 1 }} title="A fire drill: nothing here leaves Lookout" data-drill-tag="">
    Drill
  </Badge>
);
