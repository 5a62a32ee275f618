#!/usr/bin/env bash
# Run once by the postgres image on an empty data folder: one database and one role per gateway,
# each role's password from the federation's secrets (made by the bootstrap).
set -euo pipefail
for gw in nl-ncb nl-att-bkk th-cib; do
  name="liaison_${gw//-/_}"
  pass=$(tr -d '\n' < "/federation/secrets/db-$gw.pass")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v pass="$pass" <<'SQL'
create role :"name" login password :'pass';
create database :"name" owner :"name";
SQL
done
