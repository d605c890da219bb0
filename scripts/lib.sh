# Shared by the project's scripts: repository root, dependency install, local PostgreSQL.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Installs node_modules from the lock file when they are missing or older than the lock.
ensure_node_modules() {
  if [[ ! -f "$REPO/node_modules/.package-lock.json" || "$REPO/package-lock.json" -nt "$REPO/node_modules/.package-lock.json" ]]; then
    echo "Installing dependencies from package-lock.json..."
    (cd "$REPO" && npm ci --no-audit --no-fund)
  fi
}

# Starts the machine's PostgreSQL cluster when nothing answers on 127.0.0.1:5432.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return
  fi
  echo "Starting PostgreSQL..."
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return
    sleep 1
  done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  return 1
}

# Starts the local broker unless one is running, and stops it on exit only if this script started it.
start_kafka_for_this_script() {
  if ! "$REPO/scripts/kafka.sh" status >/dev/null 2>&1; then
    "$REPO/scripts/kafka.sh" start
    trap '"$REPO/scripts/kafka.sh" stop' EXIT
  fi
}
