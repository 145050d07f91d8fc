# Shared by tools/test (and anything else that needs a PostgreSQL server for a while): a throwaway
# PostgreSQL cluster in a temp folder, owned by a non-root user, on a free localhost port with its
# unix socket in the same folder and trust authentication (local test use only). Needs prerequisites.sh.

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_postgres() {
  local bin; bin=$(pg_bin_dir)
  if [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then return; fi
  apt_install postgresql
  bin=$(pg_bin_dir)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || die "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin after installing postgresql."
}

# initdb and the server refuse to run as root: as root, run them as the postgres user.
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_local_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    tries=$((tries + 1))
  done
  die "no free localhost port found for the test PostgreSQL server"
}

# Starts the cluster and exports ENGRAVER_TEST_POSTGRES (a connection string to its postgres database,
# as a user that may create databases). Call stop_test_postgres when done (from an EXIT trap).
# When ENGRAVER_TEST_POSTGRES is already set, that server is used and nothing is started.
start_test_postgres() {
  if [ -n "${ENGRAVER_TEST_POSTGRES:-}" ]; then
    echo "PostgreSQL tests use the server in ENGRAVER_TEST_POSTGRES."
    return
  fi
  ensure_postgres
  local bin port; bin=$(pg_bin_dir); port=$(free_local_port)
  pg_test_dir=$(mktemp -d "${TMPDIR:-/tmp}/engraver-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "the postgres user does not exist; reinstall with: apt-get install -y postgresql"
    chown postgres: "$pg_test_dir"
  fi
  chmod 700 "$pg_test_dir"
  pg_run "$bin/initdb" -D "$pg_test_dir/data" -U engraver -A trust -E UTF8 --locale=C >"$pg_test_dir/initdb.log" 2>&1 \
    || { cat "$pg_test_dir/initdb.log" >&2; die "initdb failed for the test PostgreSQL cluster"; }
  # fsync off: a throwaway cluster needs no crash safety, and the tests create many databases.
  pg_run "$bin/pg_ctl" -D "$pg_test_dir/data" -l "$pg_test_dir/server.log" -w -t 60 \
    -o "-p $port -k $pg_test_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_test_dir/server.log" >&2; die "the test PostgreSQL server did not start"; }
  pg_test_bin=$bin
  export ENGRAVER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=engraver;Database=postgres"
  echo "Test PostgreSQL server on 127.0.0.1:$port (data in $pg_test_dir)."
}

stop_test_postgres() {
  if [ -n "${pg_test_dir:-}" ] && [ -d "$pg_test_dir" ]; then
    pg_run "$pg_test_bin/pg_ctl" -D "$pg_test_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_test_dir"
    pg_test_dir=""
  fi
}
