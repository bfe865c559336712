import type { InvoiceStatus, PaymentMethod } from '@carebase/contracts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';

type Words = {
  invoice: string;
  draftTitle: string;
  draftMark: string;
  voidMark: string;
  voidedOn: (when: string, by: string | null) => string;
  reason: string;
  billTo: string;
  patientId: string;
  address: string;
  issuedOn: string;
  createdOn: string;
  status: string;
  payer: string;
  statuses: Record<InvoiceStatus, string>;
  code: string;
  description: string;
  qty: string;
  unitPrice: string;
  discount: string;
  taxRate: string;
  amount: string;
  noLines: string;
  subtotal: string;
  discounts: string;
  invoiceDiscount: (name: string) => string;
  tax: string;
  taxOn: (rate: string, base: string) => string;
  total: string;
  payerPart: (name: string) => string;
  patientPart: string;
  paid: string;
  refunded: string;
  balanceDue: string;
  payments: string;
  noPayments: string;
  date: string;
  receiptNo: string;
  method: string;
  creditNotes: string;
  creditNoteNo: string;
  notes: string;
  methods: Record<PaymentMethod, string>;
  receipt: string;
  receivedOn: string;
  receivedBy: string;
  patient: string;
  card: (last4: string) => string;
  reference: string;
  tendered: string;
  change: string;
  amountPaid: string;
  settled: string;
  applied: string;
  balanceAfter: string;
  heldOnAccount: string;
  advance: string;
  thanks: string;
};

export const BILLING_PDF_WORDS: Record<PdfLanguage, Words> = {
  en: {
    invoice: 'Invoice',
    draftTitle: 'Draft invoice — not valid for payment',
    draftMark: 'DRAFT',
    voidMark: 'VOID',
    voidedOn: (when, by) => `Voided on ${when}${by ? ` by ${by}` : ''}`,
    reason: 'Reason',
    billTo: 'Bill to',
    patientId: 'Patient ID',
    address: 'Address',
    issuedOn: 'Date of issue',
    createdOn: 'Drafted on',
    status: 'Status',
    payer: 'Payer',
    statuses: {
      draft: 'Draft',
      issued: 'Issued',
      partially_paid: 'Partially paid',
      paid: 'Paid',
      void: 'Void',
    },
    code: 'Code',
    description: 'Description',
    qty: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    taxRate: 'Tax',
    amount: 'Amount',
    noLines: 'No lines.',
    subtotal: 'Subtotal',
    discounts: 'Discounts',
    invoiceDiscount: (name) => `Invoice discount: ${name}`,
    tax: 'Tax',
    taxOn: (rate, base) => `Tax ${rate} on ${base}`,
    total: 'Total',
    payerPart: (name) => `Covered by ${name}`,
    patientPart: 'Patient part',
    paid: 'Paid',
    refunded: 'Refunded',
    balanceDue: 'Balance due',
    payments: 'Payments',
    noPayments: 'No payments yet.',
    date: 'Date',
    receiptNo: 'Receipt',
    method: 'Method',
    creditNotes: 'Credit notes',
    creditNoteNo: 'Credit note',
    notes: 'Notes',
    methods: {
      cash: 'Cash',
      card: 'Card',
      bank_transfer: 'Bank transfer',
      e_wallet: 'E-wallet',
      insurance: 'Insurance',
      other: 'Other',
    },
    receipt: 'Receipt',
    receivedOn: 'Received on',
    receivedBy: 'Received by',
    patient: 'Patient',
    card: (last4) => `Card ending ${last4}`,
    reference: 'Reference',
    tendered: 'Tendered',
    change: 'Change',
    amountPaid: 'Amount paid',
    settled: 'Invoices settled',
    applied: 'Applied',
    balanceAfter: 'Balance after',
    heldOnAccount: 'Held on account',
    advance: 'Advance payment held on the patient account.',
    thanks: 'Thank you.',
  },
  es: {
    invoice: 'Factura',
    draftTitle: 'Borrador de factura — no válido para pago',
    draftMark: 'BORRADOR',
    voidMark: 'ANULADA',
    voidedOn: (when, by) => `Anulada el ${when}${by ? ` por ${by}` : ''}`,
    reason: 'Motivo',
    billTo: 'Facturar a',
    patientId: 'Identificación',
    address: 'Dirección',
    issuedOn: 'Fecha de emisión',
    createdOn: 'Borrador del',
    status: 'Estado',
    payer: 'Pagador',
    statuses: {
      draft: 'Borrador',
      issued: 'Emitida',
      partially_paid: 'Pagada en parte',
      paid: 'Pagada',
      void: 'Anulada',
    },
    code: 'Código',
    description: 'Descripción',
    qty: 'Cant.',
    unitPrice: 'Precio unit.',
    discount: 'Descuento',
    taxRate: 'Impuesto',
    amount: 'Importe',
    noLines: 'Sin líneas.',
    subtotal: 'Subtotal',
    discounts: 'Descuentos',
    invoiceDiscount: (name) => `Descuento en factura: ${name}`,
    tax: 'Impuesto',
    taxOn: (rate, base) => `Impuesto ${rate} sobre ${base}`,
    total: 'Total',
    payerPart: (name) => `Cubierto por ${name}`,
    patientPart: 'Parte del paciente',
    paid: 'Pagado',
    refunded: 'Reembolsado',
    balanceDue: 'Saldo pendiente',
    payments: 'Pagos',
    noPayments: 'Aún sin pagos.',
    date: 'Fecha',
    receiptNo: 'Recibo',
    method: 'Forma de pago',
    creditNotes: 'Notas de crédito',
    creditNoteNo: 'Nota de crédito',
    notes: 'Observaciones',
    methods: {
      cash: 'Efectivo',
      card: 'Tarjeta',
      bank_transfer: 'Transferencia',
      e_wallet: 'Billetera electrónica',
      insurance: 'Seguro',
      other: 'Otro',
    },
    receipt: 'Recibo',
    receivedOn: 'Recibido el',
    receivedBy: 'Recibido por',
    patient: 'Paciente',
    card: (last4) => `Tarjeta terminada en ${last4}`,
    reference: 'Referencia',
    tendered: 'Entregado',
    change: 'Cambio',
    amountPaid: 'Importe pagado',
    settled: 'Facturas saldadas',
    applied: 'Aplicado',
    balanceAfter: 'Saldo después',
    heldOnAccount: 'Saldo a favor en cuenta',
    advance: 'Pago anticipado a favor en la cuenta del paciente.',
    thanks: 'Gracias.',
  },
};
