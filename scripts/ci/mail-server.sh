#!/usr/bin/env bash
# Start a throwaway Dovecot (IMAP) on loopback for the email connector's integration tests.
#
#   bash scripts/ci/mail-server.sh          install if missing, (re)write config, start or reload
#   bash scripts/ci/mail-server.sh stop     stop the instance this script started
#
# Idempotent: running it twice leaves one Dovecot running with the same settings. Nothing is
# written outside $LOOKOUT_MAIL_DIR (default /tmp/lookout-mail) except the Debian packages.
# The settings are printed and written to $LOOKOUT_MAIL_DIR/env, which the tests read:
#   LOOKOUT_TEST_IMAP_HOST / _PORT, LOOKOUT_TEST_SUPPORT_USER / _PASSWORD,
#   LOOKOUT_TEST_CUSTOMER_USER / _PASSWORD
# SMTP is not started here: the tests run an in-process smtp-server (see email/*.int.test.ts).
set -euo pipefail

MAIL_DIR="${LOOKOUT_MAIL_DIR:-/tmp/lookout-mail}"
IMAP_PORT="${LOOKOUT_TEST_IMAP_PORT:-10143}"
SUPPORT_USER="support@example.test"
SUPPORT_PASSWORD="support-pass"
CUSTOMER_USER="customer@example.test"
CUSTOMER_PASSWORD="customer-pass"
CONF="$MAIL_DIR/dovecot.conf"

log() { echo "mail-server: $*" >&2; }

install_dovecot() {
  if [ -x /usr/sbin/dovecot ] && [ -x /usr/bin/doveadm ] && [ -d /usr/lib/dovecot/modules ] \
    && [ -x /usr/lib/dovecot/imap ]; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "Dovecot is not installed and this is not root: run 'apt-get install -y dovecot-imapd' as root"
    exit 1
  fi
  log "installing dovecot-imapd"
  # Keep Debian's own dovecot service from starting on ports 143/993: we run our own instance.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=300 -y --no-install-recommends)
  if ! "${apt[@]}" install dovecot-core dovecot-imapd >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    "${apt[@]}" install dovecot-core dovecot-imapd >/dev/null
  fi
}

# Which unix user owns the mail files and runs the login processes.
pick_users() {
  if [ "$(id -u)" -eq 0 ]; then
    MAIL_UID="$(id -u nobody)"
    MAIL_GID="$(id -g nobody)"
    LOGIN_USER="dovenull"
    INTERNAL_USER="dovecot"
  else
    MAIL_UID="$(id -u)"
    MAIL_GID="$(id -g)"
    LOGIN_USER="$(id -un)"
    INTERNAL_USER="$(id -un)"
  fi
}

write_config() {
  mkdir -p "$MAIL_DIR/run" "$MAIL_DIR/state" "$MAIL_DIR/mail"
  chmod 755 "$MAIL_DIR" "$MAIL_DIR/mail"
  chown "$MAIL_UID:$MAIL_GID" "$MAIL_DIR/mail"
  # passwd-file: user:{scheme}password:uid:gid::home
  cat >"$MAIL_DIR/users.tmp" <<EOF
$SUPPORT_USER:{PLAIN}$SUPPORT_PASSWORD:$MAIL_UID:$MAIL_GID::$MAIL_DIR/mail/$SUPPORT_USER
$CUSTOMER_USER:{PLAIN}$CUSTOMER_PASSWORD:$MAIL_UID:$MAIL_GID::$MAIL_DIR/mail/$CUSTOMER_USER
EOF
  mv "$MAIL_DIR/users.tmp" "$MAIL_DIR/users"
  chmod 644 "$MAIL_DIR/users"
  cat >"$CONF.tmp" <<EOF
# Throwaway Dovecot for Lookout's tests, written by scripts/ci/mail-server.sh. Loopback only.
base_dir = $MAIL_DIR/run
state_dir = $MAIL_DIR/state
instance_name = lookout-test-mail
log_path = $MAIL_DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $LOGIN_USER
default_internal_user = $INTERNAL_USER
first_valid_uid = $MAIL_UID
last_valid_uid = $MAIL_UID
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_plugins =
# The tests open many short connections from one address, and try wrong passwords on purpose:
# no per-IP limit to speak of, no failure delay, no growing penalty.
mail_max_userip_connections = 200
auth_failure_delay = 0
protocol imap {
  imap_idle_notify_interval = 1 mins
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $MAIL_DIR/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $MAIL_DIR/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
EOF
  mv "$CONF.tmp" "$CONF"
}

is_running() {
  [ -f "$MAIL_DIR/run/master.pid" ] && kill -0 "$(cat "$MAIL_DIR/run/master.pid")" 2>/dev/null
}

wait_for_port() {
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "Dovecot did not open 127.0.0.1:$IMAP_PORT; its log follows"
  tail -n 30 "$MAIL_DIR/dovecot.log" >&2 || true
  exit 1
}

write_env() {
  cat >"$MAIL_DIR/env" <<EOF
LOOKOUT_TEST_IMAP_HOST=127.0.0.1
LOOKOUT_TEST_IMAP_PORT=$IMAP_PORT
LOOKOUT_TEST_SUPPORT_USER=$SUPPORT_USER
LOOKOUT_TEST_SUPPORT_PASSWORD=$SUPPORT_PASSWORD
LOOKOUT_TEST_CUSTOMER_USER=$CUSTOMER_USER
LOOKOUT_TEST_CUSTOMER_PASSWORD=$CUSTOMER_PASSWORD
EOF
  cat "$MAIL_DIR/env"
}

# Two test files may call this at once: one run at a time.
mkdir -p "$MAIL_DIR"
exec 9>"$MAIL_DIR/.lock"
flock -w 300 9 || { log "another mail-server.sh run holds $MAIL_DIR/.lock"; exit 1; }

if [ "${1:-start}" = "stop" ]; then
  if is_running; then
    pid="$(cat "$MAIL_DIR/run/master.pid")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "stopped"
  fi
  exit 0
fi

install_dovecot
pick_users
write_config
/usr/sbin/dovecot -c "$CONF" -n >/dev/null # fails loudly on a bad config
if is_running; then
  /usr/bin/doveadm -c "$CONF" reload </dev/null >>"$MAIL_DIR/startup.log" 2>&1 9>&-
  log "reloaded the running Dovecot (pid $(cat "$MAIL_DIR/run/master.pid"))"
else
  # The daemon must not keep this script's lock (fd 9) nor its caller's output pipes open: a
  # test runner reading those pipes would otherwise wait for Dovecot to exit.
  if ! /usr/sbin/dovecot -c "$CONF" </dev/null >>"$MAIL_DIR/startup.log" 2>&1 9>&-; then
    log "Dovecot did not start:"
    tail -n 20 "$MAIL_DIR/startup.log" "$MAIL_DIR/dovecot.log" >&2 || true
    exit 1
  fi
  log "started Dovecot on 127.0.0.1:$IMAP_PORT"
fi
wait_for_port
write_env
