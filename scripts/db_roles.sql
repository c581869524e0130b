-- Two database roles for Library Service Desk on PostgreSQL (README.md, "Two database roles").
-- The owner role owns the database and runs `manage.py migrate`; the app's role, which the
-- app servers connect as, reads and writes the app's tables but may only append to the
-- access record and read it, and owns nothing, so it can neither switch the access
-- record's triggers off nor change the tables.
--
-- Run as the owner after every `manage.py migrate` (it is idempotent):
--   psql "postgres://servicedesk@db.internal:5432/servicedesk" \
--        -v owner=servicedesk -v app=servicedesk_app -f scripts/db_roles.sql
\set ON_ERROR_STOP on

GRANT CONNECT ON DATABASE :"DBNAME" TO :"app";
GRANT USAGE ON SCHEMA public TO :"app";
-- Nobody but the owner creates anything (PostgreSQL 15 and later already ship it so).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Every table: read and write rows; never TRUNCATE, REFERENCES or TRIGGER.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
-- The same for the tables later migrations create (run this script after them all the same).
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- The access record: append and read, nothing else.
REVOKE ALL ON staff_accessrecord FROM :"app";
GRANT SELECT, INSERT ON staff_accessrecord TO :"app";
