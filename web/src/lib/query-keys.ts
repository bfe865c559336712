/**
 * Every TanStack Query key of the app starts with one of these roots, so that an event or a mutation
 * can invalidate a whole family at once (`['users']` covers every users list).
 */
export const queryKeys = {
  me: ['me'],
  settings: ['settings'],
  publicSettings: ['settings', 'public'],
  mySettings: ['settings', 'me'],
  systemSettings: ['settings', 'system'],
  users: ['users'],
  roles: ['roles'],
  tokens: ['tokens'],
  audit: ['audit'],
  outbox: ['outbox'],
  jobs: ['jobs'],
  dental: ['dental'],
  certificates: ['certificates'],
  /** Patient records: search lists, duplicate checks and each record (`['patients', 'detail', id]`). */
  patients: ['patients'],
  /** Everything clinical about one patient hangs under `['chart', patientId, …]`. */
  chart: ['chart'],
  /** The signed-in clinician's draft notes, across patients. */
  unsignedNotes: ['unsignedNotes'],
  /** Files added lately for the signed-in clinician's patients. */
  recentDocuments: ['recentDocuments'],
  icd10: ['icd10'],
  appointments: ['appointments'],
  /** The live queue: every list of tickets, and the departments and providers it offers. */
  queue: ['queue'],
  /** The lists of tickets only: what a queue change makes stale (departments and providers stay). */
  queueLists: ['queue', 'list'],
  displays: ['displays'],
  /** Departments, rooms, services, providers, weekly hours, time off and working time. */
  schedules: ['schedules'],
  /** The billing price list: items, their history and doctors' shares. */
  priceList: ['priceList'],
  /** Billing data that billing.changed makes stale: discount kinds (and, later, invoices and payments). */
  billing: ['billing'],
  /** The backups list and each backup's detail, which backup.changed makes stale. */
  backups: ['backups'],
  /** Monitoring figures: instances, samples, database, application and activity (`['monitoring', part, …]`). */
  monitoring: ['monitoring'],
  /** Alerts (firing, history, the header's count) and their rules, which alert.changed makes stale. */
  alerts: ['alerts'],
  /** Imaging studies, their details, the chart's imaging and conflicts: what imaging.changed makes stale. */
  imaging: ['imaging'],
  /** DICOM peers, DIMSE activity and Orthanc links (settings of the archive, not studies). */
  imagingAdmin: ['imagingAdmin'],
} as const;

/** The parts of the monitoring dashboard, so that a new sample refreshes only the figures it changes. */
export const monitoringKeys = {
  instances: () => [...queryKeys.monitoring, 'instances'] as const,
  samples: () => [...queryKeys.monitoring, 'samples'] as const,
  database: () => [...queryKeys.monitoring, 'database'] as const,
  application: () => [...queryKeys.monitoring, 'application'] as const,
  activity: () => [...queryKeys.monitoring, 'activity'] as const,
};

/** The keys of one patient's record and chart, so that an event about that patient reaches exactly them. */
export const patientKeys = {
  lists: () => [...queryKeys.patients, 'list'] as const,
  duplicates: () => [...queryKeys.patients, 'duplicates'] as const,
  detail: (id: string) => [...queryKeys.patients, 'detail', id] as const,
  chart: (id: string) => [...queryKeys.chart, id] as const,
};

/** The imaging pages' keys: studies and patients' imaging under ['imaging'], the archive's settings apart. */
export const imagingKeys = {
  studies: (query: object) => [...queryKeys.imaging, 'studies', query] as const,
  study: (id: string) => [...queryKeys.imaging, 'study', id] as const,
  patient: (patientId: string) => [...queryKeys.imaging, 'patient', patientId] as const,
  conflicts: () => [...queryKeys.imaging, 'conflicts'] as const,
  instances: (seriesUid: string) => [...queryKeys.imaging, 'instances', seriesUid] as const,
  metadata: (instanceUid: string) => [...queryKeys.imaging, 'metadata', instanceUid] as const,
  peers: () => [...queryKeys.imagingAdmin, 'peers'] as const,
  activity: () => [...queryKeys.imagingAdmin, 'activity'] as const,
  orthanc: () => [...queryKeys.imagingAdmin, 'orthanc'] as const,
};
