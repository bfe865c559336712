-- MRN numbers come from a sequence so concurrent registrations never draw the same one.
CREATE SEQUENCE IF NOT EXISTS "patient_mrn_seq" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 NO CYCLE;
