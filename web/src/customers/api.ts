import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Customer360, CustomerMergeView, CustomerPage, CustomerPatch, DuplicateSuggestion, UndoMergeResult } from '@contracts';
import { api } from '../api/client.ts';
import { CONVERSATIONS_KEY } from '../inbox/index.ts';

/** Queries and changes of the customer screens. Every customer query lives under ['customers']. */

export const CUSTOMERS_KEY = ['customers'] as const;

/** The list, newest change first, searched by name, email or a linked handle, page after page. */
export const useCustomerList = (q: string) =>
  useInfiniteQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', q],
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams({ limit: '50' });
      if (q) p.set('q', q);
      if (pageParam) p.set('cursor', pageParam);
      return api.get<CustomerPage>(`/api/customers?${p}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });

/** Other customers to merge with, found by name, email or handle (the merge dialog's search). */
export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: [...CUSTOMERS_KEY, 'search', q],
    queryFn: () => api.get<CustomerPage>(`/api/customers?${new URLSearchParams({ q, limit: '10' })}`),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });

export const useCustomer = (id: string) => useQuery({ queryKey: [...CUSTOMERS_KEY, 'one', id], queryFn: () => api.get<Customer360>(`/api/customers/${id}`) });
export const useSuggestions = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...CUSTOMERS_KEY, 'suggestions', id], queryFn: () => api.get<DuplicateSuggestion[]>(`/api/customers/${id}/suggestions`), enabled });
export const useMergeHistory = (id: string) => useQuery({ queryKey: [...CUSTOMERS_KEY, 'merges', id], queryFn: () => api.get<CustomerMergeView[]>(`/api/customers/${id}/merges`) });

/** A change to customers: everything about customers refreshes, and conversations (their customer may have moved). */
const useCustomerChange = <V, R>(fn: (v: V) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }), qc.invalidateQueries({ queryKey: CONVERSATIONS_KEY }), qc.invalidateQueries({ queryKey: ['audit'] })]);
    },
  });
};

export const useUpdateCustomer = (id: string) => useCustomerChange((patch: CustomerPatch) => api.patch<Customer360>(`/api/customers/${id}`, patch));

/** Merges `otherId` into `survivorId`; the other customer's identities and conversations move to the survivor. */
export const useMergeCustomers = () =>
  useCustomerChange((v: { survivorId: string; otherId: string; reason: string; confidence?: number }) =>
    api.post<CustomerMergeView>(`/api/customers/${v.survivorId}/merge`, { otherId: v.otherId, reason: v.reason, ...(v.confidence !== undefined ? { confidence: v.confidence } : {}) }),
  );

/** Undoes a merge (unmerge) or a split (relink), as the merge history lists them. */
export const useUndoMerge = () => useCustomerChange((mergeId: string) => api.post<UndoMergeResult>(`/api/customer-merges/${mergeId}/undo`));

export const useUnlinkIdentity = (customerId: string) =>
  useCustomerChange((v: { identityId: string; reason?: string }) =>
    api.post<{ newCustomerId: string }>(`/api/customers/${customerId}/identities/${v.identityId}/unlink`, v.reason ? { reason: v.reason } : {}),
  );
