CREATE SCHEMA billing;
CREATE EXTENSION vector;
CREATE SEQUENCE billing.invoice_no START 1000;
CREATE VIEW billing.open_invoices AS SELECT 1 AS id;
CREATE MATERIALIZED VIEW billing.invoice_totals AS SELECT 1 AS total;
