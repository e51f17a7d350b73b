import { EmptyState } from '@mantine/core';
import { PageHeader } from '../components/page-header.tsx';
import type { NavItem } from '../shell/nav-items.ts';

/** The screen of a nav item whose feature has not landed yet. */
export const PlaceholderPage = ({ item }: { item: NavItem }) => {
  const Icon = item.icon;
  return (
    <>
      <PageHeader title={item.label} />
      <EmptyState
        icon={<Icon size={28} />}
        withIndicatorBackground
        title={item.placeholder?.title ?? item.label}
        description={item.placeholder?.description}
        py={64}
        maw={520}
        mx="auto"
      />
    </>
  );
};
