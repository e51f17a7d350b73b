import { Badge, Button, EmptyState, Table, Text } from '@mantine/core';
import { useRevokeToken, useTokens } from '../api/resources.ts';
import type { Token } from '../api/types.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { formatAgo, formatDateTime } from '../components/format.ts';
import { LockIcon, PlusIcon } from '../components/icons.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { TableSkeleton } from '../components/table-skeleton.tsx';
import { useDialog } from '../components/use-dialog.ts';
import { TokenFormModal } from './token-form.tsx';

const statusOf = (t: Token): 'active' | 'revoked' | 'expired' =>
  t.revokedAt ? 'revoked' : t.expiresAt && new Date(t.expiresAt).getTime() < Date.now() ? 'expired' : 'active';

export const TokensPage = () => {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const dialog = useDialog();

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let integrations call the Lookout API with a role of their own."
        actions={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => dialog.open(true)}>
            Create token
          </Button>
        }
      />
      {tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : !tokens.data ? (
        <TableSkeleton columns={6} />
      ) : tokens.data.length === 0 ? (
        <EmptyState icon={<LockIcon size={26} />} withIndicatorBackground title="No API tokens" description="Create one for each integration, with the least role it needs." py="xl" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder highlightOnHover aria-label="API tokens">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Token</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((t) => {
                const status = statusOf(t);
                return (
                  <Table.Tr key={t.id} data-token={t.name}>
                    <Table.Td fw={500}>{t.name}</Table.Td>
                    <Table.Td>
                      <span className="mono">{t.prefix}…</span>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={t.role} size="sm" />
                    </Table.Td>
                    <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text fz="sm" c="dimmed">
                        {formatAgo(t.lastUsedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</Table.Td>
                    <Table.Td ta="right">
                      {status === 'active' ? (
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          aria-label={`Revoke token ${t.name}`}
                          title={`Revoke ${t.name}?`}
                          message="Anything using this token stops working at once. This cannot be undone."
                          confirmLabel="Revoke token"
                          successMessage={`Token ${t.name} was revoked`}
                          onConfirm={() => revoke.mutateAsync(t.id)}
                        >
                          Revoke
                        </ConfirmButton>
                      ) : (
                        <Badge color="gray" variant="outline" c="gray.8" size="sm" tt="none">
                          {status === 'revoked' ? 'Revoked' : 'Expired'}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TokenFormModal key={dialog.key} opened={dialog.opened} onClose={dialog.close} onExited={dialog.onExited} />
    </>
  );
};
