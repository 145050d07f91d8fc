# Shared by tools/demo and tools/test: install what the station software needs on Debian,
# as root, or stop with the exact command to run.

die() { echo "error: $*" >&2; exit 1; }

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is not on PATH; install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and try again."
  dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is needed; 'dotnet --list-sdks' shows: $(dotnet --list-sdks | tr '\n' ' ')"
}

apt_updated=""
apt_install() {
  local missing=("$@")
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian packages: ${missing[*]}. Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  if [ -z "$apt_updated" ]; then
    echo "Installing ${missing[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# OpenCV's official Linux runtime links against GTK 3 (named libgtk-3-0t64 from Debian 13 on).
ensure_opencv_runtime() {
  if is_installed libgtk-3-0 || is_installed libgtk-3-0t64; then return; fi
  if apt-cache show libgtk-3-0t64 >/dev/null 2>&1; then apt_install libgtk-3-0t64; else apt_install libgtk-3-0; fi
}

# The console panel's end-to-end test drives it in a real terminal: tmux.
ensure_tmux() {
  if command -v tmux >/dev/null 2>&1; then return; fi
  apt_install tmux
}

# PowerShell, to parse deploy/install.ps1 on a machine without Windows: the PowerShell .NET tool, installed once
# into .tools/ of the checkout (NuGet, no root needed). Prints the pwsh to run.
ensure_pwsh() {
  if command -v pwsh >/dev/null 2>&1; then command -v pwsh; return; fi
  local folder=.tools/pwsh
  if [ ! -x "$folder/pwsh" ]; then
    echo "installing PowerShell 7.6.9 (dotnet tool) into $folder to check deploy/install.ps1" >&2
    dotnet tool install PowerShell --version 7.6.9 --tool-path "$folder" >/dev/null
  fi
  echo "$folder/pwsh"
}

# The GRBL firmware peer (tools/grbl-peer) is compiled with gcc and make, patched with patch and put
# behind a pseudo-terminal by socat; taskset (util-linux, always there) keeps it on one core.
ensure_grbl_peer_tools() {
  local missing=()
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v patch >/dev/null 2>&1 || missing+=(patch)
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  # pgrep finds the firmware process, kill stops and continues it in tests.
  { command -v pgrep >/dev/null 2>&1 && { [ -x /bin/kill ] || [ -x /usr/bin/kill ]; }; } || missing+=(procps)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}
