import {
  type CreateInvoice,
  type CreatePayment,
  DraftedInvoiceSchema,
  EmailedSchema,
  type GrantDiscount,
  type InvoiceLineInput,
  InvoicePageSchema,
  InvoiceSchema,
  type InvoiceStatus,
  PatientAccountSchema,
  PaymentListSchema,
  type PaymentMethod,
  PaymentSchema,
  RefundSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type InvoiceFilter = {
  status?: InvoiceStatus | undefined;
  patientId?: string | undefined;
  providerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  unpaid?: 'true' | undefined;
  page?: number;
  pageSize?: number;
};
export type PaymentFilter = { patientId?: string; invoiceId?: string; from?: string; to?: string };

/** Under queryKeys.billing, so that billing.changed refreshes every invoice, payment and statement. */
export const invoiceKeys = {
  list: (filter: InvoiceFilter) => [...queryKeys.billing, 'invoices', 'list', filter] as const,
  detail: (id: string) => [...queryKeys.billing, 'invoices', 'detail', id] as const,
  payments: (filter: PaymentFilter) => [...queryKeys.billing, 'payments', filter] as const,
  account: (patientId: string) => [...queryKeys.billing, 'account', patientId] as const,
};

const OkSchema = z.unknown();

export function useInvoices(filter: InvoiceFilter, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.list(filter),
    queryFn: ({ signal }) => api.get('/api/invoices', InvoicePageSchema, { query: filter, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvoice(id: string | null) {
  return useQuery({
    queryKey: invoiceKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get(pathOf`/api/invoices/${id ?? ''}`, InvoiceSchema, { signal }),
    enabled: id !== null,
  });
}

export function usePayments(filter: PaymentFilter, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.payments(filter),
    queryFn: async ({ signal }) =>
      (await api.get('/api/payments', PaymentListSchema, { query: filter, signal })).items,
    enabled,
  });
}

export function usePatientAccount(patientId: string | null) {
  return useQuery({
    queryKey: invoiceKeys.account(patientId ?? ''),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/payments/accounts/${patientId ?? ''}`, PatientAccountSchema, { signal }),
    enabled: patientId !== null,
  });
}

/** billing.changed follows every change; without a live socket the billing queries are refreshed here. */
function useRefreshBilling() {
  const queryClient = useQueryClient();
  return () => refreshAfterChange(queryClient, [queryKeys.billing]);
}

export function useCreateInvoice() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: CreateInvoice) => api.post('/api/invoices', InvoiceSchema, body),
    onSuccess: refresh,
  });
}

export function useDraftFromVisit() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: { visitId: string } | { appointmentId: string }) =>
      api.post('/api/invoices/from-visit', DraftedInvoiceSchema, body),
    onSuccess: refresh,
  });
}

export type DraftPatch = {
  lines?: InvoiceLineInput[];
  discount?: GrantDiscount | null;
  notes?: string | null;
};

export function useUpdateInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DraftPatch }) =>
      api.patch(pathOf`/api/invoices/${id}`, InvoiceSchema, patch),
    // The editor shows the server's totals at once, without waiting for the event.
    onSuccess: (invoice) => queryClient.setQueryData(invoiceKeys.detail(invoice.id), invoice),
  });
}

export function useIssueInvoice() {
  const queryClient = useQueryClient();
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/invoices/${id}/issue`, InvoiceSchema, {}),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKeys.detail(invoice.id), invoice);
      refresh();
    },
  });
}

export function useVoidInvoice() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post(pathOf`/api/invoices/${id}/void`, InvoiceSchema, { reason }),
    onSuccess: refresh,
  });
}

export function useDiscardInvoice() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (id: string) => api.delete(pathOf`/api/invoices/${id}`, OkSchema),
    onSuccess: refresh,
  });
}

export function useTakePayment() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: CreatePayment) => api.post('/api/payments', PaymentSchema, body),
    onSuccess: refresh,
  });
}

export function useApplyCredit() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: { invoiceId: string; amountMinor: number }) =>
      api.post('/api/payments/apply-credit', OkSchema, body),
    onSuccess: refresh,
  });
}

export function useRefund() {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: {
      invoiceId: string;
      amountMinor: number;
      method: PaymentMethod;
      reason: string;
      reference?: string;
    }) => api.post('/api/payments/refunds', RefundSchema, body),
    onSuccess: refresh,
  });
}

/** Queues the PDF to the patient's email through the outbox (409 when the patient has no email). */
export function useEmailDocument() {
  return useMutation({
    mutationFn: (target: { invoiceId: string } | { paymentId: string }) =>
      'invoiceId' in target
        ? api.post(pathOf`/api/invoices/${target.invoiceId}/email`, EmailedSchema, {})
        : api.post(pathOf`/api/payments/${target.paymentId}/email`, EmailedSchema, {}),
  });
}

/** Printed in the reader's language when the server has it (English or Spanish), else the clinic's. */
const langOf = (language: string) => (language.startsWith('es') ? 'es' : 'en');
export const invoicePdfUrl = (id: string, language: string) =>
  `${pathOf`/api/invoices/${id}/pdf`}?lang=${langOf(language)}`;
export const receiptPdfUrl = (id: string, format: 'a4' | '80mm', language: string) =>
  `${pathOf`/api/payments/${id}/receipt.pdf`}?format=${format}&lang=${langOf(language)}`;
