#!/usr/bin/env bash
# Installs an Engraver bundle (made by tools/package) on Debian:
#
#   sudo deploy/install.sh [--bundle DIR] [--prefix DIR] [--no-systemd] [--no-user] [--api-user ID]
#
#   --bundle DIR   the bundle to install (default: the folder above this script)
#   --prefix DIR   the root everything goes under (default /); every installed path (unit, settings, CLI
#                  wrapper) then points into DIR, so a prefix install is a working station of its own
#   --no-systemd   writes the unit file but does not call systemctl (tests, containers)
#   --no-user      does not create the system user engraver nor change its groups (with a prefix other
#                  than / the user is never touched: /etc/passwd is not the prefix's)
#   --api-user ID  the API user made with the first key (default supervisor, role Supervisor)
#
# What it does, each step only when something is missing or different (a second run changes nothing):
#   - the system user and group engraver (home /var/lib/engraver, no login shell), added to those of the
#     groups dialout (serial ports), gpio (GPIO chips), video (cameras), i2c and plugdev that exist here;
#   - PREFIX/opt/engraver: the bundle, owned by root, read-only to engraver;
#   - PREFIX/var/lib/engraver: the data folder (records, evidence, keys/, checkpoints, logs/), 0750 engraver;
#   - PREFIX/var/lib/engraver/recipes: the recipe files, 2770 engraver:engraver (whoever commissions recipes is
#     put in the group engraver), with the bundle's recipes/default.json when it holds no default.json yet (a
#     commissioned default.json is never replaced);
#   - PREFIX/etc/engraver: 0750 root:engraver, with engraver.env (0640: the data folder and the first API
#     user) and that user's key file (0600, root's; give it to the person), both made once and never replaced;
#   - PREFIX/etc/systemd/system/engraver.service and PREFIX/usr/local/bin/engraver (the command line with the
#     installed settings); then systemctl daemon-reload and enable --now (a restart when an update changed the
#     programs or the unit), unless --no-systemd.
set -euo pipefail
umask 022

