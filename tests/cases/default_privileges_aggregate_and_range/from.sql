CREATE SCHEMA reporting;
CREATE TABLE reporting.visit (visit_id int PRIMARY KEY, seconds int NOT NULL);