bundle=""
prefix=/
systemd=true
user_setup=true
api_user=supervisor
usage() { echo "usage: deploy/install.sh [--bundle DIR] [--prefix DIR] [--no-systemd] [--no-user] [--api-user ID]"; }
refuse() { echo "install: $*" >&2; usage >&2; exit 2; }
arguments=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) [ $# -ge 2 ] || refuse "--bundle needs a folder"; bundle=$2; shift ;;
    --prefix) [ $# -ge 2 ] || refuse "--prefix needs a folder"; prefix=$2; shift ;;
    --no-systemd) systemd=false ;;
    --no-user) user_setup=false ;;
    --api-user) [ $# -ge 2 ] || refuse "--api-user needs an id"; api_user=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) refuse "unknown option $1" ;;
  esac
  shift
done

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bundle=$(cd "${bundle:-$script_dir/..}" 2>/dev/null && pwd) || refuse "--bundle ${bundle}: no such folder"
[ -f "$bundle/engraver-service.dll" ] && [ -f "$bundle/engraver.dll" ] && [ -f "$bundle/deploy/engraver.service" ] ||
  refuse "--bundle $bundle: not an Engraver bundle (no engraver-service.dll, engraver.dll or deploy/engraver.service; make one with tools/package)"
[[ "$api_user" =~ ^[A-Za-z0-9_.@-]{1,64}$ ]] || refuse "--api-user $api_user: 1-64 letters, digits, '.', '_', '@' or '-'"
mkdir -p "$prefix" 2>/dev/null || refuse "--prefix $prefix: cannot be made"
prefix=$(cd "$prefix" && pwd)
root=""
[ "$prefix" = / ] || root=$prefix

if [ "$(id -u)" -ne 0 ] && [ -z "$root" ]; then
  quoted=""
  [ ${#arguments[@]} -eq 0 ] || quoted=$(printf ' %q' "${arguments[@]}")
  echo "install: installing under / needs root; run: sudo $script_dir/install.sh$quoted" >&2
  exit 1
fi
as_root=false
[ "$(id -u)" -eq 0 ] && as_root=true

opt=$root/opt/engraver
data=$root/var/lib/engraver
etc=$root/etc/engraver
unit=$root/etc/systemd/system/engraver.service
wrapper=$root/usr/local/bin/engraver
changes=0
say() { echo "install: $*"; }
changed() { changes=$((changes + 1)); say "$*"; }

# --- the user and its groups -------------------------------------------------------------------------
owner_ok=false
if [ -n "$root" ]; then
  say "prefix $prefix: the system user engraver is neither made nor changed; files stay owned by $(id -un)"
elif ! $user_setup; then
  say "--no-user: the system user engraver is neither made nor changed"
  getent passwd engraver >/dev/null && owner_ok=true
else
  if ! getent passwd engraver >/dev/null; then
    useradd --system --home-dir /var/lib/engraver --no-create-home --shell /usr/sbin/nologin --user-group engraver
    changed "made the system user engraver"
  fi
  owner_ok=true
  for group in dialout gpio video i2c plugdev; do
    if ! getent group "$group" >/dev/null; then
      say "no group $group on this machine: skipped"
    elif id -nG engraver | tr ' ' '\n' | grep -qx "$group"; then
      :
    else
      usermod -aG "$group" engraver
      changed "engraver joined the group $group"
    fi
  done
fi
$as_root || owner_ok=false

# A folder with its mode (and, as root with the user there, its owner); said only when something changed.
folder() { # folder PATH MODE OWNER:GROUP
  local path=$1 mode=$2 owner=$3 before=""
  [ -d "$path" ] && before=$(stat -c '%a %U:%G' "$path")
  mkdir -p "$path"
  chmod "$mode" "$path"
  if $owner_ok; then chown "$owner" "$path"; fi
  [ "$(stat -c '%a %U:%G' "$path")" = "$before" ] || changed "folder $path ($(stat -c '%a %U:%G' "$path"))"
}
# A file from SOURCE with MODE, replaced only when its content or mode differs.
put_file() { # file SOURCE TARGET MODE
  local source=$1 target=$2 mode=$3
  if [ -f "$target" ] && cmp -s "$source" "$target" && [ "$(stat -c '%a' "$target")" = "$mode" ]; then
    return 1
  fi
  mkdir -p "$(dirname "$target")"
  install -m "$mode" "$source" "$target"
}

# --- the programs ------------------------------------------------------------------------------------
folder "$opt" 755 root:root
copied=0
while IFS= read -r -d '' source; do
  relative=${source#"$bundle/"}
  mode=644
  [ -x "$source" ] && mode=755
  if [ -d "$source" ]; then
    [ -d "$opt/$relative" ] || { mkdir -p "$opt/$relative"; chmod 755 "$opt/$relative"; copied=$((copied + 1)); }
  elif put_file "$source" "$opt/$relative" "$mode"; then
    copied=$((copied + 1))
  fi
done < <(find "$bundle" -mindepth 1 \( -type d -o -type f \) -print0 | sort -z)
[ "$copied" -eq 0 ] || changed "$copied file(s) and folder(s) of the bundle into $opt"
if $owner_ok && [ -n "$(find "$opt" ! -user root -print -quit)" ]; then
  chown -R root:root "$opt"
  changed "$opt owned by root"
fi

# --- the data folder and the settings ----------------------------------------------------------------
folder "$data" 750 engraver:engraver
folder "$etc" 750 root:engraver
# The recipes the service reads at start: the group engraver may write them (commissioning), nobody else reads them.
folder "$data/recipes" 2770 engraver:engraver
if [ -f "$bundle/recipes/default.json" ] && [ ! -e "$data/recipes/default.json" ]; then
  install -m 660 "$bundle/recipes/default.json" "$data/recipes/default.json"
  if $owner_ok; then chown engraver:engraver "$data/recipes/default.json"; fi
  changed "put the default recipe in $data/recipes/default.json"
fi

cli() {
  if [ -x "$opt/engraver" ]; then "$opt/engraver" "$@"; else dotnet "$opt/engraver.dll" "$@"; fi
}
env_file=$etc/engraver.env
key_file=$etc/api-$api_user.key
if [ -f "$env_file" ]; then
  grep -q '^ENGRAVER_Station__DataFolder=' "$env_file" ||
    say "$env_file names no data folder (ENGRAVER_Station__DataFolder); the service then uses data/ in its working directory"
else
  if [ -f "$key_file" ]; then
    hash=$(cli api hash-key --key-file "$key_file")
    say "hashed the existing key $key_file"
  else
    hash=$(cli api hash-key --new "$key_file")
    changed "made the API key of $api_user in $key_file (0600; give it to $api_user)"
  fi
  new_env=$(mktemp)
  trap 'rm -f "$new_env"' EXIT
  cat >"$new_env" <<EOF
# Engraver station settings: KEY=VALUE lines, ENGRAVER_ then the key with __ for ':' (README, "Configuration keys").
# Read by the unit (EnvironmentFile) and by $root/usr/local/bin/engraver. Made once by deploy/install.sh, never replaced.
ENGRAVER_Station__DataFolder=$data
ENGRAVER_Api__Users__0__Id=$api_user
ENGRAVER_Api__Users__0__Role=Supervisor
ENGRAVER_Api__Users__0__KeyHash=$hash
EOF
  install -m 640 "$new_env" "$env_file"
  if $owner_ok; then chown root:engraver "$env_file"; fi
  changed "wrote $env_file (data folder $data, API user $api_user)"
fi

# --- the unit and the command line -------------------------------------------------------------------
staged=$(mktemp -d)
trap 'rm -rf "$staged" "${new_env:-}"' EXIT
sed -e "s|/opt/engraver|$opt|g" -e "s|/var/lib/engraver|$data|g" -e "s|/etc/engraver|$etc|g" \
  "$bundle/deploy/engraver.service" >"$staged/engraver.service"
if put_file "$staged/engraver.service" "$unit" 644; then
  changed "wrote the unit $unit"
  unit_changed=true
else
  unit_changed=false
fi
cat >"$staged/engraver" <<EOF
#!/bin/sh
# The Engraver command line with the installed station's settings: the ENGRAVER_ lines of $env_file
# (readable by root and the group engraver: run it as engraver, e.g. sudo -u engraver engraver job list).
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "\$line" ]; do
    case "\$line" in ENGRAVER_*=*) export "\$line" ;; esac
  done <"$env_file"
fi
exec "$opt/engraver" "\$@"
EOF
put_file "$staged/engraver" "$wrapper" 755 && changed "wrote the command line $wrapper"

if $systemd; then
  if $unit_changed; then systemctl daemon-reload; fi
  if ! systemctl is-enabled --quiet engraver || ! systemctl is-active --quiet engraver; then
    systemctl enable --now engraver
    changed "enabled and started engraver (journalctl -u engraver -f)"
  elif [ "$copied" -gt 0 ] || $unit_changed; then
    # A running service still runs the programs it started with: an update takes effect on a restart.
    systemctl restart engraver
    changed "restarted engraver on the new programs"
  fi
else
  say "--no-systemd: systemctl not called"
fi

if [ "$changes" -eq 0 ]; then
  say "nothing to change: $opt, $data and $etc are as this bundle installs them"
else
  say "done ($changes change(s)); the station's data folder is $data, its record signing key is made at the first start in $data/keys (auditors need keys/records-signing.pub.pem)"
fi
